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

from sqlalchemy import ColumnElement, exists, func, insert, select
from sqlalchemy.orm import Session

from db.base import table_of
from ledger.models import LedgerAccount, OutboxEvent, Posting

OUTBOX = table_of(OutboxEvent)
POSTINGS = table_of(Posting)
ACCOUNTS = table_of(LedgerAccount)
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


def concerned(session: Session, events: list[Event], users: Iterable[int] | None = None) -> dict[int, set[int]]:
    """Per event id, the users it concerns: those it names, or for a set-based entry (which
    names none) the owners of the accounts its postings moved (only among ``users`` if given,
    so a fund's day of income costs one query for the users listening, not its holders)."""
    found: dict[int, set[int]] = {event.id: set(event.user_ids) for event in events}
    unnamed = {event.entry_id: event.id for event in events if not event.user_ids and event.entry_id is not None}
    if unnamed:
        query = (
            select(POSTINGS.c.entry_id, ACCOUNTS.c.user_id)
            .distinct()
            .select_from(POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id))
            .where(POSTINGS.c.entry_id.in_(list(unnamed)), ACCOUNTS.c.user_id.is_not(None))
        )
        if users is not None:
            query = query.where(ACCOUNTS.c.user_id.in_(sorted(set(users))))
        for entry_id, user_id in session.execute(query):
            found[unnamed[entry_id]].add(user_id)
    return found


def events_for_user(session: Session, *, user_id: int, after_id: int, scan: int = 500) -> tuple[list[Event], int]:
    """The committed events after ``after_id`` that concern ``user_id`` among the next ``scan``
    events, and the id scanned up to (call again from there until it stops moving)."""
    events = events_after(session, after_id, limit=scan)
    if not events:
        return [], after_id
    users = concerned(session, events, [user_id])
    return [event for event in events if user_id in users[event.id]], events[-1].id


def ids_after(session: Session, after_id: int) -> list[int]:
    """The ids of the committed events above ``after_id`` (cheap: the primary key only)."""
    return list(session.scalars(select(OUTBOX.c.id).where(OUTBOX.c.id > after_id).order_by(OUTBOX.c.id)))


def events_by_id(session: Session, ids: list[int]) -> list[Event]:
    """The events with these ids, oldest first."""
    if not ids:
        return []
    rows = session.execute(select(OUTBOX).where(OUTBOX.c.id.in_(ids)).order_by(OUTBOX.c.id)).all()
    return [
        Event(row.id, row.topic, row.entry_id, tuple(row.user_ids or ()), row.payload, row.created_at) for row in rows
    ]


def latest_id(session: Session) -> int:
    """The highest event id so far (0 for none)."""
    return int(session.scalar(select(func.max(OUTBOX.c.id))) or 0)


def any_after(session: Session, after: ColumnElement[Any] | int) -> bool:
    """Whether the outbox holds an event above id ``after``: a number, or a scalar subquery
    that the same statement evaluates (one primary-key probe, one round trip)."""
    return bool(session.scalar(select(exists().where(OUTBOX.c.id > after))))


@dataclass(frozen=True, slots=True)
class Backlog:
    """The events above a reader's position: how many, and when the oldest was written (for
    the outbox-lag alert; a reader that keeps up has none)."""

    latest_id: int
    events: int
    oldest_at: datetime | None


def backlog(session: Session, after_id: int) -> Backlog:
    """The outbox's events above ``after_id`` (one statement: two index probes and a count of
    the ids beyond the position, which a reader keeping up keeps short)."""
    row = session.execute(
        select(
            select(func.coalesce(func.max(OUTBOX.c.id), 0)).scalar_subquery(),
            select(func.count()).where(OUTBOX.c.id > after_id).scalar_subquery(),
            select(func.min(OUTBOX.c.created_at)).where(OUTBOX.c.id > after_id).scalar_subquery(),
        )
    ).one()
    return Backlog(latest_id=int(row[0]), events=int(row[1]), oldest_at=row[2])
