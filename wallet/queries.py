"""Read side of the wallet: balances, payments as their parties see them, pages of payments.

``available`` is the cash account's balance; ``held`` the user's outgoing guarantee payments
still in escrow; ``balance`` = available + held.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, BindParameter, Row, ScalarSelect, bindparam, func, or_, select
from sqlalchemy.orm import Session

from core.errors import CommonErrorCode, DomainError, t
from core.text import mask_name
from db import keyset
from db.counting import count_rows
from ledger.accounts import ACCOUNTS
from ledger.kinds import CNY, Purpose
from users.models import User
from wallet.kinds import IN_ESCROW, PaymentRole, PaymentStatus
from wallet.payments import PAYMENTS, parse_payment_id


@dataclass(frozen=True, slots=True)
class WalletSummary:
    """Minor units of CNY."""

    available: int
    held: int

    @property
    def balance(self) -> int:
        return self.available + self.held


def _held_total(user_id: int | BindParameter[int], asset: str) -> ScalarSelect[Any]:
    return (
        select(func.coalesce(func.sum(PAYMENTS.c.amount), 0))
        .where(
            PAYMENTS.c.payer_id == user_id,
            PAYMENTS.c.status.in_([str(s) for s in IN_ESCROW]),
            PAYMENTS.c.asset == asset,
        )
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
    respond_by: datetime | None = None
    extended_at: datetime | None = None
    disputed_at: datetime | None = None


_PAYER, _PAYEE = User.__table__.alias("payer"), User.__table__.alias("payee")
_VIEWS = (
    select(PAYMENTS, _PAYER.c.display_name.label("payer_name"), _PAYEE.c.display_name.label("payee_name"))
    .join(_PAYER, _PAYER.c.id == PAYMENTS.c.payer_id)
    .join(_PAYEE, _PAYEE.c.id == PAYMENTS.c.payee_id)
)
_ONE_VIEW = _VIEWS.where(PAYMENTS.c.id == bindparam("id", type_=BigInteger))


def _view(row: Row[*tuple[Any, ...]]) -> PaymentView:
    return PaymentView(
        id=row.id,
        payer_id=row.payer_id,
        payer_name=row.payer_name,
        payee_id=row.payee_id,
        payee_name=row.payee_name,
        asset=row.asset,
        amount=row.amount,
        memo=row.memo,
        guarantee=row.guarantee,
        status=PaymentStatus(row.status),
        auto_confirm_at=row.auto_confirm_at,
        auto_confirm_days=row.auto_confirm_days,
        refund_reason=row.refund_reason,
        created_at=row.created_at,
        finished_at=row.finished_at,
        respond_by=row.respond_by,
        extended_at=row.extended_at,
        disputed_at=row.disputed_at,
    )


def payment_view(session: Session, payment_id: int, *, viewer_id: int | None = None) -> PaymentView:
    """A payment; with ``viewer_id``, the other party's name as that party may see it."""
    row = session.execute(_ONE_VIEW, {"id": payment_id}).one_or_none()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such payment.", "没有这笔付款。"), "id")
    views = [_view(row)]
    return (views if viewer_id is None else masked_for(session, views, viewer_id=viewer_id))[0]


def payment_views(session: Session, payment_ids: set[int], *, viewer_id: int) -> list[PaymentView]:
    """The viewer's payments among ``payment_ids`` (others are left out), the other party's
    name as the viewer may see it: two statements whatever their number."""
    if not payment_ids:
        return []
    mine = or_(PAYMENTS.c.payer_id == viewer_id, PAYMENTS.c.payee_id == viewer_id)
    rows = session.execute(_VIEWS.where(PAYMENTS.c.id.in_(sorted(payment_ids)), mine)).all()
    return masked_for(session, [_view(row) for row in rows], viewer_id=viewer_id)


def payment_for(session: Session, payment_id: object, *, viewer_id: int) -> PaymentView:
    """A payment only its payer or payee may read; anybody else (operators included: they
    see disputed payments in their queue) gets NOT_FOUND, exactly as for an id that does not
    exist, so ids cannot be probed."""
    view = payment_view(session, parse_payment_id(payment_id, field="id"))
    if viewer_id not in (view.payer_id, view.payee_id):
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such payment.", "没有这笔付款。"), "id")
    return masked_for(session, [view], viewer_id=viewer_id)[0]


def payments_page(
    session: Session,
    *,
    limit: int,
    after_id: int | None,
    user_id: int | None = None,
    status: PaymentStatus | None = None,
    role: PaymentRole | None = None,
    backward: bool = False,
) -> list[PaymentView]:
    """Newest first: the payments of ``user_id`` (as payer or payee, the other party's name
    as they may see it), or all with ``status`` (staff: names in full); ``backward``: those
    before ``after_id``, oldest first (see ``db.keyset``)."""
    statement = _VIEWS.where(*_payment_conditions(user_id, status, role))
    statement = keyset.page(
        statement,
        [PAYMENTS.c.id],
        descending=[True],
        key=None if after_id is None else [after_id],
        backward=backward,
        limit=limit,
    )
    views = [_view(row) for row in session.execute(statement)]
    return views if user_id is None else masked_for(session, views, viewer_id=user_id)


def _payment_conditions(user_id: int | None, status: PaymentStatus | None, role: PaymentRole | None) -> list[Any]:
    conditions: list[Any] = []
    if user_id is not None and role is PaymentRole.SENT:
        conditions.append(PAYMENTS.c.payer_id == user_id)
    elif user_id is not None and role is PaymentRole.RECEIVED:
        conditions.append(PAYMENTS.c.payee_id == user_id)
    elif user_id is not None:
        conditions.append(or_(PAYMENTS.c.payer_id == user_id, PAYMENTS.c.payee_id == user_id))
    if status is not None:
        conditions.append(PAYMENTS.c.status == str(status))
    return conditions


def count_payments(
    session: Session,
    *,
    user_id: int | None = None,
    status: PaymentStatus | None = None,
    role: PaymentRole | None = None,
) -> int:
    """How many payments ``payments_page`` pages through."""
    return count_rows(session, select(PAYMENTS.c.id).where(*_payment_conditions(user_id, status, role)))


# --- who may see whose name ------------------------------------------------------------------

_DONE = [str(PaymentStatus.COMPLETED), str(PaymentStatus.RELEASED)]


def acquainted(session: Session, user_id: int, others: set[int]) -> set[int]:
    """The users among ``others`` who completed a payment to ``user_id``: by paying, they
    showed their name to them."""
    if not others:
        return set()
    done = PAYMENTS.c.status.in_(_DONE)
    received = select(PAYMENTS.c.payer_id).where(PAYMENTS.c.payee_id == user_id, PAYMENTS.c.payer_id.in_(others), done)
    return set(session.execute(received.distinct()).scalars())


def masked_for(session: Session, views: list[PaymentView], *, viewer_id: int) -> list[PaymentView]:
    """The views with the other party's display name masked (``core.text.mask_name``) until
    that party has completed a payment to the viewer: a payee sees who paid them, while
    nobody reads another user's name by paying them 0.01 (the payee never paid back)."""
    others = {view.payee_id if view.payer_id == viewer_id else view.payer_id for view in views} - {viewer_id}
    known = acquainted(session, viewer_id, others)
    shown = []
    for view in views:
        if view.payer_id == viewer_id and view.payee_id not in known | {viewer_id}:
            view = replace(view, payee_name=mask_name(view.payee_name))
        elif view.payee_id == viewer_id and view.payer_id not in known | {viewer_id}:
            view = replace(view, payer_name=mask_name(view.payer_name))
        shown.append(view)
    return shown


def escrow_holds(
    session: Session, user_id: int, *, until: datetime, asset: str = CNY
) -> list[tuple[datetime, datetime | None, int]]:
    """The user's guarantee payments made before ``until``: (held from, released or refunded
    at or None while still held, amount), for the balance a day ended with."""
    rows = session.execute(
        select(PAYMENTS.c.created_at, PAYMENTS.c.finished_at, PAYMENTS.c.amount).where(
            PAYMENTS.c.payer_id == user_id,
            PAYMENTS.c.guarantee.is_(True),
            PAYMENTS.c.asset == asset,
            PAYMENTS.c.created_at < until,
        )
    ).all()
    return [(row.created_at, row.finished_at, int(row.amount)) for row in rows]
