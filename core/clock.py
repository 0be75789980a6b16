"""The injectable clock. Domain code never calls ``datetime.now()``: it receives a ``Clock``.

- ``SystemClock``: the real time.
- ``StartedAtClock``: starts at a pinned instant (``ROBO_CLOCK``) when the process starts and
  runs on from there, so demos and whole-day simulations can begin on any day while timers
  and token expiry still work.
- ``ManualClock``: for tests; set or advance it explicitly.
- ``StoredClock``: another clock, unless an offset from the real time is stored (the platform's
  settable clock of dev and test, ``ledger.clock``): every process reads the same stored
  offset, so all of them agree.

Every clock answers aware datetimes; ``local_now``/``today`` give the platform's zone
(Asia/Shanghai by default), in which cut-offs and trading days are defined.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"


class Clock:
    """Base clock: subclasses implement ``now()`` (aware, any zone)."""

    def __init__(self, zone: str = DEFAULT_ZONE) -> None:
        self.zone = ZoneInfo(zone)

    def now(self) -> datetime:  # pragma: no cover - abstract
        raise NotImplementedError

    def utcnow(self) -> datetime:
        return self.now().astimezone(UTC)

    def local_now(self) -> datetime:
        return self.now().astimezone(self.zone)

    def today(self) -> date:
        """The calendar date in the platform's zone."""
        return self.local_now().date()


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(UTC)


class StartedAtClock(Clock):
    """Reads ``start`` at construction time and runs on at the real rate."""

    def __init__(self, start: datetime, zone: str = DEFAULT_ZONE) -> None:
        super().__init__(zone)
        if start.tzinfo is None:
            raise ValueError("the start of a clock needs a zone")
        self._start = start.astimezone(UTC)
        self._started = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._started)


class ManualClock(Clock):
    """A clock that only moves when told to (tests, simulations)."""

    def __init__(self, start: datetime, zone: str = DEFAULT_ZONE) -> None:
        super().__init__(zone)
        if start.tzinfo is None:
            raise ValueError("the start of a clock needs a zone")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("instant needs a zone")
        self._now = instant.astimezone(UTC)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


class StoredClock(Clock):
    """``base``, unless ``read()`` answers an offset: then the real time plus that offset.

    ``read`` (the stored setting, shared by every process through the database) is called at
    most every ``refresh_seconds``; ``forget()`` makes the next reading ask again (the process
    that changed the setting sees it at once). A failing ``read`` (a database not migrated yet,
    or away for a moment) keeps the last answer (at first: none)."""

    def __init__(
        self,
        base: Clock,
        read: Callable[[], timedelta | None],
        *,
        refresh_seconds: float = 0.5,
        real: Clock | None = None,
    ) -> None:
        super().__init__(str(base.zone))
        self.base = base
        self.real = real or SystemClock(str(base.zone))
        self._read = read
        self._refresh = refresh_seconds
        self._offset: timedelta | None = None
        self._read_at: float | None = None
        self._lock = threading.Lock()

    def offset(self) -> timedelta | None:
        """The stored offset (None: not set, the base clock runs)."""
        now = time.monotonic()
        read_at = self._read_at
        if read_at is None or now - read_at >= self._refresh:
            with self._lock:
                if self._read_at is read_at:  # one thread reads, the others take its answer
                    # no database yet, or away for a moment: keep the last answer
                    with contextlib.suppress(Exception):
                        self._offset = self._read()
                    self._read_at = time.monotonic()
        return self._offset

    def forget(self) -> None:
        with self._lock:
            self._read_at = None

    def now(self) -> datetime:
        offset = self.offset()
        return self.base.now() if offset is None else self.real.now() + offset


def clock_from_settings(settings: object) -> Clock:
    """``StartedAtClock`` when ``ROBO_CLOCK`` is set, else the system clock."""
    zone = getattr(settings, "timezone", DEFAULT_ZONE)
    pinned = getattr(settings, "clock", None)
    if pinned is not None:
        return StartedAtClock(pinned, zone)
    return SystemClock(zone)


def as_utc(value: datetime) -> datetime:
    """Aware UTC from an aware datetime, or from a naive one that is already UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
