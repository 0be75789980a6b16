"""The cut-off and the Shanghai exchange calendar: an order placed on Friday 2026-02-13 at
16:00, after the cut-off and before the Spring Festival holiday (the exchange is closed from
02-14 to 02-23), belongs to Tuesday 02-24, is confirmed on Wednesday 02-25, and earns
money-fund income from 02-25 on, every calendar day, weekends included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.clock import ManualClock
from investing.kinds import DailyJob, OrderStatus
from tests.investing.conftest import D, at

FRIDAY = date(2026, 2, 13)
TRADE_DAY = date(2026, 2, 24)
CONFIRMED = date(2026, 2, 25)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(at(FRIDAY, 14, 59))


def test_a_friday_order_after_the_cut_off_before_spring_festival(db, funds, investor, desk, catalogue):
    early, late = investor("C1"), investor("C1")
    before_cut_off = desk.subscribe(early, funds.mmf, "10000.00")  # 14:59: trade day Friday itself
    desk.on(FRIDAY, 16)
    after_cut_off = desk.subscribe(late, funds.mmf, "10000.00")
    assert desk.order(before_cut_off).trade_day == FRIDAY
    assert desk.order(after_cut_off).trade_day == TRADE_DAY

    day = FRIDAY
    while day < TRADE_DAY:  # the holiday: jobs on closed days confirm nothing
        day += timedelta(days=1)
        desk.on(day, 9)
        desk.run(DailyJob.CONFIRM_ORDERS, day)
        if day == date(2026, 2, 20):  # still cancellable on a holiday before its trade day's cut-off
            assert desk.order(after_cut_off).status is OrderStatus.PENDING
    # 02-24 confirms Friday's orders (T+1 is the next trading day); the late order is its trade day's.
    assert desk.order(before_cut_off).confirm_day == TRADE_DAY
    assert desk.order(after_cut_off).status is OrderStatus.PENDING
    assert desk.units(late, funds.mmf) == 0

    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)
    assert desk.order(after_cut_off).confirm_day == CONFIRMED
    assert desk.units(late, funds.mmf) == D("10000.00")

    # Income of every calendar day from 02-24 to Sunday 03-01, 1.0000 per 10,000 units: 1.00 a day.
    last = date(2026, 3, 1)
    desk.on(last + timedelta(days=1), 9)
    day = TRADE_DAY
    while day <= last:
        catalogue.record_income(funds.mmf, day, "1.0000")
        desk.run(DailyJob.ACCRUE_INCOME, day)
        day += timedelta(days=1)
    assert desk.units(early, funds.mmf) == D("10006.00")  # 02-24 .. 03-01: 6 days (its units from 02-24)
    assert desk.units(late, funds.mmf) == D("10005.00")  # 02-25 .. 03-01: 5 days, from the confirmation day
    assert desk.problems() == []
