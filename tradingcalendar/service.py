"""What the API, the CLI and the jobs call: the loaded calendar, its status, and imports.

- ``calendar(session)``: the ``TradingCalendar`` of the database, loaded once per process per
  revision (the revision is a hash of the content, so processes and test databases with the
  same calendar share it) and once per transaction at most.
- ``status(session, clock)``: how far the calendar reaches and the closures coming up; it is
  ``enough`` while at least ``MIN_DAYS_KNOWN`` days after today are known.
- ``import_closures(...)``: an operator's import of the exchange's notice (``parse_csv`` reads
  the ``date,name`` text the CLI and GraphQL both receive). The whole file is checked first;
  any bad line rejects it with every line's error (``ImportRejected``) and nothing is written.
  A file extends the known range to the 31 December of the last year it lists; each year it
  adds must list at least one closure (an exchange notice always has some), so a year can
  never become "known" by being skipped. A line may not close a day stored records already
  use as a date of record (a redemption's cash day, ...): the domains that store them
  register them with ``records``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core import csv_import
from core.actor import Actor
from core.calendar import CalendarNotPublished, Closure, TradingCalendar
from core.clock import Clock
from core.csv_import import LineError
from core.errors import CommonErrorCode, DomainError, Text, t
from tradingcalendar import records
from tradingcalendar.errors import TradingCalendarErrorCode
from tradingcalendar.models import TradingCalendarImport, TradingCalendarState, TradingClosure

log = logging.getLogger(__name__)

MIN_DAYS_KNOWN = 45  # fewer days known after today: status fails and the server warns daily
LOOKAHEAD_DAYS = 60  # the closures ``status`` lists
MAX_NAME_LENGTH = 100
HEADER = ["date", "name"]
_STATE_ID = 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CACHE: dict[str, TradingCalendar] = {}
_CACHE_SIZE = 8
_SESSION_KEY = "robo.trading_calendar"


# --- the loaded calendar ------------------------------------------------------------------


def revision_of(closures: Iterable[tuple[date, str]], *, known_from: date, known_through: date) -> str:
    """A content hash: the same closures and range give the same revision anywhere."""
    digest = hashlib.sha1(f"{known_from.isoformat()}..{known_through.isoformat()}".encode())
    for day, name in sorted(closures):
        digest.update(f"\n{day.isoformat()} {name}".encode())
    return digest.hexdigest()


def calendar(session: Session) -> TradingCalendar:
    """The trading calendar as stored (one small read per transaction; the closures are
    read again only when an import changed them)."""
    transaction = session.get_transaction()
    cached = session.info.get(_SESSION_KEY)
    if cached is not None and transaction is not None and cached[0] is transaction:
        return cached[1]
    state = session.execute(
        select(
            TradingCalendarState.known_from, TradingCalendarState.known_through, TradingCalendarState.revision
        ).where(TradingCalendarState.id == _STATE_ID)
    ).one_or_none()
    if state is None:
        raise DomainError(
            CommonErrorCode.NOT_FOUND,
            t(
                "The trading calendar is empty: run `robo migrate`, which seeds it.",
                "交易日历为空：请运行 `robo migrate` 进行初始化。",
            ),
        )
    loaded = _CACHE.get(state.revision)
    if loaded is None:
        closures = dict(session.execute(select(TradingClosure.day, TradingClosure.name)).all())
        loaded = TradingCalendar(
            closures, known_from=state.known_from, known_through=state.known_through, revision=state.revision
        )
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[state.revision] = loaded
    session.info[_SESSION_KEY] = (session.get_transaction(), loaded)
    return loaded


def _forget(session: Session) -> None:
    session.info.pop(_SESSION_KEY, None)


# --- status -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarStatus:
    today: date
    known_from: date
    known_through: date
    days_left: int  # calendar days after today that are known
    upcoming: tuple[Closure, ...]  # weekday closures of the next LOOKAHEAD_DAYS days

    @property
    def enough(self) -> bool:
        return self.days_left >= MIN_DAYS_KNOWN


def status(*, session: Session, clock: Clock) -> CalendarStatus:
    known = calendar(session)
    today = clock.today()
    return CalendarStatus(
        today=today,
        known_from=known.known_from,
        known_through=known.known_through,
        days_left=known.days_known_after(today),
        upcoming=tuple(known.closures_between(today, today + timedelta(days=LOOKAHEAD_DAYS))),
    )


def warn_if_running_out(*, session: Session, clock: Clock) -> CalendarStatus | None:
    """Log a warning, at most once a calendar day across every process, when fewer than
    ``MIN_DAYS_KNOWN`` days are known; the status when this call warned, else None."""
    current = status(session=session, clock=clock)
    if current.enough:
        return None
    claimed = session.execute(
        update(TradingCalendarState)
        .where(
            TradingCalendarState.id == _STATE_ID,
            (TradingCalendarState.warned_on.is_(None)) | (TradingCalendarState.warned_on != current.today),
        )
        .values(warned_on=current.today)
        .returning(TradingCalendarState.id)
    ).one_or_none()
    if claimed is None:
        return None
    log.warning(
        "The trading calendar knows only %d day(s) after %s (through %s): import the exchange's holiday "
        "notice for the next year with `robo calendar import FILE.csv` before orders are refused.",
        current.days_left,
        current.today,
        current.known_through,
    )
    return current


def closures(*, session: Session, first: date, last: date) -> list[Closure]:
    """Listed weekday closures between two days (inclusive), in date order."""
    if last < first:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t("The end of the range is before its start.", "结束日期早于开始日期。"),
            "to",
        )
    rows = session.execute(
        select(TradingClosure.day, TradingClosure.name)
        .where(TradingClosure.day >= first, TradingClosure.day <= last)
        .order_by(TradingClosure.day)
    )
    return [Closure(day, name) for day, name in rows]


@dataclass(frozen=True, slots=True)
class ImportRecord:
    id: int
    imported_at: object
    actor_id: int | None
    actor: str
    source: str
    closures: tuple[Closure, ...]
    known_through_before: date
    known_through_after: date


def imports(*, session: Session, limit: int = 20, import_id: int | None = None) -> list[ImportRecord]:
    """The audit log of imports, newest first (or the one ``import_id``)."""
    query = select(TradingCalendarImport)
    if import_id is not None:
        query = query.where(TradingCalendarImport.id == import_id)
    rows = session.scalars(query.order_by(TradingCalendarImport.id.desc()).limit(limit))
    return [
        ImportRecord(
            id=row.id,
            imported_at=row.imported_at,
            actor_id=row.actor_id,
            actor=row.actor,
            source=row.source,
            closures=tuple(_parse_listed(row.closure_list)),
            known_through_before=row.known_through_before,
            known_through_after=row.known_through_after,
        )
        for row in rows
    ]


def _parse_listed(text: str) -> Iterable[Closure]:
    for line in text.splitlines():
        day, _, name = line.partition(" ")
        yield Closure(date.fromisoformat(day), name)


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """One data line of an import file: its line number and the two cells as text."""

    line: int
    day: str
    name: str


class ImportRejected(csv_import.ImportRejected):
    """The file has bad lines; nothing was loaded (field ``csv``)."""

    code_of_rejection = TradingCalendarErrorCode.CALENDAR_IMPORT_INVALID
    field_of_rejection = "csv"


def parse_csv(text: str) -> list[CalendarRow]:
    """The data lines of a ``date,name`` CSV text (a leading BOM and blank lines ignored).
    A bad header, a line without exactly two columns or text that is not CSV is an
    ``ImportRejected`` naming the line."""
    lines = csv_import.read_rows(
        text,
        rejected=ImportRejected,
        columns=2,
        header_error=lambda names: (
            None if names == HEADER else t("The header must be exactly: date,name.", "表头必须严格为：date,name。")
        ),
        empty=t("The file is empty; expected the header date,name.", "文件为空，应有表头 date,name。"),
        no_rows=t("The file has no closures after its header.", "文件表头之后没有休市日。"),
    )
    return [CalendarRow(line, cells[0].strip(), cells[1].strip()) for line, cells in lines.rows]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    id: int
    loaded: int
    known_through_before: date
    known_through_after: date
    calendar: TradingCalendar


def protected_through(known: TradingCalendar, clock: Clock) -> date:
    """The last day an import may not close: orders may already carry it as their trade day
    (today, or the next trading day once today's cut-off has passed)."""
    try:
        return known.trade_day_for(clock.local_now())
    except CalendarNotPublished:
        return clock.today()


def _check_rows(
    session: Session, rows: Sequence[CalendarRow], known: TradingCalendar, clock: Clock
) -> tuple[list[Closure], list[LineError]]:
    errors: list[LineError] = []
    accepted: list[Closure] = []
    seen: dict[date, int] = {}
    protected = protected_through(known, clock)
    in_use = records.after(session, protected)
    for row in rows:
        day = _parse_day(row.day)
        if day is None:
            errors.append(
                LineError(
                    row.line,
                    "date",
                    t(f"Bad date {row.day!r}: expected YYYY-MM-DD.", f"日期 {row.day!r} 无效，格式应为 YYYY-MM-DD。"),
                )
            )
        problem = _name_problem(row.name)
        if problem is not None:
            errors.append(LineError(row.line, "name", problem))
        if day is None:
            continue
        day_problem = _day_problem(day, known=known, protected=protected, seen=seen, in_use=in_use)
        if day_problem is not None:
            errors.append(LineError(row.line, "date", day_problem))
        seen.setdefault(day, row.line)
        if day_problem is None and problem is None:
            accepted.append(Closure(day, row.name))
    errors.extend(_year_gaps(rows, known))
    return accepted, errors


def _parse_day(text: str) -> date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _name_problem(name: str) -> Text | None:
    if not name:
        return t(
            "A closure needs a name (for example 春节 Spring Festival).",
            "休市日需要填写名称（例如 春节 Spring Festival）。",
        )
    if len(name) > MAX_NAME_LENGTH:
        return t(f"A name has at most {MAX_NAME_LENGTH} characters.", f"名称最多 {MAX_NAME_LENGTH} 个字符。")
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return t("A name may not contain control characters.", "名称不能包含控制字符。")
    return None


def _day_problem(
    day: date, *, known: TradingCalendar, protected: date, seen: dict[date, int], in_use: dict[date, list[Text]]
) -> Text | None:
    if day.weekday() >= 5:
        return t(
            f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()]}: weekends are always closed; list weekday closures only.",
            f"{day.isoformat()} 是{_WEEKDAYS_ZH[day.weekday()]}：周末始终休市，只需列出工作日的休市日。",
        )
    if day in seen:
        return t(
            f"{day.isoformat()} is listed twice (also on line {seen[day]}).",
            f"{day.isoformat()} 重复列出（第 {seen[day]} 行也有）。",
        )
    if day < known.known_from:
        return t(
            f"{day.isoformat()} is before the calendar's first day, {known.known_from.isoformat()}.",
            f"{day.isoformat()} 早于日历的第一天 {known.known_from.isoformat()}。",
        )
    if day in known.closures:
        return t(
            f"{day.isoformat()} is already a closure ({known.closures[day]}).",
            f"{day.isoformat()} 已是休市日（{known.closures[day]}）。",
        )
    if day <= protected:
        return t(
            f"{day.isoformat()} is not after {protected.isoformat()}: orders may already have that day or an "
            "earlier one as their trade day, and a closure there would change it.",
            f"{day.isoformat()} 不晚于 {protected.isoformat()}：已有订单可能以该日或更早的日期为交易日，"
            "在此设置休市会改变其交易日。",
        )
    uses = in_use.get(day)
    if uses:
        return t(
            f"{day.isoformat()} is already a date of record: {'; '.join(use.en for use in uses)}; a closure "
            "there would change dates already promised.",
            f"{day.isoformat()} 已是记录日期：{'；'.join(use.zh for use in uses)}；在此设置休市会改变已承诺的日期。",
        )
    return None


def _year_gaps(rows: Sequence[CalendarRow], known: TradingCalendar) -> list[LineError]:
    """Each year the file adds after the known range needs at least one of its closures."""
    first_line: dict[int, int] = {}
    for row in rows:
        day = _parse_day(row.day)
        if day is not None and day > known.known_through:
            first_line.setdefault(day.year, row.line)
    if not first_line:
        return []
    errors = []
    start = known.known_through.year + (1 if known.known_through.month == 12 and known.known_through.day == 31 else 0)
    for year in range(start, max(first_line) + 1):
        if year not in first_line:
            later = min(y for y in first_line if y > year)
            errors.append(
                LineError(
                    first_line[later],
                    "date",
                    t(
                        f"The file lists no closure in {year}: import each year's notice whole and in order "
                        f"before {later}.",
                        f"文件中没有 {year} 年的休市日：请在导入 {later} 年之前，按年份顺序完整导入每年的休市安排。",
                    ),
                )
            )
    return errors


def import_closures(
    *, session: Session, clock: Clock, actor: Actor, rows: Sequence[CalendarRow], source: str
) -> ImportSummary:
    """Check every row, then add the closures and extend the known range, audited; all or
    nothing (``ImportRejected`` with every line's error)."""
    state = session.execute(
        select(TradingCalendarState).where(TradingCalendarState.id == _STATE_ID).with_for_update()
    ).scalar_one()
    _forget(session)
    known = calendar(session)
    accepted, errors = _check_rows(session, rows, known, clock)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: (error.line, error.column)))
    before = known.known_through
    last = max(closure.day for closure in accepted)
    after = max(before, date(last.year, 12, 31))
    record = TradingCalendarImport(
        imported_at=clock.now(),
        actor_id=actor.id,
        actor=actor.label[:254],
        source=source[:300],
        closures=len(accepted),
        closure_list="\n".join(f"{c.day.isoformat()} {c.name}" for c in sorted(accepted, key=lambda c: c.day)),
        known_through_before=before,
        known_through_after=after,
    )
    session.add(record)
    session.flush()
    session.add_all(TradingClosure(day=c.day, name=c.name, import_id=record.id) for c in accepted)
    merged = dict(known.closures)
    merged.update((c.day, c.name) for c in accepted)
    state.known_through = after
    state.revision = revision_of(merged.items(), known_from=state.known_from, known_through=after)
    state.updated_at = clock.now()
    state.warned_on = None
    session.flush()
    _forget(session)
    log.info(
        "Trading calendar: %d closure(s) imported by %s from %s; known through %s (was %s).",
        len(accepted),
        actor.label,
        source,
        after,
        before,
    )
    return ImportSummary(record.id, len(accepted), before, after, calendar(session))
