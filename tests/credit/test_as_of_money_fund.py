"""The money-fund balance a credit score reads is the units held at the end of the scoring
date: a subscription confirmed and a fast redemption after it never change that date's
features (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time

from credit import features as credit_features
from investing import jobs, orders
from investing.kinds import DailyJob
from tests.conftest import SHANGHAI
from tests.investing.conftest import catalogue, funds, staff  # noqa: F401 - fixtures
from tests.lending.conftest import D, desk, ready_user, settings  # noqa: F401 - fixtures

FRI, DAY, TUE, WED = date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)


def test_the_money_fund_balance_is_the_one_held_at_the_end_of_the_date(desk, funds):
    saver = desk.ready_user(deposit="50000")

    def subscribe(amount: str) -> None:
        with desk.db.write() as session:
            orders.subscribe(
                session=session,
                clock=desk.clock,
                settings=desk.settings,
                user_id=saver.id,
                product_id=funds.mmf,
                amount=D(amount),
            )

    def money_fund(day: date) -> float:
        with desk.db.read() as session:
            frame = credit_features.compute(session, as_of=day, zone=desk.settings.timezone, user_ids=[saver.id])
        return float(frame["money_fund_balance"].iloc[0])

    subscribe("20000.00")  # Thursday: confirmed on Friday
    desk.at(FRI, 9)
    jobs.run_daily_job(database=desk.db, clock=desk.clock, job=DailyJob.CONFIRM_ORDERS, day=FRI)
    desk.clock.set(datetime.combine(TUE, time(0, 30), SHANGHAI))  # DAY scored on time
    on_time = money_fund(DAY)
    assert on_time == 20000.0

    desk.at(TUE, 10)
    subscribe("10000.00")
    with desk.db.write() as session:
        orders.redeem(
            session=session,
            clock=desk.clock,
            settings=desk.settings,
            user_id=saver.id,
            product_id=funds.mmf,
            units=D("3000.00"),
            fast=True,
        )
    desk.at(WED, 9)
    jobs.run_daily_job(database=desk.db, clock=desk.clock, job=DailyJob.CONFIRM_ORDERS, day=WED)
    assert money_fund(WED) == 27000.0  # what is held now
    assert money_fund(DAY) == on_time  # DAY scored late: the same
    assert desk.problems() == []
