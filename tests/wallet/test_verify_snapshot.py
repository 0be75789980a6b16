"""``robo ledger verify`` reads one consistent snapshot: payments committing while it runs
never make it report a false imbalance (its checks compare several queries, e.g. the escrow
account against the held payments)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from ledger.verify import verify
from tests.wallet.conftest import card_number, id_number
from wallet import cash, identity, payments
from wallet import checks as wallet_checks


def ready(database, make_user, clock, settings, name: str, deposit: str):
    user = make_user(f"{name.lower()}@example.com")
    with database.write() as session:
        identity.verify_identity(
            session=session, clock=clock, settings=settings, user_id=user.id, real_name=name, id_number=id_number()
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card_number(),
            holder_name=name,
            bank_name="ICBC",
        )
        if Decimal(deposit):
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                amount=Decimal(deposit),
                idempotency_key="setup",
            )
    return user


def test_a_payment_committed_between_two_checks_is_not_a_problem(db, make_user, clock, settings, monkeypatch):
    payer = ready(db, make_user, clock, settings, "Payer", "100")
    payee = ready(db, make_user, clock, settings, "Payee", "0")
    system_totals = wallet_checks.system_totals
    paid = []

    def pay_meanwhile(session, purpose):
        if not paid:  # after the held payments were summed, before the escrow account is
            with db.write() as other:
                paid.append(
                    payments.pay(
                        session=other,
                        clock=clock,
                        settings=settings,
                        payer_id=payer.id,
                        payee=payee.email,
                        amount=Decimal("5"),
                        idempotency_key="meanwhile",
                        guarantee=True,
                    )
                )
        return system_totals(session, purpose)

    monkeypatch.setattr(wallet_checks, "system_totals", pay_meanwhile)
    with db.read() as session:
        assert verify(session) == []
    assert paid
    monkeypatch.undo()
    with db.read() as session:  # and the payment is there for the next run
        assert verify(session) == []


@pytest.mark.postgresql
def test_verify_needs_a_fresh_session_on_postgresql(pg_db):
    with pg_db.read() as session:
        session.connection()  # a READ COMMITTED transaction has begun
        with pytest.raises(RuntimeError):
            verify(session)


@pytest.mark.postgresql
def test_verify_while_threads_pay_reports_nothing(pg_db, clock, settings):
    from users import service
    from users.roles import Role

    def make_user(email):
        with pg_db.write() as session:
            return service.create_user(
                session=session,
                email=email,
                password="correct-horse-battery",
                roles={Role.CUSTOMER},
                clock=clock,
                settings=settings,
            )

    users = [ready(pg_db, make_user, clock, settings, f"Racer{n}", "1000") for n in range(4)]
    stop = threading.Event()
    errors: list[BaseException] = []
    made = [0]

    def traffic(seed: int) -> None:
        payer, payee = users[seed], users[(seed + 1) % len(users)]
        n = 0
        try:
            while not stop.is_set():
                n += 1
                with pg_db.write() as session:
                    held = payments.pay(
                        session=session,
                        clock=clock,
                        settings=settings,
                        payer_id=payer.id,
                        payee=payee.email,
                        amount=Decimal("0.01"),
                        idempotency_key=f"{seed}-{n}",
                        guarantee=n % 2 == 0,
                    )
                if n % 4 == 0:
                    with pg_db.write() as session:
                        payments.confirm(session=session, clock=clock, user_id=payer.id, payment_id=held.payment_id)
                made[0] += 1
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=traffic, args=(seed,)) for seed in range(len(users))]
    for thread in threads:
        thread.start()
    reports = []
    try:
        while len(reports) < 25 and not errors:
            with pg_db.read() as session:
                reports.append(verify(session))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert made[0] > 0
    assert [problems for problems in reports if problems] == []
