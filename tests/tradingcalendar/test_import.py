"""Operators extend the platform's trading calendar from the exchange's notice: all lines or
none, audited; the status tells them when it is time; the server warns once a day."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.actor import Actor
from core.clock import ManualClock
from tests import calendars
from tests.conftest import SHANGHAI
from tradingcalendar import service
from tradingcalendar.models import TradingCalendarImport, TradingCalendarState, TradingClosure
from users.roles import Role


def snapshot(db) -> tuple:
    with db.read() as session:
        return (
            session.execute(select(TradingClosure.day, TradingClosure.name).order_by(TradingClosure.day)).all(),
            session.execute(select(TradingCalendarState.known_through, TradingCalendarState.revision)).all(),
            session.execute(select(func.count()).select_from(TradingCalendarImport)).scalar_one(),
        )


TESTS = Actor.system("tests")


def load(db, clock, text: str, actor: Actor = TESTS):
    with db.write() as session:
        return service.import_closures(
            session=session, clock=clock, actor=actor, rows=service.parse_csv(text), source="test"
        )


def test_the_seeded_calendar_is_the_librarys_and_ends_with_2026(db):
    with db.read() as session:
        known = service.calendar(session)
    seeded = calendars.seeded()
    assert known.closures == seeded.closures
    assert (known.known_from, known.known_through) == (seeded.known_from, date(2026, 12, 31))
    assert "Spring Festival" in known.closure_name(date(2026, 2, 17))


def test_importing_the_next_years_notice_extends_the_calendar_and_is_audited(db, clock, make_user):
    operator = make_user("ops@example.com", roles={Role.OPERATOR})
    summary = load(db, clock, calendars.CLOSURES_2027, Actor.user(operator.id, operator.email))
    assert summary.loaded == 17
    assert (summary.known_through_before, summary.known_through_after) == (date(2026, 12, 31), date(2027, 12, 31))
    with db.read() as session:
        known = service.calendar(session)
        audit = service.imports(session=session)
    assert known.closures == calendars.with_2027().closures
    assert not known.is_trading_day(date(2027, 1, 1)) and known.is_trading_day(date(2027, 1, 4))
    assert known.next_trading_day(date(2027, 2, 5)) == date(2027, 2, 15)
    [record] = audit
    assert (record.actor_id, record.actor) == (operator.id, "ops@example.com")
    assert [c.day for c in record.closures][:2] == [date(2027, 1, 1), date(2027, 2, 8)]
    assert record.known_through_after == date(2027, 12, 31)


BAD_LINES = [
    ("2027-13-01,Nonsense", "date", "Bad date"),
    ("2027-01-02,A Saturday", "date", "Saturday"),
    ("2027-01-01,Twice", "date", "listed twice"),
    ("2026-10-01,Old", "date", "already a closure"),
    ("2026-11-26,Today", "date", "not after 2026-11-26"),
    ("2027-05-06,", "name", "needs a name"),
    ("2029-01-02,Skips a year", "date", "no closure in 2028"),
]


@pytest.mark.parametrize(("line", "column", "message"), BAD_LINES, ids=[case[2] for case in BAD_LINES])
def test_one_bad_line_rejects_the_whole_file_and_loads_nothing(db, clock, line, column, message):
    before = snapshot(db)
    text = calendars.CLOSURES_2027.rstrip("\n") + "\n" + line + "\n"
    bad_line = len(text.rstrip("\n").splitlines())
    with pytest.raises(service.ImportRejected) as rejected:
        load(db, clock, text)
    [error] = rejected.value.line_errors
    assert (error.line, error.column) == (bad_line, column) and message in error.message, error
    assert snapshot(db) == before


def test_a_file_with_many_bad_lines_lists_each_and_bad_files_are_refused(db, clock):
    text = "date,name\n" + "\n".join(line for line, _, _ in BAD_LINES[:2]) + "\n2027-03-01,Fine\nx,y,z\n"
    with pytest.raises(service.ImportRejected) as rejected:
        load(db, clock, text)
    assert [e.line for e in rejected.value.line_errors] == [5]  # a malformed line stops the parse
    with pytest.raises(service.ImportRejected) as rejected:
        load(db, clock, "date,name\n" + "\n".join(line for line, _, _ in BAD_LINES[:2]) + "\n")
    assert [e.line for e in rejected.value.line_errors] == [2, 3]
    for text, message in (("day,label\n2027-01-01,x\n", "header"), ("", "empty"), ("date,name\n", "no closures")):
        with pytest.raises(service.ImportRejected) as rejected:
            load(db, clock, text)
        assert message in rejected.value.line_errors[0].message
    assert snapshot(db)[2] == 0


def test_after_the_cut_off_the_next_trading_day_is_protected_too(db):
    late = ManualClock(datetime(2026, 11, 26, 15, 30, tzinfo=SHANGHAI))  # orders now belong to Friday
    with pytest.raises(service.ImportRejected) as rejected:
        load(db, late, "date,name\n2026-11-27,Too late\n")
    assert "not after 2026-11-27" in rejected.value.line_errors[0].message
    load(db, late, "date,name\n2026-11-30,Announced closure\n")
    with db.read() as session:
        assert service.calendar(session).next_trading_day(date(2026, 11, 27)) == date(2026, 12, 1)


def test_status_exits_1_while_fewer_than_45_days_are_known_and_lists_the_coming_closures(db, robo, tmp_path):
    code, output = robo("calendar", "status", clock_at=datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    assert code == 1 and "Known through 2026-12-31: 28 day(s)" in output and "robo calendar import" in output
    notice = tmp_path / "notice.csv"
    notice.write_text(calendars.CLOSURES_2027, encoding="utf-8")
    code, output = robo("calendar", "import", notice, clock_at=datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    assert code == 0 and "Imported 17 closure(s)" in output and "2027-12-31" in output, output
    code, output = robo("calendar", "status", clock_at=datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    assert code == 0 and "393 day(s)" in output and "2027-01-01" in output and "New Year" in output, output


def test_the_cli_import_reports_every_bad_line_and_names_the_operator(db, robo, tmp_path, make_user):
    make_user("ops@example.com", roles={Role.OPERATOR})
    notice = tmp_path / "notice.csv"
    notice.write_text("date,name\n2027-01-02,Saturday\n2027-01-01,元旦\n2027-01-01,again\n", encoding="utf-8")
    code, output = robo("calendar", "import", notice)
    assert code == 1 and "Saturday" in output and "listed twice" in output and "nothing was loaded" in output
    assert snapshot(db)[2] == 0
    code, output = robo("calendar", "import", tmp_path / "missing.csv")
    assert code == 1 and "Cannot read" in output
    notice.write_text(calendars.CLOSURES_2027, encoding="utf-8")
    code, output = robo("calendar", "import", notice, "--as", "nobody@example.com")
    assert code == 1 and "not an operator" in output
    code, output = robo("calendar", "import", notice, "--as", "ops@example.com")
    assert code == 0, output
    with db.read() as session:
        assert service.imports(session=session)[0].actor == "ops@example.com"


def test_a_cli_import_without_as_names_the_os_user_in_the_audit(db, robo, tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "ops-shell")
    notice = tmp_path / "notice.csv"
    notice.write_text(calendars.CLOSURES_2027, encoding="utf-8")
    code, output = robo("calendar", "import", notice)
    assert code == 0, output
    with db.read() as session:
        [record] = service.imports(session=session)
    assert (record.actor_id, record.actor) == (None, "command line (robo calendar import) by ops-shell")


def test_the_audit_still_says_command_line_when_the_os_cannot_name_the_user(monkeypatch):
    from api.cli.common import command_line_actor

    def no_user() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert command_line_actor("robo calendar import").label == (
        "command line (robo calendar import) by an unknown OS user"
    )


def test_the_server_warns_once_a_day_while_the_calendar_runs_out(db, caplog):
    clock = ManualClock(datetime(2026, 12, 3, 9, tzinfo=SHANGHAI))
    caplog.set_level(logging.WARNING, logger="tradingcalendar.service")

    def warn():
        with db.write() as session:
            return service.warn_if_running_out(session=session, clock=clock)

    assert warn() is not None and warn() is None  # once that day, whichever process asks
    clock.advance(timedelta(days=1))
    assert warn().days_left == 27
    assert sum("robo calendar import" in r.getMessage() for r in caplog.records) == 2
    load(db, clock, calendars.CLOSURES_2027)
    assert warn() is None  # enough known again


def test_operators_import_over_graphql_and_anyone_reads_the_calendar(db, gql, make_user):
    make_user("ops@example.com", roles={Role.OPERATOR}, password="correct-horse-battery")
    make_user("customer@example.com", password="correct-horse-battery")
    query = (
        '{ tradingCalendar { knownThrough daysLeft needsImport isTradingDay(date: "2027-01-04") '
        'closures(from: "2026-12-25", to: "2027-01-10") { date name } imports { actor } } }'
    )
    data = gql.data(query)["tradingCalendar"]
    assert data == {
        "knownThrough": "2026-12-31",
        "daysLeft": 35,
        "needsImport": True,
        "isTradingDay": None,
        "closures": [],
        "imports": None,
    }
    mutation = (
        "mutation($i: ImportTradingCalendarInput!) { importTradingCalendar(input: $i) { imported "
        "calendar { knownThrough } userErrors { field code message } } }"
    )
    customer = gql.as_user("customer@example.com")
    refused = customer.data(mutation, {"i": {"csv": calendars.CLOSURES_2027}})["importTradingCalendar"]
    assert refused["userErrors"][0]["code"] == "FORBIDDEN"
    ops = gql.as_user("ops@example.com")
    bad = ops.data(mutation, {"i": {"csv": "date,name\n2027-01-02,Sat\n2027-01-01,\n"}})["importTradingCalendar"]
    assert [(e["field"], e["code"]) for e in bad["userErrors"]] == [("csv", "CALENDAR_IMPORT_INVALID")] * 2
    assert "Line 2 (date)" in bad["userErrors"][0]["message"] and "Line 3 (name)" in bad["userErrors"][1]["message"]
    done = ops.data(mutation, {"i": {"csv": calendars.CLOSURES_2027, "source": "SSE notice 2027"}})
    assert done["importTradingCalendar"] == {
        "imported": 17,
        "calendar": {"knownThrough": "2027-12-31"},
        "userErrors": [],
    }
    data = ops.data(query)["tradingCalendar"]
    assert data["isTradingDay"] is True and data["needsImport"] is False
    assert data["closures"] == [{"date": "2027-01-01", "name": "元旦 New Year's Day"}]
    assert data["imports"] == [{"actor": "ops@example.com"}]
