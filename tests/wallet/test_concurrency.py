"""Real concurrency on PostgreSQL (skipped with the reason when no server answers): 8 threads
make 2,000 random deposits and payments among 10 users, with confirms and refunds of the
same guarantee payments racing and some requests retried with their keys; and one key sent
from several threads at once. Money is never created, lost or overdrawn, no request fails
for any reason but a domain refusal, and ``robo ledger verify`` passes."""

from __future__ import annotations

import random
import threading
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from api.cli import app
from core.errors import DomainError
from core.settings import get_settings
from ledger.accounts import ACCOUNTS
from tests.wallet.conftest import ledger_problems
from wallet import cash, payments
from wallet.payments import EVENTS, PAYMENTS
from wallet.queries import wallet_summary

pytestmark = pytest.mark.postgresql

THREADS = 8
OPERATIONS = 2_000
USERS = 10


@pytest.fixture
def users(pg_db, make_user, settings, clock):
    from tests.wallet.conftest import card_number, id_number
    from wallet import identity

    made = []
    for n in range(USERS):
        user = make_user(f"racer{n}@example.com")
        with pg_db.write() as session:
            identity.verify_identity(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                real_name=f"Racer {n}",
                id_number=id_number(),
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=f"Racer {n}",
                bank_name="ICBC",
            )
        made.append(user)
    return made


# make_user uses the ``db`` fixture; point it at the PostgreSQL database of this module.
@pytest.fixture
def db(pg_db):
    return pg_db


@pytest.mark.slow
def test_random_concurrent_traffic_keeps_every_invariant(pg_db, users, settings, clock, monkeypatch):
    lock = threading.Lock()
    deposited = Counter()
    held: list[tuple[int, int, int]] = []  # (payment id, payer, payee)
    done: list[tuple[str, dict, int]] = []  # (operation, arguments, result id) to replay
    replays = Counter()
    unexpected: list[BaseException] = []
    refusals = Counter()

    def run(operation: str, arguments: dict):
        with pg_db.write() as session:
            if operation == "deposit":
                return cash.deposit(session=session, clock=clock, settings=settings, **arguments)
            return payments.pay(session=session, clock=clock, settings=settings, **arguments)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        for step in range(OPERATIONS // THREADS):
            roll = rng.random()
            try:
                if roll < 0.08 and done:
                    with lock:
                        operation, arguments, result_id = rng.choice(done)
                    result = run(operation, arguments)
                    assert result.replayed, (operation, arguments)
                    got = result.transaction_id if operation == "deposit" else result.payment_id
                    assert got == result_id, (operation, arguments, got, result_id)
                    replays[operation] += 1
                elif roll < 0.30:
                    user = rng.choice(users)
                    amount = rng.randint(1, 50_000)
                    arguments = dict(
                        user_id=user.id, amount=Decimal(amount).scaleb(-2), idempotency_key=f"d-{seed}-{step}"
                    )
                    result = run("deposit", arguments)
                    with lock:
                        deposited[user.id] += amount
                        done.append(("deposit", arguments, result.transaction_id))
                elif roll < 0.75:
                    payer, payee = rng.sample(users, 2)
                    guarantee = rng.random() < 0.5
                    arguments = dict(
                        payer_id=payer.id,
                        payee=payee.email,
                        amount=Decimal(rng.randint(1, 30_000)).scaleb(-2),
                        idempotency_key=f"p-{seed}-{step}",
                        guarantee=guarantee,
                    )
                    result = run("pay", arguments)
                    with lock:
                        done.append(("pay", arguments, result.payment_id))
                        if guarantee:
                            held.append((result.payment_id, payer.id, payee.id))
                else:
                    with lock:
                        if not held:
                            continue
                        payment_id, payer_id, payee_id = rng.choice(held[-20:])  # recent ones: more races
                    with pg_db.write() as session:
                        if rng.random() < 0.5:
                            payments.confirm(session=session, clock=clock, user_id=payer_id, payment_id=payment_id)
                        else:
                            payments.refund(session=session, clock=clock, user_id=payee_id, payment_id=payment_id)
            except DomainError as refusal:
                refusals[str(refusal.code)] += 1
            except BaseException as error:
                unexpected.append(error)
                return

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert unexpected == []
    assert replays["deposit"] > 0 and replays["pay"] > 0
    assert set(refusals) <= {"INSUFFICIENT_FUNDS", "PAYMENT_NOT_HELD", "DAILY_LIMIT_EXCEEDED"}, refusals
    with pg_db.read() as session:
        summaries = {user.id: wallet_summary(session, user.id) for user in users}
        negative = session.execute(
            select(func.count()).select_from(ACCOUNTS).where(ACCOUNTS.c.balance < 0)
        ).scalar_one()
        finals = session.execute(
            select(EVENTS.c.payment_id, func.count())
            .where(EVENTS.c.to_status.in_(["RELEASED", "REFUNDED"]))
            .group_by(EVENTS.c.payment_id)
        ).all()
        payment_count = session.execute(select(func.count()).select_from(PAYMENTS)).scalar_one()
    assert sum(s.balance for s in summaries.values()) == sum(deposited.values())
    assert negative == 0 and all(s.available >= 0 for s in summaries.values())
    assert all(count == 1 for _, count in finals), "a payment reached two final outcomes"
    assert payment_count == sum(1 for op, _, _ in done if op == "pay")
    assert ledger_problems(pg_db) == []

    monkeypatch.setenv("ROBO_DATABASE_URL", pg_db.engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["ledger", "verify"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("operation", ["deposit", "pay"])
def test_one_key_sent_from_many_threads_moves_money_once(operation, pg_db, users, settings, clock):
    payer, payee = users[0], users[1]
    with pg_db.write() as session:
        cash.deposit(
            session=session,
            clock=clock,
            settings=settings,
            user_id=payer.id,
            amount=Decimal("100"),
            idempotency_key="seed",
        )
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def send() -> None:
        barrier.wait()
        try:
            with pg_db.write() as session:
                if operation == "deposit":
                    result = cash.deposit(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=payer.id,
                        amount=Decimal("7.00"),
                        idempotency_key="the-key",
                    )
                    results.append((result.transaction_id, result.replayed))
                else:
                    result = payments.pay(
                        session=session,
                        clock=clock,
                        settings=settings,
                        payer_id=payer.id,
                        payee=payee.email,
                        amount=Decimal("7.00"),
                        idempotency_key="the-key",
                    )
                    results.append((result.payment_id, result.replayed))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({result_id for result_id, _ in results}) == 1
    assert sorted(replayed for _, replayed in results) == [False] + [True] * (THREADS - 1)
    with pg_db.read() as session:
        available = wallet_summary(session, payer.id).available
    assert available == (10_700 if operation == "deposit" else 9_300)
    assert ledger_problems(pg_db) == []


def test_confirm_and_refund_racing_on_each_payment_have_one_winner(pg_db, users, settings, clock):
    payer, payee = users[2], users[3]
    with pg_db.write() as session:
        cash.deposit(
            session=session,
            clock=clock,
            settings=settings,
            user_id=payer.id,
            amount=Decimal("100"),
            idempotency_key="seed",
        )
    held = []
    for n in range(20):
        with pg_db.write() as session:
            held.append(
                payments.pay(
                    session=session,
                    clock=clock,
                    settings=settings,
                    payer_id=payer.id,
                    payee=payee.email,
                    amount=Decimal("1.00"),
                    idempotency_key=f"h{n}",
                    guarantee=True,
                ).payment_id
            )
    outcomes: dict[int, list[str]] = {payment_id: [] for payment_id in held}

    def act(payment_id: int, action: str, barrier: threading.Barrier) -> None:
        barrier.wait()
        try:
            with pg_db.write() as session:
                if action == "confirm":
                    payments.confirm(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
                else:
                    payments.refund(session=session, clock=clock, user_id=payee.id, payment_id=payment_id)
            outcomes[payment_id].append(action)
        except DomainError as refusal:
            outcomes[payment_id].append(str(refusal.code))

    for payment_id in held:
        barrier = threading.Barrier(2)
        racers = [threading.Thread(target=act, args=(payment_id, action, barrier)) for action in ("confirm", "refund")]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
    for results in outcomes.values():
        assert sorted(results) in (["PAYMENT_NOT_HELD", "confirm"], ["PAYMENT_NOT_HELD", "refund"])
    refunded = sum("refund" in results for results in outcomes.values())
    with pg_db.read() as session:
        assert wallet_summary(session, payer.id).balance == 10_000 - 100 * (20 - refunded)
        assert wallet_summary(session, payee.id).available == 100 * (20 - refunded)
    assert ledger_problems(pg_db) == []


def test_only_one_worker_releases_due_payments_at_a_time(pg_db, users, settings, clock):
    from datetime import timedelta

    from sqlalchemy import text

    payer, payee = users[4], users[5]
    with pg_db.write() as session:
        cash.deposit(
            session=session,
            clock=clock,
            settings=settings,
            user_id=payer.id,
            amount=Decimal("10"),
            idempotency_key="seed",
        )
        payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("3"),
            idempotency_key="held",
            guarantee=True,
            auto_confirm_days=1,
        )
    clock.advance(timedelta(days=2))
    with pg_db.write() as other_worker:
        other_worker.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": payments.RELEASE_LOCK_KEY})
        with pg_db.write() as session:
            assert payments.release_due(session=session, clock=clock) is None
    with pg_db.write() as session:
        assert payments.release_due(session=session, clock=clock) == 1
    with pg_db.read() as session:
        assert wallet_summary(session, payee.id).available == 300
