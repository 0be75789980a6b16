"""Distributions of equity funds (SQLite and PostgreSQL): recorded by one product manager and
approved by another, paid once on the pay date to the holders at the record date (cash for one,
reinvested at the ex-date NAV for another, nothing for units bought after the record date),
truncated to the fen with the residue left in the fund, and never a loss in performance."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select

from advisor.performance import Period, performance
from investing.dividends import pay_distributions
from investing.kinds import DailyJob
from investing.models import DistributionPayment
from tests.ids import product_gid
from tests.investing.conftest import snapshot

RECORD = """mutation($i: RecordDistributionInput!) { recordDistribution(input: $i) {
  distribution { id status recordDate exDate payDate amountPerUnit } userErrors { code field message } } }"""
APPROVE = """mutation($i: DecideDistributionInput!) { approveDistribution(input: $i) {
  distribution { id status } userErrors { code field message } } }"""
CHOICE = (
    """mutation($i: SetDividendChoiceInput!) { setDividendChoice(input: $i) { choice userErrors { code field } } }"""
)


def test_a_distribution_pays_the_holders_at_the_record_date_once(
    db, gql, clock, settings, funds, catalogue, staff, investor, desk
):
    reinvestor, cash_taker, latecomer = investor("C3"), investor("C3"), investor("C3")
    desk.on(date(2026, 11, 26), 10)
    desk.subscribe(reinvestor, funds.equity, "10000.00")
    desk.subscribe(cash_taker, funds.equity, "20000.00")
    answer = gql.as_user(reinvestor.email).data(
        CHOICE, {"i": {"productId": product_gid(funds.equity), "choice": "REINVEST"}}
    )["setDividendChoice"]
    assert answer == {"choice": "REINVEST", "userErrors": []}
    refused = gql.as_user(reinvestor.email).data(CHOICE, {"i": {"productId": product_gid(funds.mmf), "choice": "CASH"}})
    assert [e["code"] for e in refused["setDividendChoice"]["userErrors"]] == ["WRONG_PRODUCT_KIND"]
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    catalogue.record_nav(funds.equity, date(2026, 11, 27), "1.0500")

    pm1, pm2 = gql.as_user(staff["pm1"].email), gql.as_user(staff["pm2"].email)
    asked = {
        "productId": product_gid(funds.equity),
        "recordDate": "2026-11-30",
        "exDate": "2026-12-01",
        "payDate": "2026-12-02",
        "amountPerUnit": "0.0500",
    }
    wrong = pm1.data(RECORD, {"i": {**asked, "exDate": "2026-11-29"}})["recordDistribution"]["userErrors"]
    assert wrong[0]["code"] == "INVALID_DISTRIBUTION"
    recorded = pm1.data(RECORD, {"i": asked})["recordDistribution"]
    assert recorded["userErrors"] == [] and recorded["distribution"]["status"] == "REQUESTED"
    same = pm1.data(APPROVE, {"i": {"distributionId": recorded["distribution"]["id"]}})["approveDistribution"]
    assert [e["code"] for e in same["userErrors"]] == ["SAME_APPROVER"]
    approved = pm2.data(APPROVE, {"i": {"distributionId": recorded["distribution"]["id"]}})["approveDistribution"]
    assert approved["distribution"]["status"] == "APPROVED"
    customer = gql.as_user(cash_taker.email).data(RECORD, {"i": asked})["recordDistribution"]
    assert [e["code"] for e in customer["userErrors"]] == ["FORBIDDEN"]

    desk.on(date(2026, 11, 30), 10)
    desk.subscribe(latecomer, funds.equity, "5000.00")  # confirmed on 12-01: after the record date
    catalogue.record_nav(funds.equity, date(2026, 11, 30), "1.0500")
    desk.on(date(2026, 12, 1), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 1))
    desk.on(date(2026, 12, 1), 10)
    desk.redeem(cash_taker, funds.equity, units="1000.00")  # sold after the record date: still entitled
    catalogue.record_nav(funds.equity, date(2026, 12, 1), "1.0000")  # the ex-date NAV, after the distribution
    units_before = {u.id: desk.units(u, funds.equity) for u in (reinvestor, cash_taker, latecomer)}
    held_at_record = {reinvestor.id: units_before[reinvestor.id], cash_taker.id: units_before[cash_taker.id] + 1000}
    cash_before = desk.cash(cash_taker)
    desk.on(date(2026, 12, 2), 9)
    run = pay_distributions(database=db, clock=clock, day=date(2026, 12, 2))
    assert run.distributions == 1 and run.holders == 2
    after_first = snapshot(db)
    again = pay_distributions(database=db, clock=clock, day=date(2026, 12, 2))
    assert again.distributions == 0 and snapshot(db) == after_first  # paid once

    amount = {
        uid: (units * Decimal("0.05")).quantize(Decimal("0.01"), ROUND_DOWN) for uid, units in held_at_record.items()
    }
    assert desk.cash(cash_taker) == cash_before + amount[cash_taker.id]
    bought = (amount[reinvestor.id] / Decimal("1.0000")).quantize(Decimal("0.01"), ROUND_DOWN)
    assert desk.units(reinvestor, funds.equity) == units_before[reinvestor.id] + bought
    assert desk.units(latecomer, funds.equity) == units_before[latecomer.id]  # not entitled
    with db.read() as session:
        paid = {p.user_id: p for p in session.scalars(select(DistributionPayment))}
    assert set(paid) == {reinvestor.id, cash_taker.id}
    assert sum(p.amount for p in paid.values()) <= sum(held_at_record.values()) * 5  # residue stays with the fund
    assert desk.problems() == []

    catalogue.record_nav(funds.equity, date(2026, 12, 2), "1.0000")
    desk.on(date(2026, 12, 2), 16)
    with db.read() as session:  # the distribution is no loss: the NAV fell by what was paid out
        found = performance(
            session, clock=clock, user_id=reinvestor.id, period=Period.ONE_MONTH, product_ids={funds.equity}
        )
        taker = performance(
            session, clock=clock, user_id=cash_taker.id, period=Period.ONE_MONTH, product_ids={funds.equity}
        )
    assert found.dividends == amount[reinvestor.id] and taker.dividends == amount[cash_taker.id]
    # 10,000 bought units worth units x 1.05 by the record date; after it the value only changes
    # form (NAV down by the amount, the amount receivable, then reinvested): up to truncation, flat
    before_distribution = units_before[reinvestor.id] * Decimal("1.0500") / Decimal("10000") - 1
    assert abs(found.time_weighted_return - before_distribution) < Decimal("0.00001")
