"""An import of the exchange's closures never closes a day stored records already use as a date
of record (SQLite and PostgreSQL): a redemption's cash day while its cash is in transit, a
pending order's confirmation day, the dates of a distribution not yet paid. Such a line is
refused with its own error in both languages and nothing is loaded; once the records no longer
need the day (the distribution rejected), the same line loads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.actor import Actor
from investing import dividends
from investing.dates_of_record import stored_dates_of_record
from investing.kinds import DailyJob, OrderStatus
from tests.investing.conftest import at
from tradingcalendar import records, service
from tradingcalendar.models import TradingCalendarImport, TradingCalendarState, TradingClosure


def calendar_state(db) -> tuple:
    with db.read() as session:
        return (
            session.execute(select(TradingClosure.day).order_by(TradingClosure.day)).scalars().all(),
            session.execute(select(TradingCalendarState.known_through, TradingCalendarState.revision)).one(),
            session.execute(select(func.count()).select_from(TradingCalendarImport)).scalar_one(),
        )


def load(db, clock, text: str):
    with db.write() as session:
        return service.import_closures(
            session=session, clock=clock, actor=Actor.system("tests"), rows=service.parse_csv(text), source="test"
        )


def refused_lines(db, clock, text: str) -> list:
    before = calendar_state(db)
    with pytest.raises(service.ImportRejected) as rejected:
        load(db, clock, text)
    assert calendar_state(db) == before  # nothing loaded
    return rejected.value.line_errors


def test_investing_registers_its_dates_of_record_with_the_trading_calendar():
    assert stored_dates_of_record in records.registered()


def test_a_closure_on_the_cash_day_of_a_redemption_in_transit_is_refused(db, clock, funds, investor, desk, catalogue):
    user = investor("C3")
    desk.subscribe(user, funds.equity, "1000.00")  # Thursday 11-26: confirmed Friday 11-27
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(date(2026, 11, 27), 10)
    redemption = desk.redeem(user, funds.equity, units=str(desk.units(user, funds.equity)))
    catalogue.record_nav(funds.equity, date(2026, 11, 27), "1.0100")
    desk.on(date(2026, 11, 30), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 30))  # confirmed Monday; cash 3 trading days later
    order = desk.order(redemption)
    assert order.status is OrderStatus.CONFIRMED and order.cash_day == date(2026, 12, 3)
    desk.on(date(2026, 11, 30), 10)

    [error] = refused_lines(db, desk.clock, "date,name\n2026-12-02,Fine\n2026-12-03,Emergency closure\n")
    assert (error.line, error.column) == (3, "date")
    assert "2026-12-03 is already a date of record" in error.text.en
    assert "the cash day of 1 redemption(s) whose cash is in transit" in error.text.en
    assert "1 笔在途赎回款的到账日" in error.text.zh
    load(db, desk.clock, "date,name\n2026-12-04,Emergency closure\n")  # not a date of record: loads

    desk.on(date(2026, 12, 3), 9)  # the cash arrives; later days are free again
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 3))
    assert desk.order(redemption).cash_day == date(2026, 12, 3)  # the promised day held
    assert desk.problems() == []


def test_a_closure_on_a_pending_orders_confirmation_day_is_refused(db, clock, funds, investor, desk):
    user = investor("C3")
    desk.subscribe(user, funds.equity, "1000.00")  # trade day Thursday 11-26, confirmed Friday 11-27
    desk.subscribe(investor("C3"), funds.equity, "2000.00")
    [error] = refused_lines(db, clock, "date,name\n2026-11-27,Emergency closure\n")
    assert "the confirmation day of 2 pending order(s)" in error.text.en and "2 笔待确认订单的确认日" in error.text.zh
    with db.write() as session:  # what the check sees: nothing in the past, only days after the given one
        assert [r.day for r in stored_dates_of_record(session, date(2026, 11, 26))] == [date(2026, 11, 27)]
        assert stored_dates_of_record(session, date(2026, 11, 27)) == []


def test_a_closure_on_the_dates_of_an_unpaid_distribution_is_refused(db, clock, funds, catalogue, staff):
    with db.write() as session:
        distribution = dividends.request_distribution(
            session=session,
            clock=clock,
            actor_id=staff["pm1"].id,
            product_id=funds.equity,
            record_date=date(2026, 12, 7),
            ex_date=date(2026, 12, 8),
            pay_date=date(2026, 12, 9),
            amount_per_unit=Decimal("0.0500"),
        ).id
    notice = "date,name\n2026-12-07,A\n2026-12-08,B\n2026-12-09,C\n2026-12-10,D\n"
    errors = refused_lines(db, clock, notice)
    assert [(e.line, e.column) for e in errors] == [(2, "date"), (3, "date"), (4, "date")]
    assert [e.text.en.split(": ", 1)[1].split(";")[0] for e in errors] == [
        "the record date of 1 unpaid distribution(s)",
        "the ex-date of 1 unpaid distribution(s)",
        "the pay date of 1 unpaid distribution(s)",
    ]
    assert "1 笔未派发分红的除息日" in errors[1].text.zh

    with db.write() as session:  # approved: still unpaid, still refused
        dividends.decide_distribution(
            session=session, clock=clock, actor_id=staff["pm2"].id, distribution_id=distribution, approve=True
        )
    assert len(refused_lines(db, clock, notice)) == 3
    with db.write() as session:  # a rejected one promises nothing
        session.get(dividends.FundDistribution, distribution).status = dividends.DistributionStatus.REJECTED.value
    assert load(db, clock, notice).loaded == 4


def test_the_trading_calendar_fails_closed_without_a_registered_source(db, monkeypatch):
    monkeypatch.setattr(records, "_REGISTERED", [])
    with db.read() as session, pytest.raises(RuntimeError, match="register"):
        records.after(session, date(2026, 11, 26))


def test_a_day_before_or_on_the_given_one_is_never_reported(db, monkeypatch):
    from core.errors import t

    def source(session, after):
        return [
            records.DateOfRecord(date(2026, 11, 26), t("old", "旧")),
            records.DateOfRecord(date(2026, 12, 1), t("a", "甲")),
        ]

    monkeypatch.setattr(records, "_REGISTERED", [])
    assert records.register(source) is source and records.register(source) is source
    assert records.registered() == (source,)
    with db.read() as session:
        found = records.after(session, date(2026, 11, 26))
    assert list(found) == [date(2026, 12, 1)] and found[date(2026, 12, 1)][0].zh == "甲"


def test_the_cli_shows_the_refused_line(db, robo, tmp_path, funds, investor, desk):
    desk.subscribe(investor("C3"), funds.equity, "1000.00")
    notice = tmp_path / "notice.csv"
    notice.write_text("date,name\n2026-11-27,Emergency closure\n", encoding="utf-8")
    code, output = robo("calendar", "import", notice, clock_at=at(date(2026, 11, 26), 10))
    assert code == 1 and "already a date of record" in output and "nothing was loaded" in output
