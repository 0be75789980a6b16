"""What an app's screens ask for in one request (issue 15): lists filtered the way a screen
filters them (each filter picks exactly what it names, and its totalCount agrees), the
portfolio's totals, and whether the viewer may buy each product of a catalogue page."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from tests.investing.conftest import JOURNEY_DAY

LINES = """query($kinds: [TransactionKind!], $statuses: [TransactionStatus!], $from: Date, $to: Date) {
  wallet { transactions(first: 100, kinds: $kinds, statuses: $statuses, from: $from, to: $to) {
    totalCount nodes { id kind status createdAt } } } }"""
PAYMENTS = """query($role: PaymentRole, $status: PaymentStatus) {
  wallet { payments(first: 100, role: $role, status: $status) { totalCount nodes { id status } } } }"""
ORDERS = """query($status: OrderStatus, $product: ID) { me { portfolio {
  orders(first: 100, status: $status, productId: $product) { totalCount nodes { id status product { id } } } } } }"""
PORTFOLIO = """{ me { portfolio {
  yesterdayIncome { amount } cumulativeIncome { amount } moneyFundBalance { amount }
  holdings { value { amount } yesterdayIncome { amount } cumulativeIncome { amount } product { kind } }
  pendingOrders { id } orders(first: 100, status: PENDING) { nodes { id } } } } }"""
CATALOGUE = """query($search: String) { products(first: 100, search: $search) {
  totalCount nodes { code nameZh nameEn riskLevel qualifiedOnly viewerSuitability { decision warning { id text } } } } }"""
SUITABILITY = """query($level: RiskLevel!) { suitability(productRiskLevel: $level) { decision warning { id text } } }"""


def _lines(client, **variables) -> dict:
    return client.data(LINES, variables)["wallet"]["transactions"]


def test_each_filter_picks_exactly_what_it_names(journey, funds):
    client, stranger, paid, _plan = journey
    every = _lines(client)["nodes"]
    assert every
    for kind, count in Counter(line["kind"] for line in every).items():
        picked = _lines(client, kinds=[kind])
        assert [line["id"] for line in picked["nodes"]] == [line["id"] for line in every if line["kind"] == kind]
        assert picked["totalCount"] == count
    for status in {line["status"] for line in every}:
        assert {line["id"] for line in _lines(client, statuses=[status])["nodes"]} == {
            line["id"] for line in every if line["status"] == status
        }
    # Days are the platform's (Asia/Shanghai): the journey's last day holds the payment, not the purchases.
    last_day = _lines(client, **{"from": str(JOURNEY_DAY), "to": str(JOURNEY_DAY)})["nodes"]
    assert "PAYMENT_SENT" in {line["kind"] for line in last_day} and "SUBSCRIPTION" not in {
        line["kind"] for line in last_day
    }
    assert _lines(client, **{"from": str(JOURNEY_DAY), "to": "2026-11-20"})["totalCount"] == 0

    sent = client.data(PAYMENTS, {"role": "SENT"})["wallet"]["payments"]
    assert [p["id"] for p in sent["nodes"]] == [paid["payment"]["id"]] and sent["totalCount"] == 1
    assert client.data(PAYMENTS, {"role": "RECEIVED"})["wallet"]["payments"]["totalCount"] == 0
    assert stranger.data(PAYMENTS, {"role": "RECEIVED"})["wallet"]["payments"]["totalCount"] == 1
    assert client.data(PAYMENTS, {"status": "REFUNDED"})["wallet"]["payments"]["nodes"] == []

    orders = client.data(ORDERS, {})["me"]["portfolio"]["orders"]
    for product in {order["product"]["id"] for order in orders["nodes"]}:
        mine = client.data(ORDERS, {"product": product})["me"]["portfolio"]["orders"]
        assert {o["id"] for o in mine["nodes"]} == {o["id"] for o in orders["nodes"] if o["product"]["id"] == product}
    confirmed = client.data(ORDERS, {"status": "CONFIRMED"})["me"]["portfolio"]["orders"]
    assert confirmed["totalCount"] == sum(order["status"] == "CONFIRMED" for order in orders["nodes"]) > 0
    assert client.data(ORDERS, {"product": "not-an-id"})["me"]["portfolio"]["orders"]["totalCount"] == 0


def test_the_portfolio_totals_add_up_its_holdings(journey):
    client = journey[0]
    portfolio = client.data(PORTFOLIO)["me"]["portfolio"]
    holdings = portfolio["holdings"]

    def total(key, where=lambda holding: True):
        return sum((Decimal(h[key]["amount"]) for h in holdings if where(h)), Decimal(0))

    assert Decimal(portfolio["yesterdayIncome"]["amount"]) == total("yesterdayIncome")
    assert Decimal(portfolio["cumulativeIncome"]["amount"]) == total("cumulativeIncome")
    money_fund = total("value", lambda h: h["product"]["kind"] == "MONEY_FUND")
    assert Decimal(portfolio["moneyFundBalance"]["amount"]) == money_fund > 0
    assert portfolio["pendingOrders"] == portfolio["orders"]["nodes"]


def test_a_catalogue_page_says_what_the_viewer_may_buy_and_finds_by_code_or_name(journey, gql, funds):
    client = journey[0]
    page = client.data(CATALOGUE, {})["products"]
    assert page["totalCount"] == len(page["nodes"]) > 1
    for product in page["nodes"]:
        alone = client.data(SUITABILITY, {"level": product["riskLevel"]})["suitability"]
        if not product["qualifiedOnly"]:
            assert product["viewerSuitability"] == alone, product["code"]
    assert all(p["viewerSuitability"] is None for p in gql.data(CATALOGUE, {})["products"]["nodes"])  # signed out

    target = next(p for p in page["nodes"] if p["code"] == "T-MMF")
    for text in ("t-mmf", target["nameZh"][-3:], target["nameEn"].upper()):
        found = client.data(CATALOGUE, {"search": text})["products"]
        assert "T-MMF" in [p["code"] for p in found["nodes"]] and found["totalCount"] == len(found["nodes"]), text
    assert client.data(CATALOGUE, {"search": "%"})["products"]["totalCount"] == 0  # a wildcard is a character
