"""Schedules from the contract (hypothesis): principal adds up exactly, interest is what the
textbook formula gives to within rounding, due dates keep the day of month (or the month's
last day) across month and year ends, and the APR is the contract's rate (no fees)."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lending import schedule

rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.24"), places=4)
starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
principals = st.integers(min_value=1000_00, max_value=500000_00)
terms = st.integers(min_value=1, max_value=12)
methods = st.sampled_from(schedule.REPAYMENTS)


@given(principals, rates, terms, methods, starts)
def test_principal_adds_up_and_dates_follow_the_contract(principal, rate, term, method, start):
    rows = schedule.build(principal=principal, annual_rate=rate, term_months=term, repayment=method, start=start)
    assert len(rows) == term
    assert sum(r.principal for r in rows) == principal
    assert all(r.principal >= 0 and r.interest >= 0 for r in rows)
    for k, row in enumerate(rows, 1):
        index = start.year * 12 + start.month - 1 + k
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        assert row.due_date == date(year, month + 1, min(start.day, last))
    assert [r.due_date for r in rows] == sorted(r.due_date for r in rows)


@given(principals, rates, terms, starts)
def test_equal_payments_are_equal_and_cost_the_textbook_interest(principal, rate, term, start):
    rows = schedule.build(
        principal=principal, annual_rate=rate, term_months=term, repayment="EQUAL_PAYMENTS", start=start
    )
    r = rate / 12
    payment = principal * r / (1 - (1 + r) ** -term)
    assert all(abs(row.total - payment) <= 1 for row in rows[:-1])
    assert abs(rows[-1].total - payment) <= term  # the last one takes the rounding
    assert abs(sum(row.interest for row in rows) - (payment * term - principal)) <= term


@given(principals, rates, terms, starts)
def test_interest_only_pays_the_principal_at_maturity(principal, rate, term, start):
    rows = schedule.build(
        principal=principal, annual_rate=rate, term_months=term, repayment="INTEREST_ONLY", start=start
    )
    assert [r.principal for r in rows] == [0] * (term - 1) + [principal]
    assert len({r.interest for r in rows}) == 1


@settings(max_examples=40)
@given(principals, rates, terms, methods, starts)
def test_the_apr_is_the_contract_rate_without_fees(principal, rate, term, method, start):
    rows = schedule.build(principal=principal, annual_rate=rate, term_months=term, repayment=method, start=start)
    assert abs(schedule.apr(principal, rows) - rate) < Decimal("0.0005")


def test_month_ends_clamp_and_come_back():
    rows = schedule.build(
        principal=1200_00,
        annual_rate=Decimal("0.12"),
        term_months=3,
        repayment="EQUAL_PAYMENTS",
        start=date(2027, 1, 31),
    )
    assert [r.due_date for r in rows] == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    leap = schedule.build(
        principal=1200_00,
        annual_rate=Decimal("0.12"),
        term_months=2,
        repayment="INTEREST_ONLY",
        start=date(2027, 12, 31),
    )
    assert [r.due_date for r in leap] == [date(2028, 1, 31), date(2028, 2, 29)]
