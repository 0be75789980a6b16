"""The full cycle of a loan on SQLite and PostgreSQL: drawn into the wallet, an instalment
collected from the wallet, an overdue instalment with penalty interest, a share of a sale
repaying it, default at 90 days (a provision), write-off at 180, a recovery from later
sales; ``robo ledger verify`` clean at every step."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import DomainError
from tests.lending.conftest import D

TODAY = date(2026, 11, 26)


def test_draw_collect_overdue_sales_default_write_off_recovery(lent):
    desk, merchant = lent
    offer = desk.offer(merchant)
    assert offer.grade in "ABCD" and offer.limit >= 30000_00
    assert offer.apr <= desk.settings.lending_max_apr and offer.penalty_rate <= desk.settings.lending_max_apr
    before = desk.figures()

    # given an approved loan, drawn at once into the wallet
    result = desk.apply(merchant, "30000.00", term=6)
    assert result.loan_id is not None
    assert desk.cash(merchant) == D("30000.00")
    loan = desk.loan(result.loan_id)
    assert loan.status == "CURRENT" and loan.principal_outstanding == 30000_00
    assert desk.figures().available == before.available - 30000_00
    assert desk.problems() == []
    rows = desk.instalments(loan.id)
    assert [r.due_date for r in rows] == [
        date(2026, 12, 26),
        date(2027, 1, 26),
        date(2027, 2, 26),
        date(2027, 3, 26),
        date(2027, 4, 26),
        date(2027, 5, 26),
    ]
    assert sum(r.principal for r in rows) == 30000_00

    # the first instalment is taken from the wallet on its due date
    desk.collect_daily(TODAY + timedelta(days=1), date(2026, 12, 26))
    first = desk.instalments(loan.id)[0]
    assert first.status == "PAID" and first.paid_on == date(2026, 12, 26)
    assert desk.cash(merchant) == D("30000.00") - D(first.principal + first.interest) / 100
    assert desk.repayments(loan.id)[0].source == "WALLET"

    # the merchant takes the money out: the second instalment is missed
    desk.spend_all(merchant)
    desk.collect_daily(date(2026, 12, 27), date(2027, 1, 31))
    loan = desk.loan(loan.id)
    second = desk.instalments(loan.id)[1]
    assert loan.status == "OVERDUE" and second.status == "DUE"
    unpaid = second.principal  # penalty interest on overdue principal only
    expected_penalty = (Decimal(unpaid) * loan.penalty_rate * 5 / 365).quantize(Decimal(1))
    assert abs(second.penalty - int(expected_penalty)) <= 5  # accrued day by day, truncated each day
    assert desk.problems() == []

    # a sale released while overdue repays half of it first
    buyer = desk.buyers()[0]
    desk.sell(merchant, buyer, "1000.00", date(2027, 2, 2))
    desk.collect_daily(date(2027, 2, 1), date(2027, 2, 2))
    sales = [r for r in desk.repayments(loan.id) if r.source == "SALES"]
    assert [(r.day, r.amount) for r in sales] == [(date(2027, 2, 2), 500_00)]
    assert desk.cash(merchant) == D("500.00")

    # no more money: in default at 90 days past due, with a provision of the principal left
    desk.spend_all(merchant)
    desk.collect_daily(date(2027, 2, 3), date(2027, 4, 26))
    loan = desk.loan(loan.id)
    assert loan.status == "DEFAULTED" and loan.defaulted_on == date(2027, 4, 26)  # 90 days after 26 January
    assert loan.provision == loan.principal_outstanding > 0
    assert desk.figures().provisions == loan.provision
    assert desk.problems() == []
    with pytest.raises(DomainError) as refused:
        desk.apply(merchant, "5000.00")
    assert refused.value.code == "BORROWER_IN_DEFAULT"

    # written off at 180 days: the receivable leaves the book against the provision
    desk.collect_daily(date(2027, 4, 27), date(2027, 7, 25))
    loan = desk.loan(loan.id)
    assert loan.status == "WRITTEN_OFF" and loan.written_off_on == date(2027, 7, 25)
    assert loan.written_off > 0 and loan.provision == 0
    figures = desk.figures()
    assert figures.provisions == 0 and figures.outstanding == 0
    assert desk.problems() == []

    # a later sale recovers part of it, booked as a recovery
    desk.sell(merchant, buyer, "2000.00", date(2027, 8, 3))
    desk.collect_daily(date(2027, 7, 26), date(2027, 8, 3))
    loan = desk.loan(loan.id)
    assert loan.recovered == 1000_00
    assert desk.figures().recoveries == 1000_00
    assert desk.problems() == []


def test_the_job_run_twice_or_late_gives_the_same_result(desk):
    """Two identical loans: one collected every evening, the other only weeks later for all the
    days at once; the dates of record make them end the same."""
    desk.fund()
    desk.model()
    on_time, late = desk.merchant(), desk.merchant()
    desk.score()
    loans = [desk.apply(m, "20000.00", term=3).loan_id for m in (on_time, late)]
    for m in (on_time, late):
        desk.spend_all(m)
    from lending import service as lending

    def run(loan_id: int, day: date) -> None:
        with desk.db.write() as session:
            lending.collect_day(session=session, clock=desk.clock, settings=desk.settings, loan_id=loan_id, day=day)

    end = date(2027, 2, 10)
    day = TODAY + timedelta(days=1)
    while day <= end:
        desk.at(day + timedelta(days=1), 0, 30)  # once the day is over
        run(loans[0], day)
        run(loans[0], day)  # twice: nothing more
        day += timedelta(days=1)
    desk.at(end + timedelta(days=40), 9)  # weeks late
    day = TODAY + timedelta(days=1)
    while day <= end:
        run(loans[1], day)
        day += timedelta(days=1)

    def shape(loan_id: int):
        return [(r.seq, r.penalty, r.paid_principal, r.paid_interest, r.status) for r in desk.instalments(loan_id)]

    assert shape(loans[0]) == shape(loans[1])
    assert desk.loan(loans[0]).status == desk.loan(loans[1]).status == "OVERDUE"
    assert desk.problems() == []


def test_a_concurrent_collection_collects_each_loan_day_once(desk, db):
    if db.dialect != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    import threading

    desk.fund()
    desk.model()
    merchants = [desk.merchant(months=12) for _ in range(3)]
    desk.score()
    loans = [desk.apply(m, "10000.00", term=2).loan_id for m in merchants]
    desk.at(date(2026, 12, 27), 0, 30)
    from lending import service as lending

    reports = []

    def worker() -> None:
        reports.append(lending.collect(database=db, clock=desk.clock, settings=desk.settings, day=date(2026, 12, 26)))

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for loan_id in loans:
        assert len(desk.repayments(loan_id)) == 1
    assert sum(report.collected for report in reports) == sum(desk.repayments(i)[0].amount for i in loans)
    assert desk.problems() == []
