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


def test_a_late_confirmations_lock_up_and_fee_holding_period_count_from_the_confirmation_day(
    db, investor, desk, catalogue
):
    from investing.errors import InvestingErrorCode
    from investing.models import FundOrderLot
    from products.kinds import LiquidityKind, ProductKind
    from tests.products.conftest import nav_points

    # Locked for 7 days; the redemption fee is 1.5% under 7 days held, 0.5% from 7 days on.
    fund = catalogue.on_sale(
        ProductKind.EQUITY_FUND,
        "T-EQ-LOCK",
        liquidity=LiquidityKind.LOCKED,
        lock_days=7,
        history_points=nav_points(400, end=THU),
    )
    user = investor("C3")
    desk.subscribe(user, fund, "10000.00")  # Thursday: confirmed on Friday, its date of record
    desk.on(TUE, 9)  # Friday's and Monday's runs were skipped; Tuesday's confirms it
    desk.run(DailyJob.CONFIRM_ORDERS, TUE)
    with db.read() as session:
        lot = session.scalars(select(FundLot).where(FundLot.product_id == fund)).one()
    week = FRI + timedelta(days=7)  # Friday 2026-12-04, not Tuesday + 7
    assert (lot.acquired_on, lot.locked_until) == (FRI, week)
    held = str(desk.units(user, fund))
    desk.on(week - timedelta(days=1), 10)
    with pytest.raises(DomainError) as locked:
        desk.redeem(user, fund, units=held)
    assert locked.value.code is InvestingErrorCode.REDEMPTION_LOCKED and week.isoformat() in locked.value.message
    desk.on(week, 10)  # 7 days after the date of record (3 after the run): free, and the 0.5% tier
    order_id = desk.redeem(user, fund, units=held)
    with db.read() as session:
        rates = session.scalars(select(FundOrderLot.fee_rate).where(FundOrderLot.order_id == order_id)).all()
    assert rates == [D("0.005")]
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


CORRECT_NAV = """mutation($i: CorrectNavInput!) { correctNav(input: $i) {
  navCorrection { id date oldNav newNav status requestedBy } userErrors { field code } } }"""
APPROVE_NAV = """mutation($i: DecideNavCorrectionInput!) { approveNavCorrection(input: $i) {
  navCorrection { id status decidedAt } repricing { orders unitsIssued cashPaid { amount } }
  userErrors { field code } } }"""
NAV_AUDIT = """query($id: ID!) { productAuditLog(productId: $id, first: 5) {
  nodes { actor action changes { field before after } } } }"""


def test_a_nav_correction_over_graphql_needs_a_second_product_manager_and_is_audited(
    gql, db, funds, investor, desk, staff
):
    buyer = investor("C3")
    bought = desk.subscribe(buyer, funds.equity, "10000.00")  # Thursday, priced at Thursday's NAV
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    old_nav, units_before = desk.order(bought).nav, desk.order(bought).units
    new_nav = old_nav - D("0.0500")
    pm1, pm2 = gql.as_user("pm1@example.com"), gql.as_user("pm2@example.com")
    asked = pm1.data(
        CORRECT_NAV, {"i": {"productId": product_gid(funds.equity), "date": THU.isoformat(), "nav": str(new_nav)}}
    )["correctNav"]
    assert asked["userErrors"] == []
    correction = asked["navCorrection"]
    assert (correction["oldNav"], correction["newNav"], correction["status"], correction["requestedBy"]) == (
        str(old_nav),
        str(new_nav),
        "PENDING",
        "pm1@example.com",
    )
    # Four eyes: the requester cannot approve their own correction, and nothing changes.
    own = pm1.data(APPROVE_NAV, {"i": {"correctionId": correction["id"]}})["approveNavCorrection"]
    assert own["repricing"] is None and [e["code"] for e in own["userErrors"]] == ["SAME_APPROVER"]
    assert desk.order(bought).units == units_before and desk.order(bought).nav == old_nav
    approved = pm2.data(APPROVE_NAV, {"i": {"correctionId": correction["id"]}})["approveNavCorrection"]
    assert approved["userErrors"] == [] and approved["navCorrection"]["status"] == "APPROVED"
    issued = desk.order(bought).units - units_before
    assert issued > 0 and approved["repricing"]["orders"] == 1
    assert (
        D(approved["repricing"]["unitsIssued"]) == D(issued) / 100
        and approved["repricing"]["cashPaid"]["amount"] == "0.00"
    )
    assert desk.order(bought).nav == new_nav
    entries = gql.as_user("ops@example.com").data(NAV_AUDIT, {"id": product_gid(funds.equity)})["productAuditLog"][
        "nodes"
    ]
    applied, requested = entries[0], entries[1]
    assert (applied["action"], applied["actor"]) == ("NAV_CORRECTED", "pm2@example.com")
    assert (requested["action"], requested["actor"]) == ("NAV_CORRECTION_REQUESTED", "pm1@example.com")
    for entry in (applied, requested):
        [change] = [c for c in entry["changes"] if c["field"] == f"nav@{THU.isoformat()}"]
        assert (D(change["before"]), D(change["after"])) == (old_nav, new_nav)
    # Approved once: a second approval is refused.
    again = pm2.data(APPROVE_NAV, {"i": {"correctionId": correction["id"]}})["approveNavCorrection"]
    assert [e["code"] for e in again["userErrors"]] == ["CHANGE_REQUEST_NOT_PENDING"]
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
