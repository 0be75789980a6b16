"""Read side of the wallet: balances, payments as their parties see them, pages of payments.

``available`` is the cash account's balance; ``held`` the user's outgoing guarantee payments
still in escrow; ``balance`` = available + held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, bindparam, func, or_, select
from sqlalchemy.orm import Session

from core.errors import CommonErrorCode, DomainError
from users.models import User
from wallet.accounts import ACCOUNTS
from wallet.kinds import CNY, IN_ESCROW, PaymentStatus, Purpose
from wallet.payments import PAYMENTS, parse_payment_id


@dataclass(frozen=True, slots=True)
class WalletSummary:
    """Minor units of CNY."""

    available: int
    held: int

    @property
    def balance(self) -> int:
        return self.available + self.held


def _held_total(user_id, asset: str):
    return (
        select(func.coalesce(func.sum(PAYMENTS.c.amount), 0))
        .where(PAYMENTS.c.payer_id == user_id, PAYMENTS.c.status.in_([str(s) for s in IN_ESCROW]), PAYMENTS.c.asset == asset)
        .scalar_subquery()
    )


def held_amount(session: Session, user_id: int, *, asset: str = CNY) -> int:
    return int(session.execute(select(_held_total(user_id, asset))).scalar_one())


_USER_ID = bindparam("user_id", type_=BigInteger)
# Both figures of the summary in one statement (one round trip, one snapshot).
_SUMMARY = select(
    func.coalesce(
        select(ACCOUNTS.c.balance)
        .where(
            ACCOUNTS.c.user_id == _USER_ID,
            ACCOUNTS.c.purpose == str(Purpose.CASH),
            ACCOUNTS.c.asset == CNY,
        )
        .scalar_subquery(),
        0,
    ),
    _held_total(_USER_ID, CNY),
)


def wallet_summary(session: Session, user_id: int) -> WalletSummary:
    available, held = session.execute(_SUMMARY, {"user_id": user_id}).one()
    return WalletSummary(available=int(available), held=int(held))


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


_PAYER, _PAYEE = User.__table__.alias("payer"), User.__table__.alias("payee")
_VIEWS = (
    select(PAYMENTS, _PAYER.c.display_name.label("payer_name"), _PAYEE.c.display_name.label("payee_name"))
    .join(_PAYER, _PAYER.c.id == PAYMENTS.c.payer_id)
    .join(_PAYEE, _PAYEE.c.id == PAYMENTS.c.payee_id)
)
_ONE_VIEW = _VIEWS.where(PAYMENTS.c.id == bindparam("id", type_=BigInteger))


def _view(row) -> PaymentView:
    return PaymentView(
        id=row.id, payer_id=row.payer_id, payer_name=row.payer_name, payee_id=row.payee_id, payee_name=row.payee_name,
        asset=row.asset, amount=row.amount, memo=row.memo, guarantee=row.guarantee, status=PaymentStatus(row.status),
        auto_confirm_at=row.auto_confirm_at, auto_confirm_days=row.auto_confirm_days, refund_reason=row.refund_reason,
        created_at=row.created_at, finished_at=row.finished_at,
    )


def payment_view(session: Session, payment_id: int) -> PaymentView:
    row = session.execute(_ONE_VIEW, {"id": payment_id}).one_or_none()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, "No such payment.", "id")
    return _view(row)


def payment_for(session: Session, payment_id: object, *, viewer_id: int) -> PaymentView:
    """A payment only its payer or payee may read; anybody else (operators included: they
    see disputed payments in their queue) gets NOT_FOUND, exactly as for an id that does not
    exist, so ids cannot be probed."""
    view = payment_view(session, parse_payment_id(payment_id, field="id"))
    if viewer_id not in (view.payer_id, view.payee_id):
        raise DomainError(CommonErrorCode.NOT_FOUND, "No such payment.", "id")
    return view


def payments_page(
    session: Session, *, limit: int, after_id: int | None, user_id: int | None = None, status: PaymentStatus | None = None
) -> list[PaymentView]:
    """Newest first: the payments of ``user_id`` (as payer or payee), or all with ``status``."""
    statement = _VIEWS
    if user_id is not None:
        statement = statement.where(or_(PAYMENTS.c.payer_id == user_id, PAYMENTS.c.payee_id == user_id))
    if status is not None:
        statement = statement.where(PAYMENTS.c.status == str(status))
    if after_id is not None:
        statement = statement.where(PAYMENTS.c.id < after_id)
    return [_view(row) for row in session.execute(statement.order_by(PAYMENTS.c.id.desc()).limit(limit))]
