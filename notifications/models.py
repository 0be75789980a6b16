"""Tables of the notifications domain."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import UTCDateTime


class Notification(Base):
    """One thing a user is told about: an outbox event that concerns them (``event_id``) or a
    reminder (``due_on``). ``dedupe_key`` names it exactly once per user (``E<event>:<kind>``
    or ``R:<kind>:<subject>:<due date>``); ``occurred_at`` is its date of record (the event's,
    or the reminder's by the contract), by which the list is ordered newest first."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("user_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str] = mapped_column(String(120))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    event_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # the outbox event's
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # a reminder's deadline (local date)
    payment_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    order_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    product_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    transaction_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    amount: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # CNY minor units (fen)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # e.g. a plan's drift


# The list (newest first, keyset on occurred_at, id) and the unread count are index scans.
Index("ix_notifications_user_id_occurred_at_id", Notification.user_id, Notification.occurred_at, Notification.id)
Index("ix_notifications_user_id_read_at", Notification.user_id, Notification.read_at)


class NotificationFeed(Base):
    """How far the ledger's outbox has been copied into notifications: every event id up to
    ``position`` except those in ``gaps`` (ids not committed when it was read: on PostgreSQL a
    transaction takes its id before it commits), which the next runs read again while they are
    within ``feed.LOOKBACK`` ids of the position."""

    __tablename__ = "notification_feed"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger)
    gaps: Mapped[list[int]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
