"""``robo ledger verify``, ``robo bank settle`` and ``robo escrow release-due`` against the
test database (settings from ROBO_* variables, as in production)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import update

from ledger import history
from ledger.accounts import ACCOUNTS
from ledger.kinds import TransactionStatus
from tests.conftest import test_settings
from tests.wallet.conftest import ledger_problems
from wallet import cash, payments


def test_ledger_verify_passes_then_reports_tampering(robo, db, ready_user):
    ready_user(deposit="100")
    code, output = robo("ledger", "verify")
    assert code == 0 and "Ledger OK" in output
    with db.write() as session:
        session.execute(update(ACCOUNTS).where(ACCOUNTS.c.user_id.is_not(None)).values(balance=ACCOUNTS.c.balance + 1))
    code, output = robo("ledger", "verify")
    assert code == 1
    assert "balance 10001 but its postings sum to 10000" in output


def test_bank_settle_completes_and_fails_pending_withdrawals(robo, db, ready_user, clock):
    user = ready_user(deposit="100")
    manual = test_settings(bank_auto_settle=False)
    with db.write() as session:
        ok = cash.withdraw(
            session=session, clock=clock, settings=manual, user_id=user.id, amount=Decimal("30"), idempotency_key="a"
        ).transaction_id
        bad = cash.withdraw(
            session=session, clock=clock, settings=manual, user_id=user.id, amount=Decimal("20"), idempotency_key="b"
        ).transaction_id
    code, output = robo("bank", "pending")
    assert code == 0 and f"withdrawal {ok}" in output and f"withdrawal {bad}" in output
    code, output = robo("bank", "settle", "--fail", "999")
    assert code == 1 and "Not pending withdrawals: 999" in output
    code, output = robo("bank", "settle", "--fail", str(bad))
    assert code == 0 and "1 withdrawal(s) as completed and 1 as failed" in output
    with db.read() as session:
        assert history.get(session, ok).status == TransactionStatus.COMPLETED
        assert history.get(session, bad).status == TransactionStatus.FAILED
        from wallet.queries import wallet_summary

        assert wallet_summary(session, user.id).available == 7000  # 100 - 30 (the failed 20 came back)
    assert ledger_problems(db) == []


def test_escrow_release_due_releases_only_what_is_due(robo, db, ready_user, clock, settings):
    payer, payee = ready_user(deposit="100"), ready_user()
    with db.write() as session:
        soon = payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("10"),
            idempotency_key="soon",
            guarantee=True,
            auto_confirm_days=1,
        ).payment_id
        later = payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("20"),
            idempotency_key="later",
            guarantee=True,
            auto_confirm_days=5,
        ).payment_id
    code, output = robo("escrow", "release-due", clock_at=clock.now() + timedelta(days=2))
    assert code == 0 and "Released 1 held payment(s)." in output
    from wallet.queries import payment_view

    with db.read() as session:
        assert payment_view(session, soon).status == "RELEASED"
        assert payment_view(session, later).status == "HELD"
    assert ledger_problems(db) == []
