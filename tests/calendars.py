"""The trading calendar in tests: the seeded one (the same closures the migration stores,
read from the migration itself, without a database), and the 2027 closures the tests import
(and those of 2028-2029, for the three-year simulation of ``tests/advisor/test_three_years.py``).

``CLOSURES_2027`` and ``CLOSURES_2028_2029`` are assumed notices for the tests (the exchange's
real ones may differ): they only have to look like one, one weekday closure a line (New Year,
the Spring Festival week, Qingming, Labour Day, Dragon Boat, Mid-Autumn, the National Day week).
"""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from core.calendar import TradingCalendar

MIGRATION = Path(__file__).resolve().parents[1] / "migrations" / "versions" / "0008_trading_calendar.py"
CLOSURES_2027_FILE = Path(__file__).resolve().parent / "data" / "closures-2027.csv"
CLOSURES_2027 = CLOSURES_2027_FILE.read_text(encoding="utf-8")
CLOSURES_2028_2029_FILE = Path(__file__).resolve().parent / "data" / "closures-2028-2029.csv"
CLOSURES_2028_2029 = CLOSURES_2028_2029_FILE.read_text(encoding="utf-8")
KNOWN_THROUGH = date(2026, 12, 31)  # what the seeded calendar knows


@lru_cache(maxsize=1)
def seeded() -> TradingCalendar:
    spec = importlib.util.spec_from_file_location("seed_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    closures, first, last = module._library_closures()
    return TradingCalendar(dict(closures), known_from=first, known_through=last, revision="tests-seeded")


@lru_cache(maxsize=1)
def with_2027() -> TradingCalendar:
    known = seeded()
    closures = dict(known.closures)
    for line in CLOSURES_2027.splitlines()[1:]:
        if line.strip():
            day, name = line.split(",", 1)
            closures[date.fromisoformat(day)] = name
    return TradingCalendar(
        closures, known_from=known.known_from, known_through=date(2027, 12, 31), revision="tests-2027"
    )


def _closures(text: str) -> dict[date, str]:
    found = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            day, name = line.split(",", 1)
            found[date.fromisoformat(day)] = name
    return found


@lru_cache(maxsize=1)
def with_2029() -> TradingCalendar:
    """The seeded calendar with the 2027 and the 2028-2029 closures (known through 2029)."""
    known = with_2027()
    closures = dict(known.closures)
    closures.update(_closures(CLOSURES_2028_2029))
    return TradingCalendar(
        closures, known_from=known.known_from, known_through=date(2029, 12, 31), revision="tests-2029"
    )


def trading_days(first: date, last: date) -> list[date]:
    """The seeded calendar's trading days in ``[first, last]``."""
    return list(seeded().trading_days(first, last))


def import_2027(db, clock) -> None:
    """Import ``CLOSURES_2027`` as an operator would (committed)."""
    from core.actor import Actor
    from tradingcalendar import service

    with db.write() as session:
        service.import_closures(
            session=session,
            clock=clock,
            actor=Actor.system("tests"),
            rows=service.parse_csv(CLOSURES_2027),
            source="tests/data/closures-2027.csv",
        )


def import_through_2029(db, clock) -> None:
    """Import ``CLOSURES_2027`` then ``CLOSURES_2028_2029`` (each year's notice whole, in order)."""
    from core.actor import Actor
    from tradingcalendar import service

    import_2027(db, clock)
    with db.write() as session:
        service.import_closures(
            session=session,
            clock=clock,
            actor=Actor.system("tests"),
            rows=service.parse_csv(CLOSURES_2028_2029),
            source="tests/data/closures-2028-2029.csv",
        )


def weekdays_after(day: date, count: int) -> list[date]:
    out = []
    while len(out) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            out.append(day)
    return out
