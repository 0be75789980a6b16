"""The ledger's outbox: events written in the same transaction as the movement they announce,
for features that react to money moving (live updates, repayment from a merchant's sales)
without the lower packages ever calling them. Readers poll ``events_after`` with the last id
they handled; an event is visible exactly when its movement is committed.

Every journal entry announces itself (topic ``entry.<KIND>``, the users whose balances it
changed; a set-based entry leaves ``user_ids`` empty: its postings name them). Domains may
emit their own topics with ``emit``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.base import table_of
from ledger.models import OutboxEvent

OUTBOX = table_of(OutboxEvent)
_INSERT = insert(OUTBOX)


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    topic: str
    entry_id: int | None
    user_ids: tuple[int, ...]
    payload: dict[str, Any] | None
    created_at: datetime


def emit(
    session: Session,
    *,
    topic: str,
    at: datetime,
    entry_id: int | None = None,
    user_ids: Iterable[int] = (),
    payload: dict[str, Any] | None = None,
) -> None:
    """Write one event in the caller's transaction."""
    users = sorted(set(user_ids))
    session.execute(
        _INSERT, {"topic": topic, "entry_id": entry_id, "user_ids": users or None, "payload": payload, "created_at": at}
    )


def events_after(session: Session, after_id: int = 0, *, limit: int = 500) -> list[Event]:
    """Committed events with an id above ``after_id``, oldest first."""
    rows = session.execute(select(OUTBOX).where(OUTBOX.c.id > after_id).order_by(OUTBOX.c.id).limit(limit)).all()
    return [
        Event(row.id, row.topic, row.entry_id, tuple(row.user_ids or ()), row.payload, row.created_at) for row in rows
    ]
