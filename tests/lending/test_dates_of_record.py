"""Dates of record in the loans' collection (SQLite and PostgreSQL): a day is collected once it
is over, so every sale released that day repays an overdue loan, however early the scheduler
woke; a late run takes for a day only the cash the wallet held at the end of that day; and
once a loan is in default its scheduled interest stops (only principal and the interest
accrued up to the default remain owed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import DomainError
from lending import service as lending
from tests.lending.conftest import D

TODAY = date(2026, 11, 26)


def _overdue_loan(desk, merchant, *, through: date) -> int:
    """A 6-month loan of 30,000 whose wallet was emptied: its first instalment (26 December)
    is missed and collection has run up to ``through``."""
    loan_id = desk.apply(merchant, "30000.00", term=6).loan_id
    desk.spend_all(merchant)
    desk.collect_daily(TODAY + timedelta(days=1), through)
    assert desk.loan(loan_id).status == "OVERDUE"
    return loan_id


def test_a_day_is_collected_once_it_is_over_with_every_sale_released_that_day(lent):
    desk, merchant = lent
    day = date(2027, 1, 2)
    loan_id = _overdue_loan(desk, merchant, through=day - timedelta(days=1))

    # just after midnight the day has only begun: its collection is refused, nothing is booked
    desk.at(day, 0, 5)
    with pytest.raises(DomainError) as refused:
        lending.collect(database=desk.db, clock=desk.clock, settings=desk.settings, day=day)
    assert refused.value.code == "INVALID_INPUT" and refused.value.field == "date"
    with desk.db.write() as session, pytest.raises(DomainError):
        lending.collect_day(session=session, clock=desk.clock, settings=desk.settings, loan_id=loan_id, day=day)
    assert desk.loan(loan_id).last_collected_on == day - timedelta(days=1)

    # sales released later that day repay half of them once the day is over
    desk.sell(merchant, desk.buyers()[0], "1000.00", day)  # released at 11:00
    desk.sell(merchant, desk.buyers()[1], "600.00", day, minute=50)  # and at 11:50
    desk.collect(day)  # 00:30 the next day
    sales = [(r.day, r.amount) for r in desk.repayments(loan_id) if r.source == "SALES"]
    assert sales == [(day, 800_00)]
    desk.collect(day)  # run again: nothing more
    desk.at(day + timedelta(days=5), 9)
    lending.collect(database=desk.db, clock=desk.clock, settings=desk.settings, day=day)  # and late
    assert [(r.day, r.amount) for r in desk.repayments(loan_id) if r.source == "SALES"] == sales
    assert desk.problems() == []


def test_a_late_run_takes_for_a_day_only_what_the_wallet_held_at_its_end(lent):
    desk, merchant = lent
    loan_id = desk.apply(merchant, "30000.00", term=6).loan_id
    desk.spend_all(merchant)
    due = date(2026, 12, 26)
    desk.collect_daily(TODAY + timedelta(days=1), due - timedelta(days=1))
    first = desk.instalments(loan_id)[0]
    assert first.due_date == due and first.principal + first.interest > 100_00

    desk.at(due, 15)
    desk.deposit(merchant, "100.00")  # all the wallet holds at the end of the due date
    desk.at(due + timedelta(days=1), 10)
    desk.deposit(merchant, "50000.00")  # the next day: not there on the due date
    desk.at(due + timedelta(days=3), 11)  # the job runs late, for the due date and the days after
    lending.collect(database=desk.db, clock=desk.clock, settings=desk.settings, day=due + timedelta(days=2))

    taken = [(r.day, r.source, r.amount) for r in desk.repayments(loan_id)]
    assert taken == [(due, "WALLET", 100_00)]
    assert desk.cash(merchant) == D("50000.00")
    assert desk.loan(loan_id).status == "OVERDUE" and desk.instalments(loan_id)[0].status == "DUE"
    assert desk.problems() == []


def test_a_late_run_and_a_run_on_time_take_the_same_from_the_wallet(desk):
    """Two identical borrowers with the same wallet history: one collected the night after
    the due date, the other days later, after a top-up; both take what was there that day."""
    desk.fund()
    desk.model()
    on_time, late = desk.merchant(), desk.merchant()
    desk.score()
    loans = [desk.apply(m, "20000.00", term=3).loan_id for m in (on_time, late)]
    for m in (on_time, late):
        desk.spend_all(m)
    due = date(2026, 12, 26)
    desk.collect_daily(TODAY + timedelta(days=1), due - timedelta(days=1))  # nothing due yet
    for m in (on_time, late):
        desk.at(due, 15)
        desk.deposit(m, "300.00")

    def run(loan_id: int, day: date) -> None:
        with desk.db.write() as session:
            lending.collect_day(session=session, clock=desk.clock, settings=desk.settings, loan_id=loan_id, day=day)

    desk.at(due + timedelta(days=1), 0, 30)
    run(loans[0], due)
    for m in (on_time, late):
        desk.at(due + timedelta(days=1), 12)
        desk.deposit(m, "7000.00")  # the next day: not there on the due date
    desk.at(due + timedelta(days=3), 9)
    run(loans[1], due)
    run(loans[1], due)  # twice: nothing more

    def shape(loan_id: int):
        return [(r.day, r.source, r.amount) for r in desk.repayments(loan_id)]

    assert shape(loans[0]) == shape(loans[1]) == [(due, "WALLET", 300_00)]
    assert desk.cash(on_time) == desk.cash(late) == D("7000.00")
    assert desk.problems() == []


def test_interest_stops_at_default_a_sale_before_write_off_pays_no_later_interest(lent):
    desk, merchant = lent
    loan_id = desk.apply(merchant, "30000.00", term=6).loan_id
    desk.collect_daily(TODAY + timedelta(days=1), date(2026, 12, 26))  # the first from the wallet
    desk.spend_all(merchant)
    desk.collect_daily(date(2026, 12, 27), date(2027, 4, 26))
    loan = desk.loan(loan_id)
    assert loan.status == "DEFAULTED" and loan.defaulted_on == date(2027, 4, 26)
    income_at_default = desk.figures().interest_income
    rows = desk.instalments(loan_id)
    # the instalment due on the default date keeps its interest (accrued by then); the one
    # due after it carries none: interest stops at default
    owed_interest = sum(r.interest - r.paid_interest for r in rows if r.due_date <= loan.defaulted_on)
    after = [r for r in rows if r.due_date > loan.defaulted_on]
    assert [r.due_date for r in after] == [date(2027, 5, 26)]
    assert all(r.interest == r.paid_interest == 0 for r in after)
    assert sum(r.penalty for r in rows) > 0  # penalties accrued before default stay owed

    # a large sale between default and write-off (after the last due date): its share pays
    # principal, penalties and interest accrued up to the default, and no later interest
    desk.sell(merchant, desk.buyers()[0], "90000.00", date(2027, 6, 2))
    desk.collect_daily(date(2027, 4, 27), date(2027, 6, 2))
    loan = desk.loan(loan_id)
    assert loan.status == "PAID_OFF" and loan.principal_outstanding == 0
    paid_after_default = [r for r in desk.repayments(loan_id) if r.day > date(2027, 4, 26)]
    assert [r.source for r in paid_after_default] == ["SALES"]
    assert sum(r.interest for r in paid_after_default) == owed_interest
    assert desk.figures().interest_income == income_at_default + owed_interest
    assert desk.problems() == []
