"""Paying from the money-fund balance: ``pay(input: { source: MONEY_FUND })`` is a fast
redemption of the amount plus the payment, in one transaction. A payment is not a cash-out:
it keeps the payment limits and leaves the T+0 cap (¥10,000 a day) to redemptions."""

from __future__ import annotations

from datetime import date

from investing.kinds import DailyJob
from tests.ids import product_gid
from tests.investing.conftest import D, snapshot

PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { id status amount { amount } }
  userErrors { field code message } } }"""
HISTORY = "{ wallet { transactions(first: 5) { nodes { kind amount { amount } source } } } }"
FRI = date(2026, 11, 27)


def pay(client, **values) -> dict:
    return client.data(PAY, {"i": values})["pay"]


def holder_with_a_money_fund(investor, desk, funds, amount: str):
    user = investor("C1", deposit=amount)
    desk.subscribe(user, funds.mmf, amount)
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(FRI, 10)
    return user


def test_a_payment_from_the_money_fund_redeems_the_amount_and_pays_it(gql, db, funds, investor, desk):
    payer = holder_with_a_money_fund(investor, desk, funds, "3000.00")
    payee = investor("C1", deposit="0")
    client = gql.as_user(payer.email)
    paid = pay(client, payee=payee.email, amount="1234.56", idempotencyKey="p1", source="MONEY_FUND")
    assert paid["userErrors"] == [] and paid["payment"]["status"] == "COMPLETED"
    assert desk.units(payer, funds.mmf) == D("1765.44") and desk.cash(payer) == 0
    assert desk.cash(payee) == D("1234.56")
    lines = client.data(HISTORY)["wallet"]["transactions"]["nodes"]
    # one line: the redemption that funded the payment is folded into it
    assert [(line["kind"], line["amount"]["amount"], line["source"]) for line in lines[:2]] == [
        ("PAYMENT_SENT", "1234.56", "MONEY_FUND"),
        ("SUBSCRIPTION", "3000.00", None),
    ]
    again = pay(client, payee=payee.email, amount="1234.56", idempotencyKey="p1", source="MONEY_FUND")
    assert again["payment"]["id"] == paid["payment"]["id"]
    assert desk.units(payer, funds.mmf) == D("1765.44")  # a retry does not redeem or pay twice
    reused = pay(client, payee=payee.email, amount="1234.56", idempotencyKey="p1")  # same key, from the wallet
    assert reused["userErrors"][0]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert desk.problems() == []


def test_paying_from_the_money_fund_leaves_the_t0_cash_out_cap_alone(gql, db, funds, investor, desk, settings):
    payer = holder_with_a_money_fund(investor, desk, funds, "30000.00")
    payee = investor("C1", deposit="0")
    desk.redeem(payer, funds.mmf, amount="9000.00", fast=True)  # ¥1,000 of the ¥10,000 T+0 cap left
    client = gql.as_user(payer.email)
    paid = pay(client, payee=payee.email, amount="5000.00", idempotencyKey="p1", source="MONEY_FUND")
    assert paid["userErrors"] == []  # a payment is not a cash-out: the cap does not apply
    before = snapshot(db)
    too_much = pay(client, payee=payee.email, amount="16000.01", idempotencyKey="p2", source="MONEY_FUND")
    assert [(e["code"], e["field"]) for e in too_much["userErrors"]] == [("INSUFFICIENT_FUNDS", "amount")]
    assert snapshot(db) == before  # neither the redemption nor the payment happened
    # The day's T+0 cap is what it was before the payment: ¥1,000 still cashes out, a fen more does not.
    refused = client.data(
        """mutation($i: RedeemInput!) { redeem(input: $i) { userErrors { code message } } }""",
        {"i": {"productId": product_gid(funds.mmf), "amount": "1000.01", "fast": True, "idempotencyKey": "r1"}},
    )
    assert [e["code"] for e in refused["redeem"]["userErrors"]] == ["FAST_REDEMPTION_LIMIT"]
    assert "¥1,000.00 is left today" in refused["redeem"]["userErrors"][0]["message"]
    desk.redeem(payer, funds.mmf, amount="1000.00", fast=True)
    assert desk.units(payer, funds.mmf) == D("15000.00") and desk.cash(payee) == D("5000.00")
    assert desk.cash(payer) == D("10000.00")
    assert desk.problems() == []


def test_payments_from_the_fund_keep_the_payment_limits(gql, db, funds, investor, desk, settings):
    payer = holder_with_a_money_fund(investor, desk, funds, "60000.00")
    payee = investor("C1", deposit="0")
    client = gql.as_user(payer.email)
    over = str(settings.payment_limit_per_transaction + D("0.01"))
    refused = pay(client, payee=payee.email, amount=over, idempotencyKey="p1", source="MONEY_FUND")
    assert [e["code"] for e in refused["userErrors"]] == ["TRANSACTION_LIMIT_EXCEEDED"]
    assert desk.units(payer, funds.mmf) == D("60000.00")
