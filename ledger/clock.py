"""The platform's settable clock, for demos and end-to-end tests (``ROBO_ENV`` dev or test).

``robo clock set`` and the operators' ``setClock`` store an offset from the real time in
``platform_clock`` (one row); every server process, worker and command reads it through a
``core.clock.StoredClock`` (at most every half second), so all of them agree. ``robo clock
reset`` deletes the row: the configured clock (``ROBO_CLOCK`` or the real time) runs again.
Refused when ``ROBO_ENV=production``, where the stored setting is not even read.

The clock may move forwards freely, and backwards only as far as the latest journal entry:
an instant before it is refused (``CLOCK_BEFORE_LEDGER``), also for a reset, so entries stay
in the order of their times and no job books a day that the ledger has already passed. To
start over earlier, use a fresh database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from core.clock import Clock, StoredClock, SystemClock, as_utc
from core.errors import DomainError, t
from core.settings import Settings
from db.session import Database, insert_if_absent
from ledger.errors import LedgerErrorCode
from ledger.models import JournalEntry, PlatformClock

ROW_ID = 1
_READ = select(PlatformClock.offset_microseconds).where(PlatformClock.id == ROW_ID)


@dataclass(frozen=True, slots=True)
class ClockState:
    """What ``robo clock show`` prints: the platform's time and whether it was set."""

    now: datetime
    real_now: datetime
    setting: PlatformClock | None


def stored_offset(database: Database) -> timedelta | None:
    """The stored offset from the real time (one read outside any transaction), or None."""
    with database.single_read() as connection:
        microseconds = connection.execute(_READ).scalar()
    return None if microseconds is None else timedelta(microseconds=microseconds)


def platform_clock(*, base: Clock, database: Database, settings: Settings, real: Clock | None = None) -> Clock:
    """The clock of a process: ``base`` moved by the stored setting (not in production)."""
    if settings.is_production:
        return base
    return StoredClock(base, lambda: stored_offset(database), real=real)


def _real(clock: Clock) -> Clock:
    return clock.real if isinstance(clock, StoredClock) else SystemClock(str(clock.zone))


def _base(clock: Clock) -> Clock:
    return clock.base if isinstance(clock, StoredClock) else clock


def _refuse_in_production(settings: Settings) -> None:
    if settings.is_production:
        raise DomainError(
            LedgerErrorCode.CLOCK_NOT_SETTABLE,
            t(
                "The platform's clock can only be set when ROBO_ENV is dev or test, never in production.",
                "平台时钟只能在 ROBO_ENV 为 dev 或 test 时设置，生产环境中不可设置。",
            ),
            "at",
        )


def _refuse_before_ledger(session: Session, instant: datetime, clock: Clock) -> None:
    latest = session.scalar(select(JournalEntry.created_at).order_by(JournalEntry.id.desc()).limit(1))
    if latest is not None and instant < as_utc(latest):
        shown = as_utc(latest).astimezone(clock.zone).isoformat(timespec="seconds")
        raise DomainError(
            LedgerErrorCode.CLOCK_BEFORE_LEDGER,
            t(
                f"The clock cannot go back before the ledger's latest entry ({shown}); use a fresh database to start earlier.",
                f"时钟不能回到账本最新分录之前（{shown}）；如需从更早时间开始，请使用新的数据库。",
            ),
            "at",
        )


def _forget_after_commit(session: Session, clock: Clock) -> None:
    """This process sees the new setting at once (the others within their refresh interval)."""
    if isinstance(clock, StoredClock):
        event.listen(session, "after_commit", lambda _session: clock.forget(), once=True)


def set_clock(*, session: Session, clock: Clock, settings: Settings, at: datetime, set_by: str) -> datetime:
    """Move the platform's clock to ``at`` (aware); it runs on from there. Returns ``at``."""
    _refuse_in_production(settings)
    if at.tzinfo is None:
        raise DomainError(
            LedgerErrorCode.CLOCK_NOT_SETTABLE,
            t(
                "Give the time with its zone, e.g. 2027-01-04T09:00:00+08:00.",
                "请带时区给出时间，例如 2027-01-04T09:00:00+08:00。",
            ),
            "at",
        )
    at = as_utc(at)
    _refuse_before_ledger(session, at, clock)
    real_now = _real(clock).now()
    offset = (at - real_now) // timedelta(microseconds=1)
    values = dict(offset_microseconds=offset, set_to=at, set_at=real_now, set_by=set_by[:100])
    insert_if_absent(session, PlatformClock, dict(id=ROW_ID, **values), unique=["id"])
    row = session.get(PlatformClock, ROW_ID, with_for_update=True, populate_existing=True)
    assert row is not None
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    _forget_after_commit(session, clock)
    return at


def reset_clock(*, session: Session, clock: Clock, settings: Settings) -> datetime:
    """Forget the setting: the configured clock runs again. Returns its time."""
    _refuse_in_production(settings)
    now = _base(clock).now()
    if session.get(PlatformClock, ROW_ID) is not None:
        _refuse_before_ledger(session, as_utc(now), clock)
        session.execute(delete(PlatformClock).where(PlatformClock.id == ROW_ID))
        _forget_after_commit(session, clock)
    return now


def clock_state(*, session: Session, clock: Clock) -> ClockState:
    setting = session.get(PlatformClock, ROW_ID)
    real_now = _real(clock).now()
    if setting is not None:
        now = real_now + timedelta(microseconds=setting.offset_microseconds)
    else:
        now = _base(clock).now()
    return ClockState(now=now, real_now=real_now, setting=setting)
