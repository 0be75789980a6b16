"""The injectable clock. Domain code never calls ``datetime.now()``: it receives a ``Clock``.

- ``SystemClock``: the real time.
- ``StartedAtClock``: starts at a pinned instant (``ROBO_CLOCK``) when the process starts and
  runs on from there, so demos and whole-day simulations can begin on any day while timers
  and token expiry still work.
- ``ManualClock``: for tests; set or advance it explicitly.

Every clock answers aware datetimes; ``local_now``/``today`` give the platform's zone
(Asia/Shanghai by default), in which cut-offs and trading days are defined.
"""

from __future__ import annotations

import time
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
