"""Investing over GraphQL: orders, the portfolio exactly as the issue names it, the wallet
history with investing lines, no N+1, and every bad input refused with a code and a field
while nothing is written."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import event

from investing.kinds import DailyJob
from products.kinds import ProductKind, ProductStatus
from tests.conftest import SHANGHAI
from tests.ids import gid, product_gid
from tests.investing.conftest import D, snapshot
from tests.products.conftest import income_points

ERRORS = "userErrors { field code message }"
ORDER = "order { id side status fast amount { amount } fee { amount } expectedUnits units nav cash { amount } tradeDate confirmDate cashDate cancellableUntil acknowledgedWarningId product { id code } }"
SUBSCRIBE = f"mutation($i: SubscribeInput!) {{ subscribe(input: $i) {{ {ORDER} {ERRORS} }} }}"
REDEEM = f"mutation($i: RedeemInput!) {{ redeem(input: $i) {{ {ORDER} {ERRORS} }} }}"
CANCEL = f"mutation($i: CancelOrderInput!) {{ cancelOrder(input: $i) {{ {ORDER} {ERRORS} }} }}"
PORTFOLIO = """query($first: Int, $after: String) { me { portfolio {
  totalValue { amount currency } cash { amount } inTransit { amount }
  holdings { product { id code } units value { amount } costBasis { amount } unrealizedGain { amount }
             yesterdayIncome { amount } cumulativeIncome { amount } }
  orders(first: $first, after: $after) { nodes { id side status product { code } } pageInfo { hasNextPage endCursor } }
} } }"""
HISTORY = "{ wallet { transactions(first: 50) { nodes { kind amount { amount } incoming fee { amount } } } } }"
SUITABILITY = "query($l: RiskLevel!) { suitability(productRiskLevel: $l) { decision warning { id } } }"

SAT = date(2026, 11, 28)


def payload(client, document: str, **values) -> dict:
    return next(iter(client.data(document, {"i": values}).values()))


def money(node) -> Decimal:
    return Decimal(node["amount"])


def test_a_customer_invests_and_sees_the_portfolio(gql, db, funds, investor, desk, catalogue, clock):
    user = investor("C3")
    client = gql.as_user(user.email)
    placed = payload(client, SUBSCRIBE, productId=product_gid(funds.mmf), amount="10000.00", idempotencyKey="a")
    assert placed["userErrors"] == []
    order = placed["order"]
    assert (order["side"], order["status"], order["amount"], order["fee"], order["expectedUnits"]) == (
        "SUBSCRIBE",
        "PENDING",
        {"amount": "10000.00"},
        {"amount": "0.00"},
        "10000.00",
    )
    assert order["tradeDate"] == "2026-11-26" and order["cancellableUntil"] == "2026-11-26T15:00:00+08:00"
    assert order["product"] == {"id": product_gid(funds.mmf), "code": "T-MMF"}
    payload(client, SUBSCRIBE, productId=product_gid(funds.equity), amount="5060.00", idempotencyKey="b")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    client = gql.as_user(user.email)  # two days later: a fresh access token
    fast = payload(client, REDEEM, productId=product_gid(funds.mmf), amount="1000.00", fast=True, idempotencyKey="c")
    assert fast["userErrors"] == []
    fast = fast["order"]
    assert (fast["status"], fast["fast"], fast["cash"]) == ("CONFIRMED", True, {"amount": "1000.00"})

    view = client.data(PORTFOLIO, {"first": 2})["me"]["portfolio"]
    mmf, equity = sorted(view["holdings"], key=lambda h: h["product"]["code"])[::-1]
    assert mmf["product"]["code"] == "T-MMF" and equity["product"]["code"] == "T-EQ"
    # The money fund: 10,000 bought, 0.50 of income reinvested, 1,000 redeemed at once.
    assert (mmf["units"], money(mmf["value"]), money(mmf["costBasis"])) == ("9000.50", D("9000.50"), D("9000.00"))
    assert money(mmf["unrealizedGain"]) == money(mmf["yesterdayIncome"]) == money(mmf["cumulativeIncome"]) == D("0.50")
    # The equity fund: 5,060.00 paid (60.00 fee), valued at the latest NAV.
    assert money(equity["costBasis"]) == D("5060.00")
    assert money(equity["unrealizedGain"]) == money(equity["value"]) - D("5060.00") == money(equity["cumulativeIncome"])
    assert money(view["cash"]) == desk.cash(user) == D("85940.00")
    assert money(view["totalValue"]) == money(view["cash"]) + money(mmf["value"]) + money(equity["value"]) + money(
        view["inTransit"]
    )
    assert view["totalValue"]["currency"] == "CNY"
    first_page = view["orders"]
    assert [n["side"] for n in first_page["nodes"]] == ["REDEEM", "SUBSCRIBE"] and first_page["pageInfo"]["hasNextPage"]
    rest = client.data(PORTFOLIO, {"first": 2, "after": first_page["pageInfo"]["endCursor"]})["me"]["portfolio"][
        "orders"
    ]
    assert [n["product"]["code"] for n in rest["nodes"]] == ["T-MMF"] and not rest["pageInfo"]["hasNextPage"]

    lines = client.data(HISTORY)["wallet"]["transactions"]["nodes"]
    # a subscription and its fee are one line
    assert [(line["kind"], line["amount"]["amount"], line["incoming"], line["fee"]) for line in lines[:4]] == [
        ("REDEMPTION", "1000.00", True, None),
        ("INCOME", "0.50", True, None),
        ("SUBSCRIPTION", "5000.00", False, {"amount": "60.00"}),
        ("SUBSCRIPTION", "10000.00", False, None),
    ]


def test_the_portfolio_costs_the_same_statements_whatever_the_number_of_holdings(gql, db, funds, investor, desk):
    few, many = investor("C5"), investor("C5")
    for product_id in (funds.mmf, funds.equity, funds.p2p):  # one of each kind
        desk.subscribe(few, product_id, "100.00" if product_id != funds.p2p else "1000.00")
    for product_id in (funds.mmf, funds.mmf_t1, funds.equity, funds.risky, funds.p2p):
        kwargs = {}
        if product_id == funds.risky:
            from core.risk import RiskLevel
            from questionnaire import profiles, suitability

            with db.read() as session:
                profile = profiles.current_profile(session=session, user_id=many.id, clock=desk.clock)
            warning = suitability.check(profile=profile, product_risk_level=RiskLevel.R5).warning
            kwargs = {"acknowledged_warning_id": warning.id if warning else None}
        desk.subscribe(many, product_id, "1000.00", **kwargs)
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))

    def statements(email: str) -> int:
        client = gql.as_user(email)
        count = []
        listener = lambda *args: count.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            view = client.data(PORTFOLIO, {"first": 10})["me"]["portfolio"]
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(count), len(view["holdings"])

    assert statements(few.email)[1] == 3 and statements(many.email)[1] == 5
    assert statements(few.email)[0] == statements(many.email)[0]


# --- bad input -------------------------------------------------------------------------------


@pytest.fixture
def closed_fund(catalogue, clock):
    product_id = catalogue.on_sale(
        ProductKind.MONEY_FUND, "T-MMF-OLD", history_points=income_points(10, end=clock.today())
    )
    catalogue.set_status(product_id, ProductStatus.SUSPENDED)
    catalogue.set_status(product_id, ProductStatus.CLOSED)
    return product_id


def test_bad_subscriptions_are_refused_with_a_code_and_nothing_is_written(gql, db, funds, investor, closed_fund):
    saver, cautious, plain = investor("C3"), investor("lowest"), investor("C3", deposit="100")
    client, cautious_client, plain_client = (
        gql.as_user(saver.email),
        gql.as_user(cautious.email),
        gql.as_user(plain.email),
    )
    before = snapshot(db)
    cases = [
        (client, dict(productId="999999", amount="10.00"), "PRODUCT_NOT_FOUND", "productId"),
        (client, dict(productId="not-an-id", amount="10.00"), "PRODUCT_NOT_FOUND", "productId"),
        (client, dict(productId=product_gid(closed_fund), amount="10.00"), "PRODUCT_NOT_ON_SALE", "productId"),
        (client, dict(productId=product_gid(funds.equity), amount="9.99"), "AMOUNT_BELOW_MINIMUM", "amount"),
        (client, dict(productId=product_gid(funds.mmf), amount="1.234"), "INVALID_AMOUNT", "amount"),
        (client, dict(productId=product_gid(funds.mmf), amount="-5.00"), "INVALID_AMOUNT", "amount"),
        (plain_client, dict(productId=product_gid(funds.mmf), amount="100.01"), "INSUFFICIENT_FUNDS", "amount"),
        (
            client,
            dict(productId=product_gid(funds.risky), amount="100.00"),
            "ACKNOWLEDGEMENT_REQUIRED",
            "acknowledgedWarningId",
        ),
        (
            client,
            dict(
                productId=product_gid(funds.risky), amount="100.00", acknowledgedWarningId="RW-999999-R5-ABOVE_CATEGORY"
            ),
            "ACKNOWLEDGEMENT_REQUIRED",
            "acknowledgedWarningId",
        ),
        (
            cautious_client,
            dict(productId=product_gid(funds.p2p), amount="1000.00"),
            "SUITABILITY_FORBIDDEN",
            "productId",
        ),
        (
            client,
            dict(productId=product_gid(funds.abs_unit), amount="1000000.00"),
            "SUITABILITY_FORBIDDEN",
            "productId",
        ),
        (
            client,
            dict(productId=product_gid(funds.mmf), amount="10.00", idempotencyKey=" "),
            "INVALID_IDEMPOTENCY_KEY",
            "idempotencyKey",
        ),
    ]
    for who, values, code, field in cases:
        result = payload(who, SUBSCRIBE, **{"idempotencyKey": "k", **values})
        assert result["order"] is None, values
        assert [(e["code"], e["field"]) for e in result["userErrors"]] == [(code, field)], values
    assert snapshot(db) == before

    # The same customers, asking properly, get their orders.
    warning = client.data(SUITABILITY, {"l": "R5"})["suitability"]["warning"]["id"]
    accepted = payload(
        client,
        SUBSCRIBE,
        productId=product_gid(funds.risky),
        amount="100.00",
        acknowledgedWarningId=warning,
        idempotencyKey="k",
    )
    assert accepted["userErrors"] == [] and accepted["order"]["acknowledgedWarningId"] == warning
    assert (
        payload(cautious_client, SUBSCRIBE, productId=product_gid(funds.mmf), amount="100.00", idempotencyKey="k")[
            "userErrors"
        ]
        == []
    )


def test_bad_redemptions_and_late_cancellations_are_refused_and_nothing_is_written(
    gql, db, funds, investor, desk, clock
):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "20000.00")
    desk.subscribe(user, funds.p2p, "1000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(date(2026, 11, 27), 10)
    desk.redeem(user, funds.mmf, amount="9000.00", fast=True)
    late = desk.subscribe(user, funds.mmf, "50.00")
    clock.set(datetime(2026, 11, 27, 15, 0, 1, tzinfo=SHANGHAI))
    client = gql.as_user(user.email)
    before = snapshot(db)
    cases = [
        (dict(productId=product_gid(funds.mmf), units="20000.00"), "INSUFFICIENT_UNITS", "units"),
        (dict(productId=product_gid(funds.mmf), units="10.00", amount="10.00"), "UNITS_OR_AMOUNT", "units"),
        (dict(productId=product_gid(funds.mmf)), "UNITS_OR_AMOUNT", "units"),
        (dict(productId=product_gid(funds.equity), amount="10.00"), "UNITS_OR_AMOUNT", "amount"),
        (dict(productId=product_gid(funds.mmf), units="1.001"), "INVALID_DECIMAL", "units"),
        (dict(productId=product_gid(funds.mmf), amount="1000.01", fast=True), "FAST_REDEMPTION_LIMIT", "amount"),
        (dict(productId=product_gid(funds.mmf_t1), amount="1.00", fast=True), "FAST_REDEMPTION_NOT_AVAILABLE", "fast"),
        (dict(productId=product_gid(funds.p2p), units="10.00"), "REDEMPTION_LOCKED", "units"),
        (dict(productId="42424242", units="10.00"), "PRODUCT_NOT_FOUND", "productId"),
    ]
    for values, code, field in cases:
        result = payload(client, REDEEM, idempotencyKey="r", **values)
        assert result["order"] is None, values
        assert [(e["code"], e["field"]) for e in result["userErrors"]] == [(code, field)], values
    limit = payload(client, REDEEM, productId=product_gid(funds.mmf), amount="1000.01", fast=True, idempotencyKey="r")
    assert "¥1,000.00 is left today" in limit["userErrors"][0]["message"]
    late_cancel = payload(client, CANCEL, orderId=gid("FundOrder", late))
    assert [(e["code"], e["field"]) for e in late_cancel["userErrors"]] == [("CUT_OFF_PASSED", "orderId")]
    assert snapshot(db) == before


HUGE = str(2**64)


def test_crafted_ids_and_cursors_are_refused_before_the_database(gql, db, funds, investor):
    user = investor("C3")
    client = gql.as_user(user.email)
    body = client.execute("query($id: ID!) { fundOrder(id: $id) { id } }", {"id": HUGE})
    assert body == {"data": {"fundOrder": None}}
    cancel = payload(client, CANCEL, orderId=HUGE)
    assert [(e["code"], e["field"]) for e in cancel["userErrors"]] == [("NOT_FOUND", "orderId")]
    placed = payload(client, SUBSCRIBE, productId=HUGE, amount="10.00", idempotencyKey="x")
    assert [(e["code"], e["field"]) for e in placed["userErrors"]] == [("PRODUCT_NOT_FOUND", "productId")]
    for key in (["1"], [2**70], [1, 2]):
        cursor = base64.urlsafe_b64encode(json.dumps(key).encode()).decode()
        body = client.execute(PORTFOLIO, {"first": 1, "after": cursor})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_CURSOR"], key


CORRECT = """mutation($i: CorrectMoneyFundIncomeInput!) { correctMoneyFundIncome(input: $i) {
  income { productId date incomePer10kUnits holders total { amount } } userErrors { field code message } } }"""


def test_operators_correct_a_distributed_day_over_graphql(gql, db, funds, investor, desk, catalogue):
    user = investor("C1")
    desk.subscribe(user, funds.mmf, "20000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    desk.on(SAT, 11)
    values = {"productId": product_gid(funds.mmf), "date": "2026-11-27", "incomePer10kUnits": "0.4500"}
    refused = payload(gql.as_user(user.email), CORRECT, **values)
    assert refused["userErrors"][0]["code"] == "FORBIDDEN" and desk.units(user, funds.mmf) == D("20001.00")
    corrected = payload(gql.as_user("ops@example.com"), CORRECT, **values)
    assert corrected == {
        "income": {
            "productId": product_gid(funds.mmf),
            "date": "2026-11-27",
            "incomePer10kUnits": "0.4500",
            "holders": 1,
            "total": {"amount": "0.90"},
        },
        "userErrors": [],
    }
    assert desk.units(user, funds.mmf) == D("20000.90")
    lines = gql.as_user(user.email).data(HISTORY)["wallet"]["transactions"]["nodes"]
    kinds = [(line["kind"], line["amount"]["amount"]) for line in lines[:3]]
    # At 11:00 the day's 1.00 is reversed and 0.90 distributed instead; at 9:00 the 1.00 came.
    assert sorted(kinds[:2]) == [("INCOME", "0.90"), ("NEGATIVE_INCOME", "1.00")] and kinds[2] == ("INCOME", "1.00")
    future = payload(gql.as_user("ops@example.com"), CORRECT, **{**values, "date": "2026-11-28"})
    assert [(e["code"], e["field"]) for e in future["userErrors"]] == [("INSUFFICIENT_DATA", "date")]
    assert desk.problems() == []
