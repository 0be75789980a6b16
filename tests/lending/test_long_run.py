"""Over a long simulated period (the clock moved day by day, the job run every evening), the
book matches a simple reference: every instalment collected on its due date for exactly the
schedule's amount (the schedule rebuilt from the contract alone), across month and year ends,
and the ledger verifies at every month end. And a property: any sequence of repayments, early
or late, keeps the loan book and the ledger in agreement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lending import schedule
from lending import service as lending
from lending.models import Loan

START = date(2026, 11, 26)


def test_a_year_and_more_of_daily_collections_matches_the_reference(lent):
    desk, merchant = lent
    desk.deposit(merchant, "9000.00")  # with the loans' money, always enough on every due date
    contracts = []  # (loan id, amount, term, method, start)
    for start, amount, term, method in (
        (START, "20000.00", 12, "EQUAL_PAYMENTS"),
        (date(2026, 12, 31), "15000.00", 6, "INTEREST_ONLY"),  # a 31st: due dates clamp to month ends
        (date(2027, 1, 30), "10000.00", 3, "EQUAL_PAYMENTS"),
    ):
        if desk.clock.today() < start:
            desk.collect_daily(desk.clock.today() + timedelta(days=1), start)
            desk.at(start, 10)
        contracts.append(
            (desk.apply(merchant, amount, term=term, repayment=method).loan_id, amount, term, method, start)
        )
    day = desk.clock.today() + timedelta(days=1)
    end = date(2028, 1, 5)
    while day <= end:
        desk.collect(day)
        if day.day == 1:
            assert desk.problems() == [], day
        day += timedelta(days=1)

    interest = 0
    for loan_id, amount, term, method, start in contracts:
        loan = desk.loan(loan_id)
        reference = schedule.build(
            principal=int(Decimal(amount) * 100),
            annual_rate=loan.annual_rate,
            term_months=term,
            repayment=method,
            start=start,
        )
        paid = [(r.day, r.amount, r.principal, r.interest, r.penalty) for r in desk.repayments(loan_id)]
        assert paid == [(i.due_date, i.total, i.principal, i.interest, 0) for i in reference]
        assert loan.status == "PAID_OFF" and loan.principal_outstanding == 0
        interest += sum(i.interest for i in reference)
    assert desk.figures().interest_income == interest
    assert desk.figures().outstanding == 0
    assert desk.problems() == []


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=45),
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.6"), places=2),
        ),
        min_size=1,
        max_size=5,
    ),
    term=st.integers(min_value=1, max_value=6),
    method=st.sampled_from(schedule.REPAYMENTS),
)
def test_any_repayments_keep_the_book_and_the_ledger_in_agreement(lent, steps, term, method):
    desk, merchant = lent
    desk.at(desk.clock.today())
    loan_id = desk.apply(merchant, "8000.00", term=term, repayment=method).loan_id
    for days, share in steps:
        day = desk.clock.today() + timedelta(days=days)
        desk.collect_daily(desk.clock.today() + timedelta(days=1), day)
        desk.at(day, 12)
        loan = desk.loan(loan_id)
        if loan.status == "PAID_OFF":
            break
        with desk.db.read() as session:
            owed = lending.payoff_amount(session, session.get(Loan, loan_id), day)
        amount = max(1, int(owed * share))
        desk.deposit(merchant, str(Decimal(amount) / 100))
        desk.repay(merchant, loan_id, str(Decimal(amount) / 100))
        rows = desk.instalments(loan_id)
        loan = desk.loan(loan_id)
        assert sum(r.principal for r in rows) == 8000_00
        assert loan.principal_outstanding == sum(r.principal - r.paid_principal for r in rows)
        assert desk.problems() == []
    # settle it, so the next example's borrower is not in default
    if desk.loan(loan_id).status != "PAID_OFF":
        with desk.db.read() as session:
            owed = lending.payoff_amount(session, session.get(Loan, loan_id), desk.clock.today())
        desk.deposit(merchant, str(Decimal(owed) / 100))
        desk.repay(merchant, loan_id, str(Decimal(owed) / 100))
    assert desk.loan(loan_id).status == "PAID_OFF"
    assert desk.problems() == []
