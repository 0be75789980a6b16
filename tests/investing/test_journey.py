"""The whole journey of a new customer through the real app (issue 15), in each language:
register (three mistakes reported at once) → verify identity → bind a card → deposit →
risk questionnaire → recommendation → invest → order confirmations received live over
WebSocket. Every id the client sees is a global id that ``node`` refetches; every message
is in the customer's language."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from investing.kinds import DailyJob
from tests.conftest import GraphQLClient
from tests.ids import decode_kind
from tests.questionnaire.helpers import MODERATE, graphql_answers, offered
from tests.wallet.conftest import card_number, id_number
from tests.wallet.test_subscriptions import _connect, _next, _subscribe

ERRORS = "userErrors { field code message }"
REGISTER = f"mutation($i: RegisterInput!) {{ register(input: $i) {{ token user {{ id locale }} {ERRORS} }} }}"
VERIFY = f"mutation($i: VerifyIdentityInput!) {{ verifyIdentity(input: $i) {{ identity {{ realName }} {ERRORS} }} }}"
BIND = f"mutation($i: BindBankCardInput!) {{ bindBankCard(input: $i) {{ bankCard {{ id last4 }} {ERRORS} }} }}"
DEPOSIT = f"mutation($i: DepositInput!) {{ deposit(input: $i) {{ transaction {{ id status }} {ERRORS} }} }}"
ASSESS = f"""mutation($i: SubmitRiskAssessmentInput!) {{ submitRiskAssessment(input: $i) {{
  assessment {{ id riskCategory }} {ERRORS} }} }}"""
RECOMMEND = f"""mutation($i: RequestRecommendationInput!) {{ requestRecommendation(input: $i) {{
  recommendation {{ id allocations {{ product {{ id name }} amount {{ amount }} }} }} {ERRORS} }} }}"""
INVEST = f"""mutation($i: InvestInPlanInput!) {{ investInPlan(input: $i) {{
  recommendation {{ id orders {{ orderId productId amount {{ amount }} }} }} {ERRORS} }} }}"""
PORTFOLIO_EVENTS = "subscription { portfolioEvents { id kind order { id status } product { id } amount { amount } } }"
NODE = "query($id: ID!) { node(id: $id) { id __typename } }"
STATEMENT = """query($m: String!) { me { statement(month: $m) {
  opening { cash { amount } } closing { cash { amount } holdings { productId units } }
  lines { kind description amount { amount } balanceAfter { amount } } feesTotal { amount } csvPath } } }"""
CJK = re.compile(r"[\u4e00-\u9fff]")


def _in(language: str, message: str) -> bool:
    """Whether ``message`` reads as ``language`` (Chinese has Chinese characters; English none)."""
    return bool(CJK.search(message)) == (language == "zh-CN")


def _ok(answer: dict) -> dict:
    assert answer["userErrors"] == [], answer["userErrors"]
    return answer


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_a_new_customer_goes_from_sign_up_to_confirmed_investments(http, funds, desk, language):
    client = GraphQLClient(http, language=language)

    mistakes = client.data(REGISTER, {"i": {"email": "not-an-email", "password": "123", "locale": "xx-XX"}})
    errors = mistakes["register"]["userErrors"]
    assert {error["field"] for error in errors} == {"email", "password", "locale"}
    assert all(_in(language, error["message"]) for error in errors)

    email = f"journey-{language.lower()}@example.com"
    registered = _ok(
        client.data(REGISTER, {"i": {"email": email, "password": "correct-horse-battery", "locale": language}})[
            "register"
        ]
    )
    client.token = registered["token"]
    user_id = registered["user"]["id"]
    assert registered["user"]["locale"] == language and decode_kind(user_id) == "User"

    name = "李雷" if language == "zh-CN" else "Lei Li"
    _ok(client.data(VERIFY, {"i": {"realName": name, "idNumber": id_number()}})["verifyIdentity"])
    card = _ok(
        client.data(BIND, {"i": {"cardNumber": card_number(), "holderName": name, "bankName": "ICBC"}})["bindBankCard"]
    )["bankCard"]
    deposit = {"amount": "60000.00", "bankCardId": card["id"], "idempotencyKey": "first-deposit"}
    deposited = _ok(client.data(DEPOSIT, {"i": deposit})["deposit"])["transaction"]
    assert client.data(DEPOSIT, {"i": deposit})["deposit"]["transaction"] == deposited  # a retry deposits once

    submission = {"questionnaireId": offered().id, "answers": graphql_answers(MODERATE), "locale": language}
    assessment = _ok(client.data(ASSESS, {"i": submission})["submitRiskAssessment"])["assessment"]
    assert assessment["riskCategory"]

    refused = client.data(RECOMMEND, {"i": {"amount": "-5"}})["requestRecommendation"]["userErrors"]
    assert refused and all(_in(language, error["message"]) for error in refused)
    plan = _ok(client.data(RECOMMEND, {"i": {"amount": "50000.00", "liquidityNeed": "5000"}})["requestRecommendation"])[
        "recommendation"
    ]
    assert plan["allocations"]

    socket, ws = _connect(http, client.token)
    _subscribe(ws, PORTFOLIO_EVENTS, http=http)
    invested = _ok(
        client.data(INVEST, {"i": {"recommendationId": plan["id"], "idempotencyKey": "plan"}})["investInPlan"]
    )
    orders = {order["orderId"]: order for order in invested["recommendation"]["orders"]}
    assert orders

    desk.on(date(2026, 11, 27), 9)  # the next trading day: the orders placed on Thursday are confirmed
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    confirmed = [_next(ws)["portfolioEvents"] for _ in orders]
    socket.__exit__(None, None, None)
    assert {event["kind"] for event in confirmed} == {"ORDER_CONFIRMED"}
    assert {event["order"]["id"] for event in confirmed} == set(orders)
    assert all(event["order"]["status"] == "CONFIRMED" for event in confirmed)
    assert {event["product"]["id"] for event in confirmed} == {order["productId"] for order in orders.values()}

    # A day later the access token has expired: the app signs in again. Every id the
    # journey handed out refetches as its own kind, for its owner.
    client.sign_in(email, "correct-horse-battery")
    for global_id, kind in [
        (user_id, "User"),
        (card["id"], "BankCard"),
        (deposited["id"], "WalletTransaction"),
        (assessment["id"], "RiskAssessment"),
        (plan["id"], "Recommendation"),
        *((order_id, "FundOrder") for order_id in orders),
        *((event["id"], "PortfolioEvent") for event in confirmed),
    ]:
        assert client.data(NODE, {"id": global_id})["node"] == {"id": global_id, "__typename": kind}
    holdings = client.data("{ me { portfolio { holdings { product { id } units } } } }")["me"]["portfolio"]["holdings"]
    assert {holding["product"]["id"] for holding in holdings} >= {o["productId"] for o in orders.values()}

    # The month's statement: the deposit and the subscriptions, reconciling to the cash.
    statement = client.data(STATEMENT, {"m": "2026-11"})["me"]["statement"]
    opening, closing = (sum(Decimal(b["cash"]["amount"]) for b in statement[side]) for side in ("opening", "closing"))
    moved = sum(Decimal(line["amount"]["amount"]) for line in statement["lines"])
    assert opening == 0 and opening + moved == closing == Decimal(statement["lines"][-1]["balanceAfter"]["amount"])
    held = {holding["productId"] for balances in statement["closing"] for holding in balances["holdings"]}
    assert held >= {order["productId"] for order in orders.values()}
    assert statement["lines"] and all(_in(language, line["description"]) for line in statement["lines"])
    csv = http.get(statement["csvPath"], headers={"Authorization": f"Bearer {client.token}"})
    assert csv.status_code == 200 and csv.content.startswith("\ufeff".encode())
    assert http.get(statement["csvPath"]).status_code == 401
