"""Dates of record other domains have stored: a closure imported on one of them would change a
date already promised (a redemption's cash day, a distribution's pay date), so the import
refuses that line.

The records live in higher packages (``investing``), which register a source here when they
are imported (``register``); this package never imports them. A source answers, for a day,
the stored dates of record strictly after it, each with what uses it in both languages
(``DateOfRecord``). ``after`` collects them from every registered source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from core.errors import Text


@dataclass(frozen=True, slots=True)
class DateOfRecord:
    """A day stored records depend on, and what they are, e.g. "the cash day of 2 redemptions
    whose cash is in transit"."""

    day: date
    what: Text


Source = Callable[[Session, date], Iterable[DateOfRecord]]  # (session, after) -> dates strictly after it
_REGISTERED: list[Source] = []


def register(source: Source) -> Source:
    """Add a domain's stored dates of record to what imports check (once; usable as a decorator)."""
    if source not in _REGISTERED:
        _REGISTERED.append(source)
    return source


def registered() -> tuple[Source, ...]:
    return tuple(_REGISTERED)


def after(session: Session, day: date) -> dict[date, list[Text]]:
    """Every registered source's dates of record strictly after ``day``: what uses each day.
    Without a registered source this refuses (fail closed): an import could not tell."""
    if not _REGISTERED:
        raise RuntimeError("No source of dates of record is registered: import investing before importing closures.")
    found: dict[date, list[Text]] = defaultdict(list)
    for source in _REGISTERED:
        for record in source(session, day):
            if record.day > day:
                found[record.day].append(record.what)
    return dict(found)
