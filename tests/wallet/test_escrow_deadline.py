"""The auto-confirm deadline of a guarantee payment holds when the parties act, not only when
``release_due`` runs: once a HELD payment's time has passed it belongs to the payee. The
payer confirming records the automatic release; the payee refunding, the payer asking for a
refund (too late to pause the timer) and the payee declining are refused; and the money is
settled exactly once, whichever comes first. A refund request cannot hold the money forever
either: unanswered for ``escrow_refund_response_days`` it is refunded; withdrawn, the hold
resumes with the time it had left; a payer may extend a hold once."""

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
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("30"),
            idempotency_key="held",
            guarantee=True,
            auto_confirm_days=DAYS,
        )
    return result.payment_id, payer, payee


def act(db, clock, action: str, payment_id: int, payer, payee) -> int:
    from tests.conftest import test_settings

    settings = test_settings()
    with db.write() as session:
        if action == "confirm":
            return payments.confirm(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
        if action == "refund":
            return payments.refund(session=session, clock=clock, user_id=payee.id, payment_id=payment_id)
        if action == "request_refund":
            return payments.request_refund(
                session=session, clock=clock, settings=settings, user_id=payer.id, payment_id=payment_id, reason="late"
            )
        return payments.decline_refund(session=session, clock=clock, user_id=payee.id, payment_id=payment_id)


def state(db, payment_id: int, payer, payee) -> tuple:
    with db.read() as session:
        status = session.execute(select(PAYMENTS.c.status).where(PAYMENTS.c.id == payment_id)).scalar_one()
        actions = (
            session.execute(select(EVENTS.c.action).where(EVENTS.c.payment_id == payment_id).order_by(EVENTS.c.id))
            .scalars()
            .all()
        )
        return status, actions, wallet_summary(session, payer.id), wallet_summary(session, payee.id).available


def release_due(db, clock) -> int:
    with db.write() as session:
        return payments.release_due(session=session, clock=clock)


@pytest.mark.parametrize(
    "late", [timedelta(0), timedelta(seconds=1), timedelta(days=30)], ids=["at", "after", "long-after"]
)
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
    # The request stopped the timer: after the hold's deadline the payee may still refund,
    # within the days a payee has to answer.
    clock.advance(timedelta(days=4))
    assert release_due(db, clock) == 0
    act(db, clock, "refund", payment_id, payer, payee)
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("REFUNDED", ["REQUEST_REFUND", "REFUND"])
    assert (payer_wallet.available, payee_available) == (10_000, 0)
    assert ledger_problems(db) == []


def at(db, payment_id: int):
    with db.read() as session:
        return session.execute(select(PAYMENTS).where(PAYMENTS.c.id == payment_id)).one()


@pytest.mark.parametrize("response_days", [1, 5, 9])
def test_a_refund_request_the_payee_leaves_unanswered_is_refunded(db, clock, held, response_days):
    from tests.conftest import test_settings

    payment_id, payer, payee = held
    settings = test_settings(escrow_refund_response_days=response_days)
    clock.advance(hours=5)
    with db.write() as session:
        payments.request_refund(
            session=session,
            clock=clock,
            settings=settings,
            user_id=payer.id,
            payment_id=payment_id,
            reason="never arrived",
        )
    clock.advance(timedelta(days=response_days) - timedelta(seconds=1))
    assert release_due(db, clock) == 0
    assert state(db, payment_id, payer, payee)[0] == "REFUND_REQUESTED"
    clock.advance(seconds=1)
    before = ledger_snapshot(db)
    with pytest.raises(DomainError) as late:  # too late to decline: the request has refunded it
        act(db, clock, "decline_refund", payment_id, payer, payee)
    assert late.value.code == "PAYMENT_NOT_HELD" and "did not answer" in late.value.message
    assert ledger_snapshot(db) == before  # a refusal writes nothing: the release job refunds it, once
    assert release_due(db, clock) == 1
    assert release_due(db, clock) == 0
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("REFUNDED", ["REQUEST_REFUND", "REFUND_TIMEOUT"])
    assert (payer_wallet.available, payer_wallet.held, payee_available) == (10_000, 0, 0)
    assert ledger_problems(db) == []


def test_the_release_job_refunds_an_unanswered_request_by_itself(db, clock, held, settings):
    payment_id, payer, payee = held
    act(db, clock, "request_refund", payment_id, payer, payee)
    clock.advance(days=settings.escrow_refund_response_days)
    assert release_due(db, clock) == 1
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions, payer_wallet.available, payee_available) == (
        "REFUNDED",
        ["REQUEST_REFUND", "REFUND_TIMEOUT"],
        10_000,
        0,
    )
    assert ledger_problems(db) == []


def test_a_withdrawn_request_resumes_the_hold_with_the_time_it_had_left(db, clock, held, settings):
    payment_id, payer, payee = held
    clock.advance(days=1, hours=4)  # 20 hours of the 2-day hold left
    act(db, clock, "request_refund", payment_id, payer, payee)
    clock.advance(days=3)  # the payee thinks about it
    with db.write() as session:
        payments.withdraw_refund_request(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
    with db.write() as session:  # a retry changes nothing
        payments.withdraw_refund_request(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
    assert at(db, payment_id).auto_confirm_at == clock.now() + timedelta(hours=20)
    clock.advance(hours=19, minutes=59)
    assert release_due(db, clock) == 0
    clock.advance(minutes=1)
    assert release_due(db, clock) == 1
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("RELEASED", ["REQUEST_REFUND", "WITHDRAW_REFUND_REQUEST", "AUTO_CONFIRM"])
    assert (payer_wallet.available, payee_available) == (7_000, 3_000)
    assert ledger_problems(db) == []


def test_a_refund_request_can_be_withdrawn_once_so_the_hold_cannot_be_paused_forever(db, clock, held):
    payment_id, payer, payee = held
    deadline = at(db, payment_id).auto_confirm_at
    clock.advance(days=1)  # a day of the hold left
    act(db, clock, "request_refund", payment_id, payer, payee)
    clock.advance(days=4)  # just before the payee's 5 days run out
    with db.write() as session:
        payments.withdraw_refund_request(session=session, clock=clock, user_id=payer.id, payment_id=payment_id)
    # Asking again would stop the timer again, and again: refused, and the hold keeps running.
    with pytest.raises(DomainError) as again:
        act(db, clock, "request_refund", payment_id, payer, payee)
    assert again.value.code == "REFUND_REQUEST_ALREADY_WITHDRAWN" and again.value.field == "paymentId"
    assert at(db, payment_id).status == "HELD"
    resumed = at(db, payment_id).auto_confirm_at
    assert resumed == deadline + timedelta(days=4)  # paused for the 4 days the request waited, once
    clock.advance(days=1)
    assert release_due(db, clock) == 1
    status, actions, payer_wallet, payee_available = state(db, payment_id, payer, payee)
    assert (status, actions) == ("RELEASED", ["REQUEST_REFUND", "WITHDRAW_REFUND_REQUEST", "AUTO_CONFIRM"])
    assert (payer_wallet.available, payee_available) == (7_000, 3_000)
    assert ledger_problems(db) == []


def test_a_payer_extends_a_hold_once_before_it_releases(db, clock, held, settings):
    payment_id, payer, payee = held
    deadline = at(db, payment_id).auto_confirm_at

    def extend():
        with db.write() as session:
            return payments.extend_hold(
                session=session, clock=clock, settings=settings, user_id=payer.id, payment_id=payment_id
            )

    with pytest.raises(DomainError) as not_payer, db.write() as session:
        payments.extend_hold(session=session, clock=clock, settings=settings, user_id=payee.id, payment_id=payment_id)
    assert not_payer.value.code == "FORBIDDEN"
    clock.advance(days=1)
    extend()
    assert at(db, payment_id).auto_confirm_at == deadline + timedelta(days=settings.escrow_extension_days)
    with pytest.raises(DomainError) as twice:
        extend()
    assert twice.value.code == "HOLD_ALREADY_EXTENDED"
    clock.advance(days=DAYS - 1 + settings.escrow_extension_days)
    with pytest.raises(DomainError) as ended:
        extend()
    assert ended.value.code == "PAYMENT_NOT_HELD"
    assert release_due(db, clock) == 1
    assert state(db, payment_id, payer, payee)[1] == ["EXTEND_HOLD", "AUTO_CONFIRM"]
    assert ledger_problems(db) == []
