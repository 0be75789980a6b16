"""Fund trading days on the Shanghai Stock Exchange calendar (``exchange_calendars``' XSHG).

Orders placed at or after the 15:00 cut-off, or on a non-trading day, belong to the next
trading day. The library records XSHG holidays only up to a fixed year; beyond it we fall
back to Monday-Friday and log a warning once, so the platform keeps working until the
library is upgraded (upgrade it when the exchange publishes the next year's holidays).
"""

from __future__ import annotations

import logging
import warnings
from datetime import date, datetime, time, timedelta
from functools import lru_cache

log = logging.getLogger(__name__)

CUT_OFF = time(15, 0)
_FIRST = date(2010, 1, 1)


@lru_cache(maxsize=1)
def _recorded_sessions() -> tuple[frozenset[date], date, date]:
    import exchange_calendars  # imported lazily: it pulls in pandas (~0.4 s)

    with warnings.catch_warnings():  # the library's own pandas deprecations are not ours
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        calendar = exchange_calendars.get_calendar("XSHG", start=_FIRST.isoformat())
    sessions = frozenset(ts.date() for ts in calendar.sessions)
    return sessions, calendar.first_session.date(), calendar.last_session.date()


_warned_beyond = False


def is_trading_day(day: date) -> bool:
    global _warned_beyond
    sessions, first, last = _recorded_sessions()
    if first <= day <= last:
        return day in sessions
    if not _warned_beyond:
        _warned_beyond = True
        log.warning(
            "XSHG holidays are recorded only from %s to %s; treating %s as a weekday calendar. "
            "Upgrade exchange-calendars when the exchange publishes its holidays.",
            first, last, day,
        )
    return day.weekday() < 5


def next_trading_day(day: date) -> date:
    """The first trading day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_trading_day(day):
        day += timedelta(days=1)
    return day


def previous_trading_day(day: date) -> date:
    """The last trading day strictly before ``day``."""
    day -= timedelta(days=1)
    while not is_trading_day(day):
        day -= timedelta(days=1)
    return day


def trading_day_on_or_after(day: date) -> date:
    return day if is_trading_day(day) else next_trading_day(day)


def add_trading_days(day: date, count: int) -> date:
    """The trading day ``count`` trading days after ``day`` (``count`` >= 0)."""
    for _ in range(count):
        day = next_trading_day(day)
    return day


def trade_day_for(local_time: datetime) -> date:
    """The trade day T an order placed at ``local_time`` (platform zone) belongs to."""
    day = local_time.date()
    if is_trading_day(day) and local_time.time() < CUT_OFF:
        return day
    return next_trading_day(day)


def cut_off_of(trade_day: date, tzinfo) -> datetime:
    """The 15:00 cut-off of ``trade_day`` in the platform zone."""
    return datetime.combine(trade_day, CUT_OFF, tzinfo=tzinfo)
