"""Fixed-window rate limits shared by every worker and process (a row per scope and key in
``rate_limits``): ``hit`` counts one use and says whether it was within the limit. Used for
registrations per address and the payee previews of each user.

Counting locks the row, so concurrent uses are counted one after another; the count lives in
the caller's transaction (a use that rolls back was not counted)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import as_utc
from db.session import insert_if_absent, lock_rows
from users.models import RateLimit


def hit(session: Session, *, scope: str, key: str, limit: int, window: timedelta, now: datetime) -> bool:
    """Count one use of ``scope``/``key``; False (nothing counted) once ``limit`` uses fall in
    the current window."""
    key = key[:128]
    insert_if_absent(session, RateLimit, dict(scope=scope, key=key, window_start=now, count=0), unique=["scope", "key"])
    row = session.scalars(
        lock_rows(session, select(RateLimit).where(RateLimit.scope == scope, RateLimit.key == key)).execution_options(
            populate_existing=True
        )
    ).one()
    if now - as_utc(row.window_start) >= window:
        row.window_start, row.count = now, 0
    if row.count >= limit:
        return False
    row.count += 1
    session.flush()
    return True


def exhausted(session: Session, *, scope: str, key: str, limit: int, window: timedelta, now: datetime) -> bool:
    """Whether ``scope``/``key`` has no use left in its current window (a read: lets a caller
    skip costly work, such as a password hash, that ``hit`` would refuse anyway)."""
    row = session.scalar(select(RateLimit).where(RateLimit.scope == scope, RateLimit.key == key[:128]))
    return row is not None and now - as_utc(row.window_start) < window and row.count >= limit


def retry_after(session: Session, *, scope: str, key: str, window: timedelta, now: datetime) -> int:
    """Seconds until the current window of ``scope``/``key`` ends."""
    row = session.scalar(select(RateLimit).where(RateLimit.scope == scope, RateLimit.key == key[:128]))
    if row is None:
        return 0
    return max(0, int((as_utc(row.window_start) + window - now).total_seconds()) + 1)
