"""The dates of a scheduled investment plan (定投), from its contract only.

A plan's *scheduled dates* follow from its frequency and anchor, never from when a job ran:

- ``MONTHLY``: day ``day_of_month`` (1-28, so every month has it) of every month, from the
  first such day on or after ``starts_on``;
- ``WEEKLY``: every ``day_of_week`` (1 = Monday .. 7 = Sunday) on or after ``starts_on``;
- ``BIWEEKLY``: every other such weekday, counted from the first one on or after ``starts_on``.

Each scheduled date's instalment *runs on* that date when it is a trading day, else on the next
trading day (``TradingCalendar.trading_day_on_or_after``: weekends, holidays, month and year
ends alike). Two scheduled dates may run on the same trading day (a weekly plan across a long
holiday): each is still one instalment, bought once under its own key.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum

from core.calendar import CalendarNotPublished, TradingCalendar


class Frequency(StrEnum):
    WEEKLY = "WEEKLY"
    BIWEEKLY = "BIWEEKLY"
    MONTHLY = "MONTHLY"


def _add_month(day: date, day_of_month: int) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, day_of_month)


def first_date(frequency: Frequency, *, starts_on: date, day_of_week: int | None, day_of_month: int | None) -> date:
    """The first scheduled date on or after ``starts_on``."""
    if frequency is Frequency.MONTHLY:
        assert day_of_month is not None and 1 <= day_of_month <= 28
        candidate = starts_on.replace(day=day_of_month)
        return candidate if candidate >= starts_on else _add_month(candidate, day_of_month)
    assert day_of_week is not None and 1 <= day_of_week <= 7
    return starts_on + timedelta(days=(day_of_week - starts_on.isoweekday()) % 7)


def scheduled_dates(
    frequency: Frequency,
    *,
    starts_on: date,
    day_of_week: int | None,
    day_of_month: int | None,
    through: date,
) -> Iterator[date]:
    """Every scheduled date from the first through ``through`` (inclusive), in order."""
    day = first_date(frequency, starts_on=starts_on, day_of_week=day_of_week, day_of_month=day_of_month)
    step = timedelta(days=7 if frequency is Frequency.WEEKLY else 14)
    while day <= through:
        yield day
        if frequency is Frequency.MONTHLY:
            assert day_of_month is not None
            day = _add_month(day, day_of_month)
        else:
            day += step


def run_day(calendar: TradingCalendar, scheduled_on: date) -> date:
    """The trading day a scheduled date's instalment belongs to (itself or the next trading day);
    ``CALENDAR_NOT_PUBLISHED`` beyond the known calendar: a run day is never guessed."""
    return calendar.trading_day_on_or_after(scheduled_on)


def due(
    calendar: TradingCalendar,
    frequency: Frequency,
    *,
    starts_on: date,
    day_of_week: int | None,
    day_of_month: int | None,
    on: date,
) -> list[tuple[date, date]]:
    """``(scheduled date, run day)`` of every instalment whose run day is ``on`` or earlier (the
    caller skips those already run). Scheduled dates up to ``on`` only: a later scheduled date
    never runs early."""
    return [
        (day, run_day(calendar, day))
        for day in scheduled_dates(
            frequency, starts_on=starts_on, day_of_week=day_of_week, day_of_month=day_of_month, through=on
        )
        if run_day(calendar, day) <= on
    ]


def next_run(
    calendar: TradingCalendar,
    frequency: Frequency,
    *,
    starts_on: date,
    day_of_week: int | None,
    day_of_month: int | None,
    after: date,
) -> tuple[date, date] | None:
    """The next instalment ``(scheduled date, run day)`` whose scheduled date is after ``after``
    (None when its run day is beyond the known calendar)."""
    begin = max(starts_on, after + timedelta(days=1))
    day = first_date(frequency, starts_on=begin, day_of_week=day_of_week, day_of_month=day_of_month)
    if frequency is Frequency.BIWEEKLY:  # keep the fortnightly rhythm of the anchor
        anchor = first_date(frequency, starts_on=starts_on, day_of_week=day_of_week, day_of_month=day_of_month)
        if (day - anchor).days % 14:
            day += timedelta(days=7)
    try:
        return day, run_day(calendar, day)
    except CalendarNotPublished:
        return None
