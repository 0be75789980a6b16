"""Notifications as the API, the CLI and the jobs use them.

- ``catch_up(database, clock)``: copy new outbox events (a cheap read when there are none);
  reads call it first, so a payment's notification is there as soon as it committed.
- ``page`` / ``count`` / ``unread_count`` / ``notification``: a user's notifications, newest
  first by date of record; the unread count is one indexed ``COUNT``.
- ``mark_read``: marks the user's own notifications among the ids given (others' are ignored
  without a word); marking again changes nothing.
- ``send_reminders`` (``reminders``) and ``run_feed`` (``feed``): the jobs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from db.base import table_of
from notifications.automation import run_automation
from notifications.errors import NotificationErrorCode
from notifications.feed import FeedRun, catch_up, feed, run_feed
from notifications.feed import lag as feed_lag
from notifications.kinds import REMINDERS, NotificationKind
from notifications.models import Notification
from notifications.reminders import ReminderRun, send_reminders
from notifications.texts import Facts, body, title
from products.models import Product

__all__ = [
    "MAX_MARK",
    "FeedRun",
    "NotificationKind",
    "NotificationView",
    "ReminderRun",
    "catch_up",
    "count",
    "feed",
    "feed_lag",
    "mark_read",
    "notification",
    "page",
    "run_automation",
    "run_feed",
    "send_reminders",
    "unread_count",
]

NOTIFICATIONS = table_of(Notification)
PRODUCTS = table_of(Product)
MAX_MARK = 100  # ids per markNotificationsRead


@dataclass(frozen=True, slots=True)
class NotificationView:
    id: int
    kind: NotificationKind
    occurred_at: datetime
    read: bool
    reminder: bool
    payment_id: int | None
    order_id: int | None
    product_id: int | None
    transaction_id: int | None
    amount: int | None  # CNY minor units
    due_on: date | None
    facts: Facts

    def title(self, locale: str) -> str:
        return title(self.kind).in_(locale)

    def body(self, locale: str) -> str:
        return body(self.kind, self.facts).in_(locale)


def _views(session: Session, rows: Sequence[Any]) -> list[NotificationView]:
    product_ids = sorted({row.product_id for row in rows if row.product_id is not None})
    names: dict[int, tuple[str, str]] = {}
    if product_ids:
        found = session.execute(
            select(PRODUCTS.c.id, PRODUCTS.c.name_en, PRODUCTS.c.name_zh).where(PRODUCTS.c.id.in_(product_ids))
        )
        names = {product_id: (en, zh) for product_id, en, zh in found}
    views = []
    for row in rows:
        kind = NotificationKind(row.kind)
        en, zh = names.get(row.product_id, (None, None)) if row.product_id is not None else (None, None)
        views.append(
            NotificationView(
                id=row.id,
                kind=kind,
                occurred_at=row.occurred_at,
                read=row.read_at is not None,
                reminder=kind in REMINDERS,
                payment_id=row.payment_id,
                order_id=row.order_id,
                product_id=row.product_id,
                transaction_id=row.transaction_id,
                amount=row.amount,
                due_on=row.due_on,
                facts=Facts(row.amount, en, zh, row.due_on, row.detail),
            )
        )
    return views


def _mine(user_id: int, unread_only: bool) -> list[Any]:
    conditions = [NOTIFICATIONS.c.user_id == user_id]
    if unread_only:
        conditions.append(NOTIFICATIONS.c.read_at.is_(None))
    return conditions


def page(
    *,
    session: Session,
    user_id: int,
    unread_only: bool = False,
    limit: int,
    after: tuple[datetime, int] | None = None,
) -> list[NotificationView]:
    """Up to ``limit`` of the user's notifications, newest first (by date of record, then
    id), after the key ``after`` (``(occurred_at, id)`` of the last one seen)."""
    query = select(NOTIFICATIONS).where(*_mine(user_id, unread_only))
    if after is not None:
        at, last_id = after
        query = query.where(
            or_(
                NOTIFICATIONS.c.occurred_at < at,
                and_(NOTIFICATIONS.c.occurred_at == at, NOTIFICATIONS.c.id < last_id),
            )
        )
    rows = session.execute(
        query.order_by(NOTIFICATIONS.c.occurred_at.desc(), NOTIFICATIONS.c.id.desc()).limit(limit)
    ).all()
    return _views(session, rows)


def count(*, session: Session, user_id: int, unread_only: bool = False) -> int:
    """How many notifications the user has (only the unread ones with ``unread_only``)."""
    return int(session.scalar(select(func.count()).select_from(NOTIFICATIONS).where(*_mine(user_id, unread_only))) or 0)


def unread_count(*, session: Session, user_id: int) -> int:
    """The home screen's badge: one indexed count."""
    return count(session=session, user_id=user_id, unread_only=True)


def notification(*, session: Session, user_id: int, notification_id: int) -> NotificationView | None:
    """One of the user's notifications, or None (another user's is None too)."""
    rows = session.execute(
        select(NOTIFICATIONS).where(NOTIFICATIONS.c.id == notification_id, NOTIFICATIONS.c.user_id == user_id)
    ).all()
    views = _views(session, rows)
    return views[0] if views else None


def mark_read(*, session: Session, clock: Clock, user_id: int, ids: Iterable[int]) -> list[NotificationView]:
    """Mark the user's notifications among ``ids`` read (those already read keep their time;
    ids of anybody else's or of nothing are ignored, so nothing is revealed); the user's
    notifications among ``ids``, newest first."""
    given = list(ids)
    if len(given) > MAX_MARK:
        raise DomainError(
            NotificationErrorCode.TOO_MANY_NOTIFICATIONS,
            t(f"Mark at most {MAX_MARK} notifications at once.", f"一次最多标记 {MAX_MARK} 条通知。"),
            "ids",
        )
    wanted = sorted(set(given))
    if not wanted:
        return []
    mine = [NOTIFICATIONS.c.user_id == user_id, NOTIFICATIONS.c.id.in_(wanted)]
    session.execute(update(NOTIFICATIONS).where(*mine, NOTIFICATIONS.c.read_at.is_(None)).values(read_at=clock.now()))
    rows = session.execute(
        select(NOTIFICATIONS).where(*mine).order_by(NOTIFICATIONS.c.occurred_at.desc(), NOTIFICATIONS.c.id.desc())
    ).all()
    return _views(session, rows)
