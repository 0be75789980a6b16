"""Payments in group commits (``db.group_commit``, ``wallet.pay_batch``): payments that arrive
together share one transaction, each in its own savepoint. A refused payment rolls back alone,
a retried key returns the first result (within one batch too), every answer comes after the
commit, and the ledger verifies. On SQLite the group is one transaction per payment."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from db.group_commit import GroupCommit
from ledger.errors import LedgerErrorCode
from tests.wallet.conftest import ledger_problems
from wallet import pay_batch
from wallet.payments import PAYMENTS
from wallet.queries import wallet_summary


def _held_first(group: GroupCommit, queued: int) -> threading.Event:
    """An event the first payment's batch waits for until ``queued`` more payments queue
    behind it (so they make one batch of their own)."""
    release = threading.Event()

    def hold(session, hints):
        if not release.is_set():
            deadline = time.monotonic() + 30
            while len(group._queue) < queued and time.monotonic() < deadline:
                time.sleep(0.005)
            release.set()
        pay_batch.lock_batch(session, hints)

    group.prepare = hold
    return release


def _pay(group, clock, settings, payer, payee, amount: str, key: str):
    return pay_batch.pay(
        group,
        clock=clock,
        settings=settings,
        payer_id=payer.id,
        payee=payee.email,
        amount=Decimal(amount),
        idempotency_key=key,
    )


def test_a_batch_commits_together_and_a_refusal_rolls_back_alone(db, ready_user, settings, clock):
    payers = [ready_user(deposit="100") for _ in range(6)]
    poor = ready_user(deposit="1")
    payee = ready_user()
    group = GroupCommit(db, wait_seconds=0.05, max_batch=32, lanes=1, prepare=pay_batch.lock_batch)
    batched = group.batched
    if batched:
        _held_first(group, queued=7)
    answers: dict[str, object] = {}

    def send(name: str, payer, amount: str, key: str) -> None:
        try:
            answers[name] = _pay(group, clock, settings, payer, payee, amount, key)
        except DomainError as error:
            answers[name] = error

    threads = [threading.Thread(target=send, args=("first", payers[0], "10", "k-first"))]
    threads[0].start()
    time.sleep(0.05)
    threads += [
        threading.Thread(target=send, args=(f"p{n}", payer, "10", f"k{n}")) for n, payer in enumerate(payers[1:], 1)
    ]
    threads.append(threading.Thread(target=send, args=("poor", poor, "5", "k-poor")))
    threads.append(threading.Thread(target=send, args=("retry", payers[1], "10", "k1")))  # k1 sent twice
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    refused = answers.pop("poor")
    assert isinstance(refused, DomainError) and refused.code == LedgerErrorCode.INSUFFICIENT_FUNDS
    retry = answers.pop("retry")
    assert retry.payment_id == answers["p1"].payment_id  # one payment for the key, whichever ran first
    assert {answer.replayed for answer in (retry, answers["p1"])} == {False, True}
    with db.read() as session:
        paid = session.execute(select(func.count()).select_from(PAYMENTS)).scalar_one()
        assert paid == 6
        assert wallet_summary(session, payee.id).balance == 6 * 10 * 100
        assert wallet_summary(session, poor.id).balance == 100
    if batched:  # the first alone, then the seven queued behind it in one transaction
        assert (group.batches, group.actions) == (2, 8)
    assert ledger_problems(db) == []


def test_an_answer_comes_after_the_commit_and_a_retry_returns_it(db, ready_user, settings, clock):
    payer, payee = ready_user(deposit="50"), ready_user()
    group = pay_batch.payment_group(db, settings)
    first = _pay(group, clock, settings, payer, payee, "12.34", "once")
    with db.read() as session:  # another transaction sees it as soon as the caller has the answer
        assert session.execute(select(PAYMENTS.c.amount).where(PAYMENTS.c.id == first.payment_id)).scalar_one() == 1234
    again = _pay(group, clock, settings, payer, payee, "12.34", "once")
    assert (again.payment_id, again.replayed) == (first.payment_id, True)
    with pytest.raises(DomainError) as reused:
        _pay(group, clock, settings, payer, payee, "1", "once")
    assert reused.value.code == LedgerErrorCode.IDEMPOTENCY_KEY_REUSED
    assert ledger_problems(db) == []


def test_many_threads_paying_in_groups_keep_every_balance(db, make_user, settings, clock):
    """16 threads, 400 payments among 12 users in random pairs through two lanes: the sum of
    balances never changes, no balance goes negative, nothing fails but a refusal."""
    import random

    if db.dialect == "sqlite":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    pg_db = db

    from tests.wallet.conftest import card_number, id_number
    from wallet import cash, identity

    users = []
    for n in range(12):
        user = make_user(f"grouped{n}@example.com")
        with pg_db.write() as session:
            identity.verify_identity(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                real_name=f"G {n}",
                id_number=id_number(),
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=f"G {n}",
                bank_name="ICBC",
            )
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                amount=Decimal(20),
                idempotency_key="s",
            )
        users.append(user)
    group = GroupCommit(pg_db, wait_seconds=0.003, max_batch=8, lanes=2, prepare=pay_batch.lock_batch)
    failures: list[BaseException] = []
    done = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        for n in range(25):
            payer, payee = rng.sample(users, 2)
            try:
                _pay(group, clock, settings, payer, payee, f"{rng.randint(1, 800) / 100:.2f}", f"{seed}-{n}")
                done.append(1)
            except DomainError as error:
                if error.code != LedgerErrorCode.INSUFFICIENT_FUNDS:
                    failures.append(error)
            except BaseException as error:  # anything else is a bug
                failures.append(error)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    with pg_db.read() as session:
        balances = [wallet_summary(session, user.id).balance for user in users]
    assert sum(balances) == 12 * 20 * 100 and min(balances) >= 0
    assert len(done) > 0
    assert ledger_problems(pg_db) == []
