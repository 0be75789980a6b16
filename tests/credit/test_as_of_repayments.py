"""Repayment behaviour as of the scoring date: the worst days past due a borrower reached
before the date and the early repayments made by its end, the same whether the date's own
collection ran before the scoring or not, and when it is scored late, after the overdue was
paid, a later instalment was missed and principal was repaid early."""

from __future__ import annotations

from datetime import timedelta

from credit import features as credit_features
from tests.lending.conftest import desk, lent, ready_user, settings  # noqa: F401 - fixtures


def _behaviour(desk, user_id: int, day) -> dict[str, float]:
    with desk.db.read() as session:
        row = credit_features.compute(session, as_of=day, zone=desk.settings.timezone, user_ids=[user_id]).iloc[0]
    return {"max_days_past_due": row["max_days_past_due"], "early_repayments": row["early_repayments"]}


def test_days_past_due_and_early_repayments_are_read_as_of_the_date(lent):
    desk, merchant = lent
    loan_id = desk.apply(merchant, "9000.00", term=3).loan_id
    desk.spend_all(merchant)  # the loan money is spent: the wallet is empty
    first, second, _ = (row.due_date for row in desk.instalments(loan_id))
    day = first + timedelta(days=10)  # the first instalment is 10 days late on the scoring date
    desk.collect_daily(desk.clock.today(), day - timedelta(days=1))
    assert desk.loan(loan_id).max_days_past_due == 9  # what the collection of the day before counted
    before_collection = _behaviour(desk, merchant.id, day)  # scored before the day's own collection ran
    desk.collect(day)
    on_time = _behaviour(desk, merchant.id, day)
    assert on_time == before_collection == {"max_days_past_due": 9.0, "early_repayments": 0.0}

    desk.deposit(merchant, "3200.00")  # paid 5 days later; then the second instalment is missed
    desk.collect_daily(day + timedelta(days=1), second + timedelta(days=20))
    desk.deposit(merchant, "9000.00")
    desk.repay(merchant, loan_id, "5000.00")  # the overdue, then principal ahead of the schedule
    later = desk.loan(loan_id)
    assert later.max_days_past_due >= 20 and later.early_repayments == 1  # the loan's counters say today

    assert _behaviour(desk, merchant.id, day) == on_time
    today = _behaviour(desk, merchant.id, desk.clock.today() + timedelta(days=1))
    assert today == {"max_days_past_due": float(later.max_days_past_due), "early_repayments": 1.0}
    assert desk.problems() == []
