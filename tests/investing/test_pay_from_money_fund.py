"""Paying from the money-fund balance: ``pay(input: { source: MONEY_FUND })`` is a fast
redemption of the amount plus the payment, in one transaction, within the same daily limit
as fast redemptions."""

from __future__ import annotations

from datetime import date

from tests.investing.conftest import D, snapshot
from wallet.kinds import DailyJob

PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { id status amount { amount } }
  userErrors { field code message } } }"""
HISTORY = "{ wallet { transactions(first: 5) { nodes { kind amount { amount } } } } }"
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
    assert [(line["kind"], line["amount"]["amount"]) for line in lines[:2]] in (
        [("PAYMENT_SENT", "1234.56"), ("REDEMPTION", "1234.56")],
        [("REDEMPTION", "1234.56"), ("PAYMENT_SENT", "1234.56")],
    )
    again = pay(client, payee=payee.email, amount="1234.56", idempotencyKey="p1", source="MONEY_FUND")
    assert again["payment"]["id"] == paid["payment"]["id"]
    assert desk.units(payer, funds.mmf) == D("1765.44")  # a retry does not redeem or pay twice
    reused = pay(client, payee=payee.email, amount="1234.56", idempotencyKey="p1")  # same key, from the wallet
    assert reused["userErrors"][0]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert desk.problems() == []


def test_paying_from_the_money_fund_shares_the_fast_redemption_limit(gql, db, funds, investor, desk):
    payer = holder_with_a_money_fund(investor, desk, funds, "20000.00")
    payee = investor("C1", deposit="0")
    desk.redeem(payer, funds.mmf, amount="9000.00", fast=True)
    client = gql.as_user(payer.email)
    before = snapshot(db)
    over = pay(client, payee=payee.email, amount="1000.01", idempotencyKey="p2", source="MONEY_FUND")
    assert [(e["code"], e["field"]) for e in over["userErrors"]] == [("FAST_REDEMPTION_LIMIT", "amount")]
    assert "¥1,000.00 is left today" in over["userErrors"][0]["message"]
    too_much = pay(client, payee=payee.email, amount="20000.00", idempotencyKey="p3", source="MONEY_FUND")
    assert [(e["code"], e["field"]) for e in too_much["userErrors"]] == [("INSUFFICIENT_FUNDS", "amount")]
    assert snapshot(db) == before  # neither the redemption nor the payment happened
    assert pay(client, payee=payee.email, amount="1000.00", idempotencyKey="p4", source="MONEY_FUND")["userErrors"] == []
    assert desk.units(payer, funds.mmf) == D("10000.00") and desk.cash(payee) == D("1000.00")
    assert desk.cash(payer) == D("9000.00")  # the fast redemption's cash; the payment came from the fund
    assert desk.problems() == []
