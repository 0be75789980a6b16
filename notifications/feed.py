"""Copying the ledger's outbox into notifications.

``feed`` reads the events after the stored position (and the ids skipped earlier that may
have committed since), asks ``ledger.outbox.concerned`` whom each concerns and
``wallet.events`` / ``investing.events`` what it is to each of them (the classification the
subscriptions use), and inserts one notification per (user, event, kind) with ``INSERT ... ON
CONFLICT DO NOTHING`` on ``(user_id, dedupe_key)``: a run repeated, run concurrently or killed
half-way (its transaction rolls back, position and all) never shows anything twice.

On PostgreSQL an id is taken before its transaction commits, so an event may become visible
after one with a higher id: ids missing below the new position are remembered as ``gaps`` and
read again by later runs while they are within ``LOOKBACK`` ids of the position (the same
window as the subscriptions' hub), so a late commit is notified late, never lost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import to_scaled_int
from db.base import table_of
from db.session import Database, insert_if_absent, is_sqlite, lock_rows
from investing import service as investing_service
from ledger import service as ledger_service
from ledger.history import TRANSACTIONS
from ledger.outbox import Event
from notifications.models import Notification, NotificationFeed
from wallet import service as wallet_service

NOTIFICATIONS = table_of(Notification)
FEEDS = table_of(NotificationFeed)
OUTBOX_FEED = "outbox"
LOOKBACK = 500  # ids below the position re-read while they have not committed
BATCH = 500  # events per transaction


@dataclass(frozen=True, slots=True)
class FeedRun:
    created: int  # notifications inserted (not counting those already there)
    events: int  # outbox events read
    more: bool  # another batch is waiting


def position(session: Session) -> int:
    """The highest outbox id copied so far (0 before the first run)."""
    return int(session.scalar(select(FEEDS.c.position).where(FEEDS.c.name == OUTBOX_FEED)) or 0)


def lag(session: Session) -> ledger_service.Backlog:
    """The outbox's events not yet copied into notifications (the outbox-lag metric)."""
    return ledger_service.backlog(session, position(session))


def is_behind(session: Session) -> bool:
    """Whether the outbox has events beyond what was copied (one statement: every read of
    notifications asks it first)."""
    copied = func.coalesce(select(FEEDS.c.position).where(FEEDS.c.name == OUTBOX_FEED).scalar_subquery(), 0)
    return ledger_service.any_event_after(session, copied)


def _insert(session: Session) -> Any:
    if is_sqlite(session):
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    return insert(NOTIFICATIONS).on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])


def insert_notifications(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert ``rows`` (each with every column but ``id`` and ``read_at``), skipping those whose
    (user, dedupe_key) exists; how many were new."""
    if not rows:
        return 0
    columns = ("event_id", "due_on", "payment_id", "order_id", "product_id", "transaction_id", "amount", "detail")
    complete = [{**dict.fromkeys(columns), **row} for row in rows]
    return len(session.execute(_insert(session).returning(NOTIFICATIONS.c.id), complete).all())


def _rows(session: Session, events: list[Event], now: datetime) -> list[dict[str, Any]]:
    """The notifications ``events`` make, for every user each concerns."""
    concerned = ledger_service.concerned(session, events)
    by_user: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        for user_id in sorted(concerned.get(event.id, ())):
            by_user[user_id].append(event)
    if not by_user:
        return []
    rows: list[dict[str, Any]] = []
    wallet = wallet_service.wallet_events_by_user(session, by_user)
    line_ids = sorted({w.transaction_id for found in wallet.values() for w in found if w.transaction_id})
    amounts: dict[int, int] = {}
    if line_ids:
        query = select(TRANSACTIONS.c.id, TRANSACTIONS.c.amount).where(TRANSACTIONS.c.id.in_(line_ids))
        amounts = dict(session.execute(query).all())
    for user_id, found in wallet.items():
        for w in found:
            rows.append(
                {
                    "user_id": user_id,
                    "kind": str(w.kind),
                    "dedupe_key": f"E{w.id}:{w.kind}",
                    "occurred_at": w.occurred_at,
                    "created_at": now,
                    "event_id": w.id,
                    "payment_id": w.payment_id,
                    "transaction_id": w.transaction_id,
                    "amount": None if w.transaction_id is None else amounts.get(w.transaction_id),
                }
            )
    portfolio = investing_service.portfolio_events_by_user(session, by_user)
    for user_id, found in portfolio.items():
        for p in found:
            rows.append(
                {
                    "user_id": user_id,
                    "kind": str(p.kind),
                    "dedupe_key": f"E{p.id}:{p.kind}",
                    "occurred_at": p.occurred_at,
                    "created_at": now,
                    "event_id": p.id,
                    "order_id": p.order_id,
                    "product_id": p.product_id,
                    "amount": None if p.amount is None else to_scaled_int(p.amount, 2),
                }
            )
    return rows


def feed(session: Session, *, clock: Clock, limit: int = BATCH) -> FeedRun:
    """Copy the next batch of outbox events into notifications, in the caller's write
    transaction (the feed's row is locked: concurrent runs take turns)."""
    now = clock.now()
    insert_if_absent(
        session,
        NotificationFeed,
        {"name": OUTBOX_FEED, "position": 0, "gaps": [], "updated_at": now},
        unique=["name"],
    )
    state = session.execute(
        lock_rows(session, select(FEEDS.c.position, FEEDS.c.gaps).where(FEEDS.c.name == OUTBOX_FEED))
    ).one()
    start, gaps = int(state.position), [int(gap) for gap in state.gaps or ()]
    fresh = ledger_service.events_after(session, start, limit=limit)
    late = ledger_service.events_by_id(session, gaps)
    high = fresh[-1].id if fresh else start
    seen = {event.id for event in (*fresh, *late)}
    floor = high - LOOKBACK
    missing = set(range(max(start, floor) + 1, high + 1)) | set(gaps)
    still = sorted(gap for gap in missing - seen if gap > floor)
    events = sorted((*late, *fresh), key=lambda event: event.id)
    created = insert_notifications(session, _rows(session, events, now)) if events else 0
    if fresh or still != gaps:
        session.execute(
            update(FEEDS).where(FEEDS.c.name == OUTBOX_FEED).values(position=high, gaps=still, updated_at=now)
        )
    return FeedRun(created, len(events), len(fresh) == limit)


def catch_up(database: Database, clock: Clock, *, batches: int = 20) -> int:
    """Copy what the outbox has beyond the position (up to ``batches`` transactions); a cheap
    read and nothing else when nothing is new. How many notifications were created."""
    with database.read() as session:
        if not is_behind(session):
            return 0
    return run_feed(database, clock, batches=batches)


def run_feed(database: Database, clock: Clock, *, batches: int = 1000) -> int:
    """Feed batch after batch (each its own transaction) until the outbox is copied, and the
    remembered gaps read again once; how many notifications were created."""
    created = 0
    for _ in range(batches):
        with database.write() as session:
            run = feed(session, clock=clock)
        created += run.created
        if not run.more:
            break
    return created
