"""The wallet history a person can read: each line says what it was about, a subscription and
its fee are one line, a payment from the money-fund balance is one line, income names its
fund, and the cash after every line adds up with the lines (through GraphQL)."""

from __future__ import annotations

from decimal import Decimal

from tests.ids import product_gid
from tests.investing.conftest import (  # noqa: F401 (fixtures)
    JOURNEY_DAY,
    at,
    catalogue,
    desk,
    funds,
    investor,
    journey,
    staff,
)

D = Decimal
HISTORY = """query { wallet { available { amount } transactions(first: 50) { totalCount nodes {
  id kind status incoming amount { amount } fee { amount } balanceAfter { amount } source
  counterparty memo description product { id } order { id fee { amount } } payment { id memo }
} } } }"""
CASH_IN = {
    "DEPOSIT",
    "PAYMENT_RECEIVED",
    "ESCROW_RELEASE",
    "ESCROW_REFUND",
    "SUBSCRIPTION_REFUND",
    "REDEMPTION",
    "COUPON",
    "PRINCIPAL",
    "PRICE_CORRECTION",
}


def _cash_effect(line) -> Decimal:
    """What the line did to the wallet's cash, from its own fields."""
    amount, fee = D(line["amount"]["amount"]), D(line["fee"]["amount"]) if line["fee"] else D(0)
    if line["kind"] in ("INCOME", "NEGATIVE_INCOME") or line["source"] == "MONEY_FUND":
        return -fee if line["source"] == "MONEY_FUND" else D(0)
    if line["kind"] == "SUBSCRIPTION":
        return -(amount + fee)
    if line["kind"] == "REDEMPTION":
        return amount - fee
    return amount if line["kind"] in CASH_IN else -amount


def test_each_line_says_what_it_was_about_and_the_balance_after_adds_up(journey, funds, clock):
    owner, _, paid, _ = journey
    from_fund = owner.data(
        "mutation($i: PayInput!) { pay(input: $i) { userErrors { code } } }",
        {
            "i": {
                "payee": "other@example.com",
                "amount": "20.00",
                "idempotencyKey": "mf",
                "source": "MONEY_FUND",
                "memo": "lunch",
            }
        },
    )["pay"]
    assert from_fund["userErrors"] == []
    wallet = owner.data(HISTORY)["wallet"]
    lines = wallet["transactions"]["nodes"]
    kinds = [line["kind"] for line in lines]

    assert "FEE" not in kinds  # folded into its subscription
    subscriptions = {line["product"]["id"]: line for line in lines if line["kind"] == "SUBSCRIPTION"}
    assert set(subscriptions) == {product_gid(funds.mmf), product_gid(funds.equity)}
    equity = subscriptions[product_gid(funds.equity)]
    assert equity["fee"] is not None and D(equity["fee"]["amount"]) > 0
    assert D(equity["amount"]["amount"]) + D(equity["fee"]["amount"]) == D("5000.00")
    assert equity["order"]["fee"] == equity["fee"] and "fee" in equity["description"]

    income = [line for line in lines if line["kind"] == "INCOME"]
    assert income and all(line["product"]["id"] == product_gid(funds.mmf) for line in income)

    # the money-fund payment is one line: no redemption line beside it
    by_fund = [line for line in lines if line["source"] == "MONEY_FUND"]
    assert len(by_fund) == 1 and by_fund[0]["kind"] == "PAYMENT_SENT" and "REDEMPTION" not in kinds
    assert by_fund[0]["memo"] == "lunch" and by_fund[0]["product"]["id"] == product_gid(funds.mmf)
    assert "*" in by_fund[0]["counterparty"]  # masked: the payee never paid the owner
    plain = next(line for line in lines if line["payment"] and line["payment"]["id"] == paid["payment"]["id"])
    assert plain["source"] == "WALLET" and plain["counterparty"] == by_fund[0]["counterparty"]

    # newest first: the first line's balance is the cash now, and each older line's balance
    # is the newer one's less what the newer line moved
    assert lines[0]["balanceAfter"]["amount"] == wallet["available"]["amount"]
    for newer, older in zip(lines, lines[1:]):
        assert D(older["balanceAfter"]["amount"]) == D(newer["balanceAfter"]["amount"]) - _cash_effect(newer)
    assert wallet["transactions"]["totalCount"] == len(lines)


def test_a_line_refetched_by_id_reads_the_same_and_descriptions_speak_the_viewers_language(journey, gql):
    owner, *_ = journey
    lines = owner.data(HISTORY)["wallet"]["transactions"]["nodes"]
    fetched = owner.data(
        "query($id: ID!) { node(id: $id) { ... on WalletTransaction { description fee { amount } balanceAfter { amount } } } }",
        {"id": lines[0]["id"]},
    )["node"]
    assert fetched == {k: lines[0][k] for k in ("description", "fee", "balanceAfter")}
    owner.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    chinese = owner.data(HISTORY)["wallet"]["transactions"]["nodes"]
    by_kind = {line["kind"]: line["description"] for line in chinese}
    assert by_kind["SUBSCRIPTION"].startswith("申购") and "收益" in by_kind["INCOME"]
    assert by_kind["PAYMENT_SENT"].startswith("付款给")
    english = {line["kind"]: line["description"] for line in lines}
    assert english["SUBSCRIPTION"].startswith("Bought") and english["INCOME"].startswith("Income")
