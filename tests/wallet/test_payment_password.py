"""The payment password: once set, pay and withdraw need it; wrong tries are counted (even
though the payment is rolled back) and block those actions for a while."""

from __future__ import annotations

from datetime import timedelta

from tests.wallet.conftest import ledger_snapshot
from tests.wallet.gqlops import PAY, SET_PASSWORD, WITHDRAW, mutate, wallet_of


def errors(payload):
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


def test_set_password_then_pay_needs_it(gql, ready_user):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="12345")) == [("INVALID_PAYMENT_PASSWORD", "paymentPassword")]
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="111111")) == [("INVALID_PAYMENT_PASSWORD", "paymentPassword")]
    assert mutate(client, SET_PASSWORD, paymentPassword="582046") == {"ok": True, "userErrors": []}

    missing = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="a")
    assert errors(missing) == [("PAYMENT_PASSWORD_REQUIRED", "paymentPassword")]
    ok = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="a", paymentPassword="582046")
    assert ok["payment"]["status"] == "COMPLETED"
    assert errors(mutate(client, WITHDRAW, amount="5.00", idempotencyKey="w")) == [("PAYMENT_PASSWORD_REQUIRED", "paymentPassword")]
    assert mutate(client, WITHDRAW, amount="5.00", idempotencyKey="w", paymentPassword="582046")["userErrors"] == []
    assert client.data("{ wallet { paymentPasswordSet } }")["wallet"]["paymentPasswordSet"] is True

    # Changing it needs the current one.
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="907135")) == [("PAYMENT_PASSWORD_REQUIRED", "currentPaymentPassword")]
    assert mutate(client, SET_PASSWORD, paymentPassword="907135", currentPaymentPassword="582046")["ok"] is True


def test_five_wrong_passwords_block_for_thirty_minutes(gql, ready_user, clock, db, settings):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    mutate(client, SET_PASSWORD, paymentPassword="582046")
    before = ledger_snapshot(db)
    for attempt in range(1, settings.payment_password_max_failures):
        wrong = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey=f"x{attempt}", paymentPassword="000001")
        assert errors(wrong) == [("WRONG_PAYMENT_PASSWORD", "paymentPassword")]
        assert f"{settings.payment_password_max_failures - attempt} " in wrong["userErrors"][0]["message"]
    last = mutate(client, WITHDRAW, amount="5.00", idempotencyKey="x5", paymentPassword="000001")
    assert errors(last) == [("PAYMENT_PASSWORD_BLOCKED", "paymentPassword")]
    # Blocked: even the right password is refused, and no money moved at any point.
    right = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="y", paymentPassword="582046")
    assert errors(right) == [("PAYMENT_PASSWORD_BLOCKED", "paymentPassword")]
    assert ledger_snapshot(db) == before

    clock.advance(timedelta(minutes=settings.payment_password_block_minutes, seconds=1))
    client = gql.as_user(payer.email)
    assert mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="y", paymentPassword="582046")["userErrors"] == []
    assert wallet_of(client)["available"] == "95.00"


def test_a_right_password_resets_the_count(gql, ready_user, settings):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    mutate(client, SET_PASSWORD, paymentPassword="582046")
    for round_ in range(3):
        for attempt in range(settings.payment_password_max_failures - 1):
            wrong = mutate(client, PAY, payee=payee.email, amount="1.00", idempotencyKey=f"w{round_}{attempt}", paymentPassword="999990")
            assert errors(wrong) == [("WRONG_PAYMENT_PASSWORD", "paymentPassword")]
        good = mutate(client, PAY, payee=payee.email, amount="1.00", idempotencyKey=f"ok{round_}", paymentPassword="582046")
        assert good["userErrors"] == []
    assert wallet_of(client)["available"] == "97.00"


def test_a_wrong_current_password_counts_too(gql, ready_user, settings):
    user = ready_user()
    client = gql.as_user(user.email)
    mutate(client, SET_PASSWORD, paymentPassword="582046")
    for _ in range(settings.payment_password_max_failures - 1):
        wrong = mutate(client, SET_PASSWORD, paymentPassword="907135", currentPaymentPassword="000001")
        assert errors(wrong) == [("WRONG_PAYMENT_PASSWORD", "currentPaymentPassword")]
    blocked = mutate(client, SET_PASSWORD, paymentPassword="907135", currentPaymentPassword="000001")
    assert errors(blocked) == [("PAYMENT_PASSWORD_BLOCKED", "currentPaymentPassword")]
