"""The auto-confirm deadline of a guarantee payment holds when the parties act, not only when
``release_due`` runs: once a HELD payment's time has passed it belongs to the payee. The
payer confirming records the automatic release; the payee refunding, the payer asking for a
refund (too late to pause the timer) and the payee declining are refused; and the money is
settled exactly once, whichever comes first."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.errors import DomainError
from tests.wallet.conftest import ledger_problems, ledger_snapshot
from wallet import payments
from wallet.payments import EVENTS, PAYMENTS
from wallet.queries import wallet_summary

DAYS = 2


@pytest.fixture
def held(db, ready_user, clock, settings):
    """A 30.00 guarantee payment, HELD for ``DAYS`` days: (payment id, payer, payee)."""
    payer, payee = ready_user(deposit="100"), ready_user()
    with db.write() as session:
        result = payments.pay(
            session=session, clock=clock, settings=settings, payer_id=payer.id, payee=payee.email,
            amount=Decimal("30"), idempotency_key="held", guarantee=True, auto_confirm_days=DAYS,
        )
    return result.payment_id, payer, payee


def act(db, clock, action: str, payment_id: int, payer, payee) -> int:
    with db.write() as session:
        if action == "confirm":
            return payments.confirm(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
        if action == "refund":
            return payments.refund(session=session, clock=clock, user_id=payee.id, payment_id=payment_id)
        if action == "request_refund":
            return payments.request_refund(session=session, clock=clock, user_id=payer.id, payment_id=payment_id, reason="late")
        return payments.decline_refund(session=session, clock=clock, user_id=payee.id, payment_id=payment_id)


def state(db, payment_id: int, payer, payee) -> tuple:
    with db.read() as session:
        status = session.execute(select(PAYMENTS.c.status).where(PAYMENTS.c.id == payment_id)).scalar_one()
        actions = session.execute(
            select(EVENTS.c.action).where(EVENTS.c.payment_id == payment_id).order_by(EVENTS.c.id)
        ).scalars().all()
        return status, actions, wallet_summary(session, payer.id), wallet_summary(session, payee.id).available


def release_due(db, clock) -> int:
    with db.write() as session:
        return payments.release_due(session=session, clock=clock)


@pytest.mark.parametrize("late", [timedelta(0), timedelta(seconds=1), timedelta(days=30)], ids=["at", "after", "long-after"])
def test_confirming_after_the_deadline_records_the_automatic_release(db, clock, held, late):
    payment_id, payer, payee = held
    clock.advance(timedelta(days=DAYS) + late)
    assert act(db, clock, "confirm", payment_id, payer, payee) == payment_id
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("RELEASED", ["AUTO_CONFIRM"])
    assert (payer_wallet.available, payer_wallet.held, payee_available) == (7_000, 0, 3_000)
    # The job finds nothing left to do: one settlement only.
    assert release_due(db, clock) == 0
    assert state(db, payment_id, payer, payee)[2:] == (payer_wallet, payee_available)
    assert ledger_problems(db) == []


@pytest.mark.parametrize("action", ["refund", "request_refund", "decline_refund"])
def test_after_the_deadline_the_hold_cannot_be_refunded_or_paused(db, clock, held, action):
    payment_id, payer, payee = held
    clock.advance(timedelta(days=DAYS))
    before = ledger_snapshot(db)
    with pytest.raises(DomainError) as refused:
        act(db, clock, action, payment_id, payer, payee)
    assert (refused.value.code, refused.value.field) == ("PAYMENT_NOT_HELD", "paymentId")
    assert "ended" in refused.value.message
    assert ledger_snapshot(db) == before
    # The payment goes where the deadline sent it, once.
    assert release_due(db, clock) == 1
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions, payer_wallet.balance, payee_available) == ("RELEASED", ["AUTO_CONFIRM"], 7_000, 3_000)
    with pytest.raises(DomainError) as again:
        act(db, clock, "refund", payment_id, payer, payee)
    assert again.value.code == "PAYMENT_NOT_HELD"
    assert ledger_problems(db) == []


def test_just_before_the_deadline_the_parties_still_decide(db, clock, held):
    payment_id, payer, payee = held
    clock.advance(timedelta(days=DAYS) - timedelta(seconds=1))
    act(db, clock, "request_refund", payment_id, payer, payee)
    # The request stopped the timer: long after the deadline the payee may still refund.
    clock.advance(timedelta(days=30))
    assert release_due(db, clock) == 0
    act(db, clock, "refund", payment_id, payer, payee)
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("REFUNDED", ["REQUEST_REFUND", "REFUND"])
    assert (payer_wallet.available, payee_available) == (10_000, 0)
    assert ledger_problems(db) == []
