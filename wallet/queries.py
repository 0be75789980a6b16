"""Read side of the wallet: balances, payments as their parties see them, pages of payments.

``available`` is the cash account's balance; ``held`` the user's outgoing guarantee payments
still in escrow; ``balance`` = available + held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from core.errors import CommonErrorCode, DomainError
from users.models import User
from wallet.accounts import user_balance
from wallet.kinds import CNY, IN_ESCROW, PaymentStatus, Purpose
from wallet.models import Payment
from wallet.payments import PAYMENTS, parse_payment_id


@dataclass(frozen=True, slots=True)
class WalletSummary:
    """Minor units of CNY."""

    available: int
    held: int

    @property
    def balance(self) -> int:
        return self.available + self.held


def held_amount(session: Session, user_id: int, *, asset: str = CNY) -> int:
    total = session.execute(
        select(func.coalesce(func.sum(PAYMENTS.c.amount), 0)).where(
            PAYMENTS.c.payer_id == user_id,
            PAYMENTS.c.status.in_([str(s) for s in IN_ESCROW]),
            PAYMENTS.c.asset == asset,
        )
    ).scalar_one()
    return int(total)


def wallet_summary(session: Session, user_id: int) -> WalletSummary:
    return WalletSummary(
        available=user_balance(session, user_id=user_id, purpose=Purpose.CASH, asset=CNY),
        held=held_amount(session, user_id),
    )


@dataclass(frozen=True, slots=True)
class PaymentView:
    id: int
    payer_id: int
    payer_name: str
    payee_id: int
    payee_name: str
    asset: str
    amount: int
    memo: str | None
    guarantee: bool
    status: PaymentStatus
    auto_confirm_at: datetime | None
    auto_confirm_days: int | None
    refund_reason: str | None
    created_at: datetime
    finished_at: datetime | None


def _views():
    payer, payee = aliased(User), aliased(User)
    return (
        select(Payment, payer.display_name.label("payer_name"), payee.display_name.label("payee_name"))
        .join(payer, payer.id == Payment.payer_id)
        .join(payee, payee.id == Payment.payee_id)
    )


def _view(row) -> PaymentView:
    p = row[0]
    return PaymentView(
        id=p.id, payer_id=p.payer_id, payer_name=row.payer_name, payee_id=p.payee_id, payee_name=row.payee_name,
        asset=p.asset, amount=p.amount, memo=p.memo, guarantee=p.guarantee, status=PaymentStatus(p.status),
        auto_confirm_at=p.auto_confirm_at, auto_confirm_days=p.auto_confirm_days, refund_reason=p.refund_reason,
        created_at=p.created_at, finished_at=p.finished_at,
    )


def payment_view(session: Session, payment_id: int) -> PaymentView:
    row = session.execute(_views().where(Payment.id == payment_id)).one_or_none()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, "No such payment.", "id")
    return _view(row)


def payment_for(session: Session, payment_id: object, *, viewer_id: int, operator: bool = False) -> PaymentView:
    """A payment its payer or payee (or an operator) may read; anybody else gets NOT_FOUND,
    exactly as for an id that does not exist, so ids cannot be probed."""
    view = payment_view(session, parse_payment_id(payment_id, field="id"))
    if not operator and viewer_id not in (view.payer_id, view.payee_id):
        raise DomainError(CommonErrorCode.NOT_FOUND, "No such payment.", "id")
    return view


def payments_page(
    session: Session, *, limit: int, after_id: int | None, user_id: int | None = None, status: PaymentStatus | None = None
) -> list[PaymentView]:
    """Newest first: the payments of ``user_id`` (as payer or payee), or all with ``status``."""
    statement = _views()
    if user_id is not None:
        statement = statement.where(or_(Payment.payer_id == user_id, Payment.payee_id == user_id))
    if status is not None:
        statement = statement.where(Payment.status == str(status))
    if after_id is not None:
        statement = statement.where(Payment.id < after_id)
    return [_view(row) for row in session.execute(statement.order_by(Payment.id.desc()).limit(limit))]
