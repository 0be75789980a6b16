"""The borrower's cost, penalty interest included, never exceeds ``ROBO_LENDING_MAX_APR``
(hypothesis, no database): a loan of any priced grade, term and repayment method under any cap
is paid on time, late by days or months (through default and write-off), or partly early; its
penalties, interest to the day and allocation are the service's own (``accrue_penalties``,
``allocate``, ``stop_interest``). The cost is measured as the quoted APR is: the monthly
internal rate of return of the borrower's actual cash flows x 12, each on its own day (a day
inside a month counts as its share of that month's days). It never exceeds the cap: the cash
flows' present value at the cap's monthly rate is at most the principal (exact decimals)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, localcontext

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lending import pricing, schedule
from lending import service as lending
from lending.models import Loan
from tests.conftest import test_settings

DEFAULT_DAYS, WRITE_OFF_DAYS = 90, 180


def _contract_months(start: date, day: date) -> Decimal:
    """``day`` in months of the contract from ``start`` (the schedule's due dates are whole)."""
    k = 0
    while schedule.add_months(start, k + 1) <= day:
        k += 1
    here, nxt = schedule.add_months(start, k), schedule.add_months(start, k + 1)
    return k + Decimal((day - here).days) / Decimal((nxt - here).days)


def _present_value(start: date, flows: list[tuple[date, int]], max_apr: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        growth = 1 + Decimal(max_apr) / 12
        return sum((Decimal(amount) * growth ** -_contract_months(start, day) for day, amount in flows), Decimal(0))


def _borrow_and_pay(
    *, grade, term, repayment, principal, start, max_apr, multiple, lates, early
) -> tuple[Loan, list[tuple[date, int]]]:
    """The loan's life day by day as the collection job lives it: penalties accrue, the
    borrower pays each instalment ``lates[k]`` days after it falls due (never before the one
    before it), perhaps part of the rest early, default at 90 days past due stops interest."""
    config = test_settings(lending_max_apr=max_apr, lending_penalty_multiple=multiple)
    rate = pricing.annual_rate(grade, config)
    assert rate is not None
    loan = Loan(
        id=1,
        principal=principal,
        annual_rate=rate,
        penalty_rate=pricing.penalty_rate(rate, config),
        term_months=term,
        repayment=repayment,
        start_date=start,
        status=lending.CURRENT,
        principal_outstanding=principal,
        early_repayments=0,
    )
    rows = lending.instalment_rows(
        1, schedule.build(principal=principal, annual_rate=rate, term_months=term, repayment=repayment, start=start)
    )
    pay_day: dict[int, date] = {}
    latest = start
    for row, late in zip(rows, lates):
        latest = max(latest, row.due_date + timedelta(days=late))
        pay_day[row.seq] = latest
    early_day, early_share = early if early is not None else (None, None)
    flows: list[tuple[date, int]] = []
    day = start
    while loan.status != lending.PAID_OFF:
        day += timedelta(days=1)
        lending.accrue_penalties(loan, rows, day)
        amount = sum(
            r.principal + r.interest + r.penalty - r.paid_principal - r.paid_interest - r.paid_penalty
            for r in rows
            if r.status != lending.PAID and r.due_date <= day and pay_day[r.seq] <= day
        )
        if early_day is not None and day == start + timedelta(days=early_day) and amount == 0:
            overdue = any(r.status != lending.PAID and r.due_date <= day for r in rows)
            if not overdue:
                amount = int(lending.payoff_of(loan, rows, day) * early_share)
        if amount > 0:
            paid = lending.allocate(loan, rows, amount, day)
            flows.append((day, paid.total))
        dpd = lending.days_past_due(rows, day)
        if loan.status in (lending.CURRENT, lending.OVERDUE) and loan.status != lending.PAID_OFF:
            loan.status = lending.OVERDUE if dpd > 0 else lending.CURRENT
            if dpd >= DEFAULT_DAYS:
                loan.status = lending.DEFAULTED
                lending.stop_interest(loan, rows, day)
        if loan.status == lending.DEFAULTED and dpd >= WRITE_OFF_DAYS:
            loan.status = lending.WRITTEN_OFF
        if loan.status == lending.WRITTEN_OFF and all(r.status == lending.PAID for r in rows):
            break
        assert day < start + timedelta(days=800), "the simulated loan never ended"
    return loan, flows


caps = st.one_of(st.just(Decimal("0.24")), st.decimals(min_value=Decimal("0.04"), max_value=Decimal("0.36"), places=4))
lateness = st.one_of(st.just(0), st.integers(1, 45), st.integers(46, 240))


@settings(max_examples=150)
@given(
    grade=st.sampled_from(sorted(pricing.RATES)),
    term=st.integers(pricing.MIN_TERM, pricing.MAX_TERM),
    repayment=st.sampled_from(schedule.REPAYMENTS),
    principal=st.integers(1000_00, 200000_00),
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
    max_apr=caps,
    multiple=st.decimals(min_value=Decimal(1), max_value=Decimal(3), places=2),
    lates=st.lists(lateness, min_size=12, max_size=12),
    early=st.none() | st.tuples(st.integers(1, 360), st.decimals(min_value=Decimal("0.05"), max_value=1, places=2)),
)
@example(  # a grade priced at the cap, an instalment a day late in a 31-day month
    grade="D",
    term=1,
    repayment="EQUAL_PAYMENTS",
    principal=100000_00,
    start=date(2026, 11, 26),
    max_apr=Decimal("0.18"),
    multiple=Decimal("1.5"),
    lates=[1] * 12,
    early=None,
)
@example(  # the default cap, grade D, months late
    grade="D",
    term=3,
    repayment="INTEREST_ONLY",
    principal=50000_00,
    start=date(2027, 1, 31),
    max_apr=Decimal("0.24"),
    multiple=Decimal("1.5"),
    lates=[200] * 12,
    early=None,
)
def test_the_borrowers_cost_with_penalties_never_exceeds_the_cap(
    grade, term, repayment, principal, start, max_apr, multiple, lates, early
):
    loan, flows = _borrow_and_pay(
        grade=grade,
        term=term,
        repayment=repayment,
        principal=principal,
        start=start,
        max_apr=max_apr,
        multiple=multiple,
        lates=lates,
        early=early,
    )
    assert flows
    assert loan.annual_rate <= max_apr and loan.penalty_rate <= max_apr
    assert _present_value(start, flows, max_apr) <= principal  # the IRR is at most the cap


def test_penalties_accrue_on_overdue_principal_only():
    loan, flows = _borrow_and_pay(
        grade="B",
        term=3,
        repayment="INTEREST_ONLY",  # the first two instalments are interest alone
        principal=30000_00,
        start=date(2026, 11, 26),
        max_apr=Decimal("0.24"),
        multiple=Decimal("1.5"),
        lates=[60, 60, 0] + [0] * 9,
        early=None,
    )
    interest_only = [(day, amount) for day, amount in flows if day < date(2027, 2, 26)]
    rate = pricing.annual_rate("B", test_settings())
    assert rate is not None
    monthly = schedule.half_even(30000_00 * rate / 12)
    assert [amount for _, amount in interest_only] == [monthly]  # 60 days late, and no penalty on interest
    assert loan.status == lending.PAID_OFF
