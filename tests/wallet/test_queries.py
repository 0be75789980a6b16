"""The read side: the viewer's wallet summary is one statement, and its figures follow the
payments (``held`` = outgoing guarantee payments still in escrow, whatever their state)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import event

from wallet import payments
from wallet.queries import WalletSummary, wallet_summary


def summary_and_statements(db, user_id: int) -> tuple[WalletSummary, int]:
    sent = []

    def count(*_args) -> None:
        sent.append(1)

    with db.read() as session:
        session.connection()  # the BEGIN is not the summary's
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            summary = wallet_summary(session, user_id)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return summary, len(sent)


def test_the_summary_is_one_statement_and_counts_every_escrow_state(db, ready_user, clock, settings):
    payer, payee, newcomer = ready_user(deposit="100"), ready_user(), ready_user()
    assert summary_and_statements(db, newcomer.id) == (WalletSummary(available=0, held=0), 1)

    def pay(key: str, amount: str, guarantee: bool = True) -> int:
        with db.write() as session:
            return payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=payer.id,
                payee=payee.email,
                amount=Decimal(amount),
                idempotency_key=key,
                guarantee=guarantee,
            ).payment_id

    pay("direct", "1.00", guarantee=False)
    pay("held", "2.00")
    requested, disputed, released, refunded = (
        pay(k, a) for k, a in (("r", "4.00"), ("d", "8.00"), ("c", "16.00"), ("f", "32.00"))
    )
    with db.write() as session:
        payments.request_refund(
            session=session, clock=clock, settings=settings, user_id=payer.id, payment_id=requested, reason="late"
        )
        payments.request_refund(
            session=session, clock=clock, settings=settings, user_id=payer.id, payment_id=disputed, reason="late"
        )
        payments.decline_refund(session=session, clock=clock, user_id=payee.id, payment_id=disputed)
        payments.confirm(session=session, clock=clock, user_id=payer.id, payment_id=released)
        payments.refund(session=session, clock=clock, user_id=payee.id, payment_id=refunded)
    # 100 - 1 direct - 16 released - (2 + 4 + 8 held) = 69; the refunded 32 came back.
    assert summary_and_statements(db, payer.id) == (WalletSummary(available=6_900, held=1_400), 1)
    assert summary_and_statements(db, payee.id) == (WalletSummary(available=1_700, held=0), 1)
