"""The set-based due-date pass of the daily collection (SQLite and PostgreSQL): loans whose
instalment falls due and whose wallet pays it in full are collected together, in one ledger
entry, with exactly the outcome the per-loan path gives a twin loan (instalments, loan,
repayment, wallet); a loan the wallet pays only in part still goes through the per-loan path."""

from __future__ import annotations

from datetime import date, timedelta

from lending import due_pass
from lending import service as lending
from tests.lending.conftest import D

TODAY = date(2026, 11, 26)
DUE = date(2026, 12, 26)


def _shape(desk, loan_id: int):
    loan = desk.loan(loan_id)
    return (
        loan.status,
        loan.principal_outstanding,
        loan.last_collected_on,
        loan.closed_on,
        loan.max_days_past_due,
        [(r.seq, r.status, r.paid_on, r.paid_principal, r.paid_interest, r.penalty) for r in desk.instalments(loan_id)],
        [(r.day, r.source, r.amount, r.principal, r.interest, r.penalty) for r in desk.repayments(loan_id)],
    )


def test_loans_paid_in_full_are_collected_together_as_the_per_loan_path_would(desk):
    desk.fund()
    desk.model()
    short_of_cash, short, short_twin, longer, longer_twin = (desk.merchant() for _ in range(5))
    desk.score()
    loans = {
        "short_of_cash": desk.apply(short_of_cash, "30000.00", term=3).loan_id,  # the first id
        "short": desk.apply(short, "20000.00", term=1).loan_id,
        "short_twin": desk.apply(short_twin, "20000.00", term=1).loan_id,
        "longer": desk.apply(longer, "30000.00", term=3).loan_id,
        "longer_twin": desk.apply(longer_twin, "30000.00", term=3).loan_id,
    }
    for m in (short, short_twin):
        desk.deposit(m, "1000.00")  # the loan and its month's interest
    desk.spend_all(short_of_cash)
    desk.deposit(short_of_cash, "100.00")
    desk.collect_daily(TODAY + timedelta(days=1), DUE - timedelta(days=1))  # nothing due yet

    # the twins go through the per-loan path first, on their own
    desk.at(DUE + timedelta(days=1), 0, 30)
    for twin in ("short_twin", "longer_twin"):
        with desk.db.write() as session:
            lending.collect_day(session=session, clock=desk.clock, settings=desk.settings, loan_id=loans[twin], day=DUE)
    # then the day's job: the other two in full, set-based; the third in part, per loan
    report = desk.collect(DUE)
    assert report.in_full == 2 and report.loans == 3

    assert _shape(desk, loans["short"]) == _shape(desk, loans["short_twin"])
    assert _shape(desk, loans["longer"]) == _shape(desk, loans["longer_twin"])
    assert desk.loan(loans["short"]).status == "PAID_OFF" and desk.loan(loans["short"]).closed_on == DUE
    assert desk.loan(loans["longer"]).status == "CURRENT"
    assert desk.cash(short) == desk.cash(short_twin) and desk.cash(longer) == desk.cash(longer_twin)
    first = desk.instalments(loans["longer"])[0]
    assert desk.cash(longer) == D("30000.00") - D(first.principal + first.interest) / 100

    bulk = {desk.repayments(loans[k])[0].entry_id for k in ("short", "longer")}
    assert len(bulk) == 1  # one entry for the loans collected in full
    per_loan = {desk.repayments(loans[k])[0].entry_id for k in ("short_twin", "longer_twin", "short_of_cash")}
    assert len(per_loan) == 3 and not per_loan & bulk
    assert [(r.source, r.amount) for r in desk.repayments(loans["short_of_cash"])] == [("WALLET", 100_00)]
    assert desk.cash(short_of_cash) == 0

    # run again, or late: nothing more
    again = desk.collect(DUE)
    assert (again.loans, again.in_full, again.collected) == (0, 0, 0)
    assert len(desk.repayments(loans["short"])) == 1
    assert desk.problems() == []


def test_the_pass_takes_only_what_the_wallet_held_at_the_end_of_the_day(desk, monkeypatch):
    """Run late, after a top-up: a wallet that could not pay the instalment on its due date is
    not collected in full from money that came in later (the per-loan path takes what was there);
    a batch of the pass that collects nothing does not end it (the next loan is paid in full)."""
    monkeypatch.setattr(due_pass, "BATCH", 1)
    desk.fund()
    desk.model()
    merchant, other = desk.merchant(), desk.merchant()
    desk.score()
    loan_id = desk.apply(merchant, "30000.00", term=3).loan_id
    other_loan = desk.apply(other, "30000.00", term=3).loan_id  # keeps its money: paid in full
    desk.spend_all(merchant)
    desk.collect_daily(TODAY + timedelta(days=1), DUE - timedelta(days=1))
    desk.at(DUE, 15)
    desk.deposit(merchant, "100.00")
    desk.at(DUE + timedelta(days=1), 10)
    desk.deposit(merchant, "50000.00")  # the next day
    desk.at(DUE + timedelta(days=2), 9)
    report = lending.collect(database=desk.db, clock=desk.clock, settings=desk.settings, day=DUE)
    assert report.in_full == 1 and report.loans == 2
    assert [(r.day, r.source, r.amount) for r in desk.repayments(loan_id)] == [(DUE, "WALLET", 100_00)]
    first = desk.instalments(other_loan)[0]
    assert [(r.day, r.amount) for r in desk.repayments(other_loan)] == [(DUE, first.principal + first.interest)]
    assert desk.problems() == []
