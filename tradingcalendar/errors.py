"""Error codes of the trading calendar (``CALENDAR_NOT_PUBLISHED`` lives with the rules, in
``core.calendar.CalendarErrorCode``)."""

from __future__ import annotations

from enum import StrEnum


class TradingCalendarErrorCode(StrEnum):
    CALENDAR_IMPORT_INVALID = "CALENDAR_IMPORT_INVALID"  # a file with bad lines: nothing loaded
