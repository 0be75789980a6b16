"""Fund trading days on the Shanghai exchange, answered over a calendar the platform knows.

The platform owns its calendar as data (``tradingcalendar``: weekday closures seeded from
``exchange_calendars`` by a migration and extended by operators from the exchange's yearly
notice). This module holds the rules over one loaded ``TradingCalendar``:

- weekends are always closed; a listed weekday closure is closed; every other weekday
  between ``known_from`` and ``known_through`` is a trading day;
- orders placed at or after the 15:00 cut-off, or on a non-trading day, belong to the next
  trading day;
- a question about a day the calendar does not know raises ``CalendarNotPublished``
  (``CALENDAR_NOT_PUBLISHED``): a date of record is never guessed. Figures that only inform
  (a lock-up's end years ahead, the earliest full withdrawal of a plan) use ``estimate()``,
  a view that falls back to Monday-Friday beyond the known range and records that it did
  (``estimated``), so the API can say so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from core.errors import DomainError, t

CUT_OFF = time(15, 0)
SATURDAY = 5


class CalendarErrorCode(StrEnum):
    CALENDAR_NOT_PUBLISHED = "CALENDAR_NOT_PUBLISHED"


class CalendarNotPublished(DomainError):
    """A date of record falls where the platform's trading calendar has no data."""

    def __init__(self, day: date, *, known_from: date, known_through: date, field: str | None = None) -> None:
        if day > known_through:
            message = t(
                f"The exchange's trading days after {known_through.isoformat()} are not in the platform's "
                f"calendar yet, and {day.isoformat()} is needed; this opens once operators import the "
                "exchange's holiday notice.",
                f"平台交易日历尚未收录 {known_through.isoformat()} 之后的交易所交易日，而此处需要 "
                f"{day.isoformat()}；运营人员导入交易所休市安排后即可办理。",
            )
        else:
            message = t(
                f"The platform's trading calendar starts on {known_from.isoformat()}; {day.isoformat()} is before it.",
                f"平台交易日历从 {known_from.isoformat()} 开始，{day.isoformat()} 早于该日期。",
            )
        super().__init__(CalendarErrorCode.CALENDAR_NOT_PUBLISHED, message, field)
        self.day = day


def cut_off_of(trade_day: date, zone: tzinfo) -> datetime:
    """The 15:00 cut-off of ``trade_day`` in the platform zone: orders of that trade day can
    be cancelled until then."""
    return datetime.combine(trade_day, CUT_OFF, tzinfo=zone)


@dataclass(frozen=True, slots=True)
class Closure:
    day: date
    name: str


class TradingCalendar:
    """Trading days over ``[known_from, known_through]`` (weekday ``closures`` by date, with
    their names). ``revision`` identifies the stored calendar it was loaded from."""

    __slots__ = ("closures", "known_from", "known_through", "revision")

    def __init__(
        self, closures: Mapping[date, str], *, known_from: date, known_through: date, revision: str = ""
    ) -> None:
        if known_from > known_through:
            raise ValueError("known_from is after known_through")
        self.closures = dict(closures)
        self.known_from = known_from
        self.known_through = known_through
        self.revision = revision

    # --- the one rule everything else is built on ---------------------------------------

    def knows(self, day: date) -> bool:
        return self.known_from <= day <= self.known_through

    def _open(self, day: date) -> bool:
        if not self.knows(day):
            raise CalendarNotPublished(day, known_from=self.known_from, known_through=self.known_through)
        return day.weekday() < SATURDAY and day not in self.closures

    # --- questions ------------------------------------------------------------------------

    def is_trading_day(self, day: date) -> bool:
        return self._open(day)

    def closure_name(self, day: date) -> str | None:
        """The name of a listed weekday closure (None for weekends and trading days)."""
        return self.closures.get(day)

    def next_trading_day(self, day: date) -> date:
        """The first trading day strictly after ``day``."""
        day += timedelta(days=1)
        while not self._open(day):
            day += timedelta(days=1)
        return day

    def previous_trading_day(self, day: date) -> date:
        """The last trading day strictly before ``day``."""
        day -= timedelta(days=1)
        while not self._open(day):
            day -= timedelta(days=1)
        return day

    def trading_day_on_or_after(self, day: date) -> date:
        return day if self._open(day) else self.next_trading_day(day)

    def trading_day_on_or_before(self, day: date) -> date:
        return day if self._open(day) else self.previous_trading_day(day)

    def add_trading_days(self, day: date, count: int) -> date:
        """The trading day ``count`` trading days after ``day`` (``count`` >= 0; 0 is ``day``)."""
        if count < 0:
            raise ValueError("count must be >= 0")
        for _ in range(count):
            day = self.next_trading_day(day)
        return day

    def trade_day_for(self, local_time: datetime) -> date:
        """The trade day T of an order placed at ``local_time`` (platform zone)."""
        day = local_time.date()
        if self._open(day) and local_time.time() < CUT_OFF:
            return day
        return self.next_trading_day(day)

    @property
    def last_trading_day(self) -> date:
        """The last trading day the calendar knows."""
        return self.trading_day_on_or_before(self.known_through)

    def days_known_after(self, today: date) -> int:
        """Calendar days after ``today`` that the calendar still knows (0 when none)."""
        return max((self.known_through - today).days, 0)

    def closures_between(self, first: date, last: date) -> list[Closure]:
        """Listed weekday closures in ``[first, last]``, in date order."""
        return [Closure(day, self.closures[day]) for day in sorted(self.closures) if first <= day <= last]

    def trading_days(self, first: date, last: date) -> Iterator[date]:
        """Every trading day in ``[first, last]`` (both must be known)."""
        day = first
        while day <= last:
            if self._open(day):
                yield day
            day += timedelta(days=1)

    def estimate(self) -> EstimatedCalendar:
        """A view for figures that only inform: beyond the known range it takes every weekday
        for a trading day and sets ``estimated``."""
        return EstimatedCalendar(self)


class EstimatedCalendar(TradingCalendar):
    """``TradingCalendar`` that guesses Monday-Friday outside the known range and remembers
    that it did (``estimated``). Never use it for a date of record."""

    __slots__ = ("estimated",)

    def __init__(self, known: TradingCalendar) -> None:
        self.closures = known.closures  # shared, not copied: neither side changes it
        self.known_from = known.known_from
        self.known_through = known.known_through
        self.revision = known.revision
        self.estimated = False

    def _open(self, day: date) -> bool:
        if self.knows(day):
            return day.weekday() < SATURDAY and day not in self.closures
        self.estimated = True
        return day.weekday() < SATURDAY


def weekday_calendar(first: date, last: date) -> TradingCalendar:
    """A calendar with no closures over ``[first, last]`` (synthetic data and benchmarks)."""
    return TradingCalendar({}, known_from=first, known_through=last, revision="weekdays")
