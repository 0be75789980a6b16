"""Payments in group commits (``db.group_commit``): the concurrent payments of a worker share
one transaction, each in its own savepoint, and each caller gets its answer after the commit.

A payment stays what ``payments.pay`` makes it (one idempotency key, its checks, its entry);
only the transaction is shared. ``lock_batch`` runs first in the batch's transaction: it locks
the cash accounts of every payer and every direct payment's payee of the batch in one
statement, in ascending id order, so two batches (two lanes, two workers) wait for each
other instead of deadlocking; the payments then find their accounts locked already.

The payment password needs argon2 outside any transaction: ``run_checked_in`` is
``payment_password.run_checked`` for a group (the proof travels in the caller's context,
which the batch runs each payment in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from db.group_commit import GroupCommit
from db.session import Database
from ledger.kinds import CNY, Purpose
from wallet import payees, payments
from wallet.payment_password import VerifyFirst, begin_attempt, judge_attempt, verifying_outside

T = TypeVar("T")

_LOCK_BATCH = text(
    """
    SELECT a.id FROM ledger_accounts AS a
    WHERE a.user_id IS NOT NULL AND a.purpose = :purpose AND a.asset = :asset AND a.user_id IN (
        SELECT unnest(CAST(:payers AS BIGINT[]))
        UNION SELECT u.id FROM users AS u WHERE u.email = ANY(CAST(:emails AS VARCHAR[]))
        UNION SELECT unnest(CAST(:numbers AS BIGINT[]))
    )
    ORDER BY a.id FOR UPDATE
    """
)


@dataclass(frozen=True, slots=True)
class BatchHint:
    """Whose accounts a payment will lock: the payer's, and the payee's for a direct payment."""

    payer_id: int
    payee_email: str | None
    payee_number: int | None
    lock_payee: bool


def lock_batch(session: Session, hints: Sequence[object]) -> None:
    """Lock the cash accounts of the batch's payments in ascending id order (one statement)."""
    found = [hint for hint in hints if isinstance(hint, BatchHint)]
    if not found:
        return
    session.execute(
        _LOCK_BATCH,
        {
            "purpose": str(Purpose.CASH),
            "asset": CNY,
            "payers": sorted({hint.payer_id for hint in found}),
            "emails": sorted({h.payee_email for h in found if h.lock_payee and h.payee_email is not None}),
            "numbers": sorted({h.payee_number for h in found if h.lock_payee and h.payee_number is not None}),
        },
    )


def payment_group(database: Database, settings: Settings) -> GroupCommit:
    """The group commit of a process's payments, as ``ROBO_PAY_BATCH_*`` configure it."""
    wait = settings.pay_batch_wait_ms
    return GroupCommit(
        database,
        wait_seconds=wait / 1000 if wait > 0 else None,
        max_batch=settings.pay_batch_max,
        lanes=settings.pay_batch_lanes,
        prepare=lock_batch,
    )


def run_checked_in(
    group: GroupCommit, *, clock: Clock, settings: Settings, action: Callable[[Session], T], hint: object = None
) -> T:
    """``action`` in ``group``, with a payment password it needs verified outside any
    transaction (as ``payment_password.run_checked``): when the action needs the password its
    savepoint is rolled back, the try is counted in a short transaction of its own, the
    password checked with none open, and the action runs again in a later batch."""
    with verifying_outside() as outside:
        try:
            return group.run(action, hint=hint)
        except VerifyFirst as needed:
            pending = needed
        with group.database.write() as session:
            attempt = begin_attempt(
                session=session, user_id=pending.user_id, clock=clock, settings=settings, field=pending.field
            )
        proof = judge_attempt(attempt, pending.password, clock=clock, settings=settings)
        outside.proofs[proof.user_id] = proof
        return group.run(action, hint=hint)


def pay(
    group: GroupCommit,
    *,
    clock: Clock,
    settings: Settings,
    payer_id: int,
    payee: str,
    amount: Decimal,
    idempotency_key: str,
    memo: str | None = None,
    guarantee: bool = False,
    auto_confirm_days: int | None = None,
    payment_password_text: str | None = None,
) -> payments.PaymentResult:
    """``payments.pay`` from the wallet's cash in a group commit (a retry with the same key
    returns the first result, as always)."""
    email, number = payees.lookup_keys(payee)
    hint = BatchHint(payer_id=payer_id, payee_email=email, payee_number=number, lock_payee=not guarantee)

    def action(session: Session) -> payments.PaymentResult:
        return payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer_id,
            payee=payee,
            amount=amount,
            idempotency_key=idempotency_key,
            memo=memo,
            guarantee=guarantee,
            auto_confirm_days=auto_confirm_days,
            payment_password_text=payment_password_text,
        )

    return run_checked_in(group, clock=clock, settings=settings, action=action, hint=hint)
