"""Dates of record never depend on when a job ran: a late confirmation still confirms on T+1
and its holder earns from then; a normal money-fund redemption earns until the day before its
confirmation; a corrected NAV re-prices what was confirmed at it without taking anything back;
yesterday's income of an equity holding counts only what the units lived through."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.errors import DomainError
from investing import repricing
from investing.kinds import DailyJob, OrderStatus
from investing.models import FundLot
from tests.conftest import PASSWORD
from tests.ids import product_gid
from tests.investing.conftest import D

THU, FRI, SAT, SUN, MON, TUE = (date(2026, 11, 26) + timedelta(days=n) for n in (0, 1, 2, 3, 4, 5))


def income_days(desk, catalogue, fund, first: date, last: date, value: str = "1.0000") -> None:
    day = first
    while day <= last:
        if day > THU:  # the fixture recorded the days up to Thursday
            catalogue.record_income(fund, day, value)
        desk.run(DailyJob.ACCRUE_INCOME, day)
        day += timedelta(days=1)


def test_a_late_confirmation_confirms_on_the_confirmation_day_and_loses_no_income(db, funds, investor, desk, catalogue):
    on_time, late = investor("C1"), investor("C1")
    for user in (on_time, late):
        desk.subscribe(user, funds.mmf, "10000.00")  # Thursday 10:00: trade day Thursday, confirmed Friday
    desk.on(FRI, 9)
    assert desk.order(1).confirm_day == FRI  # fixed when it was placed
    # Nobody runs Friday's confirmation; Tuesday's run confirms the order on its day of record.
    desk.on(TUE, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, TUE)
    for order_id in (1, 2):
        assert desk.order(order_id).status is OrderStatus.CONFIRMED and desk.order(order_id).confirm_day == FRI
    with db.read() as session:
        assert set(session.scalars(select(FundLot.acquired_on))) == {FRI}
    income_days(desk, catalogue, funds.mmf, THU, MON)  # 1.00 a day for 10,000 units, Friday to Monday
    assert desk.units(on_time, funds.mmf) == desk.units(late, funds.mmf) == D("10004.00")
    assert desk.problems() == []


def test_a_normal_redemption_earns_until_the_day_before_its_confirmation(db, funds, investor, desk, catalogue):
    normal, fast = investor("C1", deposit="20000"), investor("C1", deposit="20000")
    for user in (normal, fast):
        desk.subscribe(user, funds.mmf, "20000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(FRI, 16)  # after the cut-off: trade day Monday, confirmed Tuesday
    order = desk.redeem(normal, funds.mmf, units="10000.00")
    assert desk.order(order).confirm_day == TUE
    desk.redeem(fast, funds.mmf, units="10000.00", fast=True)  # stops earning at once
    desk.on(TUE, 9)
    income_days(desk, catalogue, funds.mmf, THU, MON)
    # Friday .. Monday: the redeeming holder earns on 20,000 units (2.00 a day), the fast one on 10,000.
    assert desk.units(normal, funds.mmf) == D("10000.00") + D("8.00")
    assert desk.units(fast, funds.mmf) == D("10000.00") + D("1.00") * 4
    desk.run(DailyJob.CONFIRM_ORDERS, TUE)
    assert desk.cash(normal) == D("10000.00")
    assert desk.problems() == []


PORTFOLIO = "{ me { portfolio { holdings { product { id } units yesterdayIncome { amount } } } } }"


def test_yesterdays_equity_income_counts_only_moves_the_units_lived_through(gql, db, funds, investor, desk, catalogue):
    early, new = investor("C3"), investor("C3")
    desk.on(date(2026, 11, 24), 10)  # Tuesday
    desk.subscribe(early, funds.equity, "10000.00")
    desk.on(FRI, 10)
    desk.subscribe(new, funds.equity, "10000.00")  # priced at Friday's NAV, confirmed Monday
    catalogue.record_nav(funds.equity, FRI, "1.5000")  # Friday: a big move, recorded after the close
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)

    def yesterday(user) -> tuple[Decimal, Decimal]:
        holdings = gql.as_user(user.email, PASSWORD).data(PORTFOLIO)["me"]["portfolio"]["holdings"]
        [held] = [h for h in holdings if h["product"]["id"] == product_gid(funds.equity)]
        return Decimal(held["yesterdayIncome"]["amount"]), Decimal(held["units"])

    with db.read() as session:
        from products.prices import latest_navs

        navs = latest_navs(session=session, product_ids=[funds.equity], up_to=FRI)[funds.equity]
    move = navs[0][1] - navs[1][1]
    assert navs[0][0] == FRI and move > 0
    # Monday before the close, "yesterday" is Friday, the last trading day with a NAV.
    income_early, units_early = yesterday(early)
    assert income_early == (units_early * move).quantize(Decimal("0.01"))
    income_new, units_new = yesterday(new)
    assert units_new > 0 and income_new == 0  # bought at Friday's NAV: Thursday -> Friday was not theirs


def test_a_corrected_nav_reprices_without_taking_anything_back(db, funds, investor, desk, catalogue, staff, clock):
    from products import history
    from products.audit import Actor

    buyer, seller = investor("C3"), investor("C3")
    desk.on(date(2026, 11, 23), 10)  # Monday: the seller buys first
    desk.subscribe(seller, funds.equity, "10000.00")
    desk.on(date(2026, 11, 24), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 24))
    desk.on(THU, 10)
    bought = desk.subscribe(buyer, funds.equity, "10000.00")
    sold = desk.redeem(seller, funds.equity, units=str(desk.units(seller, funds.equity)))
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    units_before, cash_before = desk.order(bought).units, desk.order(sold).cash
    nav = desk.order(bought).nav
    pm1, pm2 = Actor.user(staff["pm1"].id, "pm1@example.com"), Actor.user(staff["pm2"].id, "pm2@example.com")

    def correct(new_nav: Decimal):
        with db.write() as session:
            request = history.request_nav_correction(
                session=session, clock=clock, actor=pm1, product_id=funds.equity, day=THU, nav=new_nav
            )
        with pytest.raises(DomainError) as same, db.write() as session:
            repricing.approve_nav_correction(session=session, clock=clock, actor=pm1, correction_id=request.id)
        assert str(same.value.code) == "SAME_APPROVER"
        with db.write() as session:
            return repricing.approve_nav_correction(session=session, clock=clock, actor=pm2, correction_id=request.id)[
                1
            ]

    lower = correct(nav - D("0.1000"))  # the buyer got too few units; the seller too much cash
    assert lower.orders == 2 and lower.units_issued > 0 and lower.cash_paid == 0 and lower.borne > 0
    assert desk.order(bought).units > units_before and desk.order(sold).cash == cash_before  # kept
    higher = correct(nav + D("0.1000"))  # now the seller got too little: paid; the buyer keeps units
    assert higher.cash_paid > 0 and desk.order(sold).cash > cash_before
    assert desk.order(bought).units > units_before
    assert desk.problems() == []


def test_the_latest_nav_comes_from_the_recorded_navs(gql, db, catalogue, staff, clock, settings):
    from products import service
    from products.kinds import ProductKind
    from tests.products.conftest import common_terms

    with db.write() as session:
        product_id = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=catalogue.pm1,
            kind=ProductKind.EQUITY_FUND,
            common=common_terms(ProductKind.EQUITY_FUND, "T-FEW"),
        ).id
    catalogue.record_nav(product_id, date(2026, 11, 25), "1.2345")  # one NAV: too few for figures
    pm = gql.as_user("pm1@example.com")
    product = pm.data(
        "query($id: ID!) { product(id: $id) { latestNav latestNavDate figures { asOf } } }",
        {"id": product_gid(product_id)},
    )["product"]
    assert product == {"latestNav": "1.2345", "latestNavDate": "2026-11-25", "figures": None}
