"""The injected clock: ROBO_CLOCK starts the clock at a pinned instant and it runs on from
there; the manual clock only moves when told to; dates are the platform's (Shanghai)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import clock as clock_module
from core.clock import ManualClock, StartedAtClock, SystemClock, clock_from_settings
from core.settings import Settings

SHANGHAI = ZoneInfo("Asia/Shanghai")


class FakeMonotonic:
    """Stands in for ``time.monotonic`` so no test waits for real time to pass."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def monotonic(monkeypatch) -> FakeMonotonic:
    fake = FakeMonotonic()
    monkeypatch.setattr(clock_module.time, "monotonic", fake)
    return fake


def test_robo_clock_starts_at_the_pinned_instant_and_runs_on(monotonic):
    settings = Settings(clock="2026-12-31T23:59:30+08:00")
    clock = clock_from_settings(settings)
    assert isinstance(clock, StartedAtClock)
    assert clock.now() == datetime(2026, 12, 31, 23, 59, 30, tzinfo=SHANGHAI)
    assert clock.today() == date(2026, 12, 31)

    monotonic.value += 45  # 45 seconds of real time later

    assert clock.now() == datetime(2027, 1, 1, 0, 0, 15, tzinfo=SHANGHAI)
    assert clock.today() == date(2027, 1, 1)  # a new day: timers and expiry keep working


def test_without_robo_clock_the_system_clock_is_used():
    clock = clock_from_settings(Settings())
    assert isinstance(clock, SystemClock)
    before = datetime.now(UTC)
    assert before - timedelta(seconds=5) <= clock.now() <= datetime.now(UTC) + timedelta(seconds=5)


def test_manual_clock_moves_only_when_told():
    clock = ManualClock(datetime(2026, 11, 26, 23, 30, tzinfo=SHANGHAI))
    assert clock.now() == clock.now()
    assert clock.today() == date(2026, 11, 26)
    clock.advance(minutes=45)
    assert clock.local_now() == datetime(2026, 11, 27, 0, 15, tzinfo=SHANGHAI)
    assert clock.today() == date(2026, 11, 27)  # Shanghai date, though UTC is still the 26th
    assert clock.utcnow().date() == date(2026, 11, 26)
    clock.set(datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI))
    assert clock.today() == date(2027, 1, 4)


def test_clocks_refuse_naive_datetimes():
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 11, 26, 10, 0))
    with pytest.raises(ValueError):
        StartedAtClock(datetime(2026, 11, 26, 10, 0))
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)).set(datetime(2026, 11, 27))
