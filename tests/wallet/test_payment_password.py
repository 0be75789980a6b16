"""The payment password: once set, pay and withdraw need it; wrong tries are counted (even
though the payment is rolled back) and block those actions for a while."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from tests.wallet.conftest import ledger_snapshot
from tests.wallet.gqlops import PAY, SET_PASSWORD, WITHDRAW, mutate, wallet_of


def errors(payload):
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


def test_set_password_then_pay_needs_it(gql, ready_user):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="12345")) == [
        ("INVALID_PAYMENT_PASSWORD", "paymentPassword")
    ]
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="111111")) == [
        ("INVALID_PAYMENT_PASSWORD", "paymentPassword")
    ]
    assert mutate(client, SET_PASSWORD, paymentPassword="582046") == {"ok": True, "userErrors": []}

    missing = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="a")
    assert errors(missing) == [("PAYMENT_PASSWORD_REQUIRED", "paymentPassword")]
    ok = mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="a", paymentPassword="582046")
    assert ok["payment"]["status"] == "COMPLETED"
    assert errors(mutate(client, WITHDRAW, amount="5.00", idempotencyKey="w")) == [
        ("PAYMENT_PASSWORD_REQUIRED", "paymentPassword")
    ]
    assert mutate(client, WITHDRAW, amount="5.00", idempotencyKey="w", paymentPassword="582046")["userErrors"] == []
    assert client.data("{ wallet { paymentPasswordSet } }")["wallet"]["paymentPasswordSet"] is True

    # Changing it needs the current one.
    assert errors(mutate(client, SET_PASSWORD, paymentPassword="907135")) == [
        ("PAYMENT_PASSWORD_REQUIRED", "currentPaymentPassword")
    ]
    assert mutate(client, SET_PASSWORD, paymentPassword="907135", currentPaymentPassword="582046")["ok"] is True


def test_five_wrong_passwords_block_for_thirty_minutes(gql, ready_user, clock, db, settings):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    mutate(client, SET_PASSWORD, paymentPassword="582046")
    before = ledger_snapshot(db)
    for attempt in range(1, settings.payment_password_max_failures):
        wrong = mutate(
            client, PAY, payee=payee.email, amount="5.00", idempotencyKey=f"x{attempt}", paymentPassword="000001"
        )
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
    assert (
        mutate(client, PAY, payee=payee.email, amount="5.00", idempotencyKey="y", paymentPassword="582046")[
            "userErrors"
        ]
        == []
    )
    assert wallet_of(client)["available"] == "95.00"


def test_a_right_password_resets_the_count(gql, ready_user, settings):
    payer, payee = ready_user(deposit="100"), ready_user()
    client = gql.as_user(payer.email)
    mutate(client, SET_PASSWORD, paymentPassword="582046")
    for round_ in range(3):
        for attempt in range(settings.payment_password_max_failures - 1):
            wrong = mutate(
                client,
                PAY,
                payee=payee.email,
                amount="1.00",
                idempotencyKey=f"w{round_}{attempt}",
                paymentPassword="999990",
            )
            assert errors(wrong) == [("WRONG_PAYMENT_PASSWORD", "paymentPassword")]
        good = mutate(
            client, PAY, payee=payee.email, amount="1.00", idempotencyKey=f"ok{round_}", paymentPassword="582046"
        )
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


# --- the password is checked outside the money transaction ---------------------------------


def attempt(db, clock, settings, payer, payee, password: str, key: str, *, withdraw: bool = False) -> str:
    """A payment (or a withdrawal) with ``password`` as the API runs it: "OK" or the
    refusal's code."""
    from types import SimpleNamespace

    from api.graphql.wallet import PayPayload, with_payment_password
    from core.errors import DomainError
    from wallet import cash, payments

    def action(session, viewer):
        if withdraw:
            return cash.withdraw(
                session=session,
                clock=clock,
                settings=settings,
                user_id=viewer.id,
                amount=Decimal("1.00"),
                idempotency_key=key,
                payment_password_text=password,
            )
        return payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=viewer.id,
            payee=payee.email,
            amount=Decimal("1.00"),
            idempotency_key=key,
            payment_password_text=password,
        )

    run = with_payment_password(SimpleNamespace(clock=clock, settings=settings), PayPayload, action)
    try:
        with db.write() as session:
            result = run(session, SimpleNamespace(id=payer.id))
    except DomainError as refusal:
        return str(refusal.code)
    errors = getattr(result, "user_errors", None)
    return str(errors[0].code) if errors else "OK"


def set_password(db, clock, settings, user, password: str = "582046") -> None:
    from wallet import payment_password

    with db.write() as session:
        payment_password.set_password(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            new_password=password,
            current_password=None,
        )


def profile_state(db, user) -> tuple:
    from wallet.payment_password import PROFILES

    with db.read() as session:
        row = session.execute(select(PROFILES).where(PROFILES.c.user_id == user.id)).one()
    return row.payment_password_failures, row.payment_password_blocked_until


def test_the_password_is_checked_while_no_lock_is_held(db, ready_user, clock, settings, monkeypatch):
    from sqlalchemy import text

    from users import passwords

    payer, payee = ready_user(deposit="100"), ready_user()
    set_password(db, clock, settings, payer)
    verify, checked = passwords.verify_password, []

    def verify_while_others_write(*args, **kwargs):
        # Another writer must get at once every lock the request could hold (here: fail, not wait).
        if db.dialect == "sqlite":
            other = db.engine.raw_connection()
            try:
                cursor = other.cursor()
                cursor.execute("PRAGMA busy_timeout=0")
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                finally:
                    cursor.execute("PRAGMA busy_timeout=30000")  # as the pool's connections are set up
            finally:
                other.close()
        else:
            with db.engine.connect() as other:
                for table in ("ledger_accounts", "wallet_profiles", "idempotency_keys"):
                    other.execute(text(f"SELECT 1 FROM {table} WHERE user_id = :u FOR UPDATE NOWAIT"), {"u": payer.id})
                other.rollback()
        checked.append(True)
        return verify(*args, **kwargs)

    monkeypatch.setattr(passwords, "verify_password", verify_while_others_write)
    assert attempt(db, clock, settings, payer, payee, "000001", "wrong") == "WRONG_PAYMENT_PASSWORD"
    assert attempt(db, clock, settings, payer, payee, "582046", "right") == "OK"
    assert len(checked) == 2
    assert profile_state(db, payer) == (0, None)


def test_a_block_started_while_a_right_password_was_checked_refuses_it(db, ready_user, clock, settings, monkeypatch):
    """The right password's try was counted before the block, but by the time it is used
    other tries have used up the limit: the payment is refused and the block stays."""
    from users import passwords

    payer, payee = ready_user(deposit="100"), ready_user()
    set_password(db, clock, settings, payer)
    verify, guessed = passwords.verify_password, []

    def verify_while_guesses_arrive(stored, password, **kwargs):
        if password == "582046" and not guessed:
            for n in range(settings.payment_password_max_failures):
                guessed.append(attempt(db, clock, settings, payer, payee, "000001", f"guess{n}"))
        return verify(stored, password, **kwargs)

    monkeypatch.setattr(passwords, "verify_password", verify_while_guesses_arrive)
    before = ledger_snapshot(db)
    assert attempt(db, clock, settings, payer, payee, "582046", "right") == "PAYMENT_PASSWORD_BLOCKED"
    # Counted with the right one: its try was the first, the guesses used up the rest.
    assert (
        guessed
        == ["WRONG_PAYMENT_PASSWORD"] * (settings.payment_password_max_failures - 2) + ["PAYMENT_PASSWORD_BLOCKED"] * 2
    )
    failures, blocked_until = profile_state(db, payer)
    assert failures == settings.payment_password_max_failures and blocked_until is not None
    assert ledger_snapshot(db) == before
    # During the block the right password neither succeeds nor resets the count.
    monkeypatch.undo()
    assert attempt(db, clock, settings, payer, payee, "582046", "again") == "PAYMENT_PASSWORD_BLOCKED"
    assert profile_state(db, payer) == (failures, blocked_until)
