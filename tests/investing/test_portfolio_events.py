"""``portfolioEvents`` (issue 15): an order's confirmation and a day of money-fund income
reach the holder's open subscription as they are committed by the daily jobs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from investing.kinds import DailyJob
from tests.ids import product_gid
from tests.wallet.test_subscriptions import _connect, _next, _subscribe

PORTFOLIO = (
    """subscription { portfolioEvents { id kind order { id status } product { id } amount { amount currency } } }"""
)


def test_confirmations_and_income_reach_the_holder_as_they_happen(gql, http, funds, investor, desk, catalogue):
    user = investor("C3")
    client = gql.as_user(user.email)
    order = client.data(
        "mutation($i: SubscribeInput!) { subscribe(input: $i) { order { id } userErrors { code } } }",
        {"i": {"productId": product_gid(funds.mmf), "amount": "10000.00", "idempotencyKey": "a"}},
    )["subscribe"]["order"]
    socket, ws = _connect(http, client.token)
    _subscribe(ws, PORTFOLIO, http=http)
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    confirmed = _next(ws)["portfolioEvents"]
    assert confirmed["kind"] == "ORDER_CONFIRMED" and confirmed["order"] == {"id": order["id"], "status": "CONFIRMED"}
    assert confirmed["product"] == {"id": product_gid(funds.mmf)}
    desk.on(date(2026, 11, 28), 9)
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    income = _next(ws)["portfolioEvents"]
    assert income["kind"] == "INCOME_CREDITED" and income["product"] == {"id": product_gid(funds.mmf)}
    assert Decimal(income["amount"]["amount"]) == Decimal("0.50")  # 10,000 units x 0.5 / 10,000
    socket.__exit__(None, None, None)
