"""The pure rules of automatic investing, property-based: a plan's scheduled dates and run
days (across weekends, holidays, month and year ends), the split of an instalment that buys
what is underweight first, and the goal projection's suggested contribution."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import schedules
from advisor.goals import project
from advisor.investment_plans import allocate
from advisor.rebalancing import drift_of
from advisor.schedules import Frequency
from tests.calendars import seeded, with_2027

KNOWN = with_2027()
CLOSED = set(KNOWN.closures)


def reference_run_day(day: date) -> date:
    """Independently: the first day on or after ``day`` that is a weekday and not a closure."""
    while day.weekday() >= 5 or day in CLOSED:
        day += timedelta(days=1)
    return day


starts = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30))


@settings(max_examples=200, deadline=None)
@given(start=starts, dom=st.integers(1, 28), months=st.integers(1, 15))
def test_monthly_dates_are_the_day_of_every_month_and_run_on_the_next_trading_day(start, dom, months):
    through = min(start + timedelta(days=31 * months), date(2027, 12, 1))
    found = list(
        schedules.scheduled_dates(
            Frequency.MONTHLY, starts_on=start, day_of_week=None, day_of_month=dom, through=through
        )
    )
    expected = []
    y, m = start.year, start.month
    while True:
        d = date(y, m, dom)
        if d > through:
            break
        if d >= start:
            expected.append(d)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    assert found == expected
    for d in found:
        assert schedules.run_day(KNOWN, d) == reference_run_day(d)


@settings(max_examples=200, deadline=None)
@given(start=starts, dow=st.integers(1, 7), biweekly=st.booleans(), weeks=st.integers(1, 60))
def test_weekly_and_fortnightly_dates_keep_their_rhythm(start, dow, biweekly, weeks):
    frequency = Frequency.BIWEEKLY if biweekly else Frequency.WEEKLY
    through = min(start + timedelta(weeks=weeks), date(2027, 12, 1))
    found = list(
        schedules.scheduled_dates(frequency, starts_on=start, day_of_week=dow, day_of_month=None, through=through)
    )
    assert all(d.isoweekday() == dow and start <= d <= through for d in found)
    assert all((b - a).days == (14 if biweekly else 7) for a, b in zip(found, found[1:]))
    assert not found or (found[0] - start).days < 7
    due = schedules.due(KNOWN, frequency, starts_on=start, day_of_week=dow, day_of_month=None, on=through)
    assert [s for s, _ in due] == [d for d in found if reference_run_day(d) <= through]
    assert all(r == reference_run_day(s) and KNOWN.is_trading_day(r) for s, r in due)


def test_a_plan_over_the_spring_festival_runs_after_it_and_never_early():
    # 2027-02-08 (Monday) to 02-12 are closed: the 8th's instalment runs on Monday the 15th.
    assert schedules.run_day(KNOWN, date(2027, 2, 8)) == date(2027, 2, 15)
    assert (
        schedules.due(
            KNOWN, Frequency.MONTHLY, starts_on=date(2027, 2, 1), day_of_week=None, day_of_month=8, on=date(2027, 2, 14)
        )
        == []
    )
    # a year end: 2026-12-31 is a Thursday; the 1st of January is a holiday, then a weekend
    assert schedules.run_day(KNOWN, date(2027, 1, 1)) == date(2027, 1, 4)
    assert seeded().knows(date(2026, 12, 31))


amounts = st.integers(min_value=1, max_value=10**8)
weights_st = st.lists(st.integers(1, 1000), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(amount=amounts, raw=weights_st, data=st.data())
def test_an_instalment_adds_up_and_buys_what_is_underweight_first(amount, raw, data):
    total_raw = sum(raw)
    weights = {i + 1: Decimal(w) / total_raw for i, w in enumerate(raw)}
    values = {pid: data.draw(st.integers(0, 10**8)) for pid in weights}
    parts = allocate(amount, values, weights, {})
    assert sum(parts.values()) == amount
    assert all(v > 0 for v in parts.values())
    after = {pid: values[pid] + parts.get(pid, 0) for pid in weights}
    total_after = sum(after.values())
    gaps = {pid: weights[pid] * total_after - values[pid] for pid in weights}
    if sum(max(g, 0) for g in gaps.values()) >= amount:  # all of it fills gaps: nothing goes above target
        for pid, part in parts.items():
            assert gaps[pid] > 0 and part <= gaps[pid] + 1
    if sum(values.values()) > 0:  # the cash flow never makes the drift worse (but for whole fen)
        before = drift_of({k: Decimal(v) for k, v in values.items()}, weights)
        slack = Decimal(len(weights)) / total_after + Decimal("0.000002")
        assert drift_of({k: Decimal(v) for k, v in after.items()}, weights) <= before + slack


@settings(max_examples=100, deadline=None)
@given(amount=amounts, raw=weights_st, minimum=st.integers(1, 10**6))
def test_parts_below_their_minimum_go_to_the_largest(amount, raw, minimum):
    weights = {i + 1: Decimal(w) / sum(raw) for i, w in enumerate(raw)}
    parts = allocate(amount, {}, weights, dict.fromkeys(weights, minimum))
    assert sum(parts.values()) == amount
    assert all(v >= minimum for v in parts.values()) or len(parts) == 1


def test_the_suggested_contribution_reaches_ninety_percent_exactly():
    common = dict(
        start_value=Decimal("10000"),
        target=Decimal("300000"),
        expected_annual_return=Decimal("0.05"),
        volatility=Decimal("0.10"),
        today=date(2026, 11, 26),
        target_date=date(2031, 11, 26),
    )
    low = project(monthly=Decimal("1000"), **common)
    assert low.probability < Decimal("0.9") and not low.on_track
    suggested = low.suggested_monthly
    at = project(monthly=suggested, **common)
    assert at.probability >= Decimal("0.9")
    below = project(monthly=suggested - 2, **common)
    assert below.probability < Decimal("0.9")
    assert all(p.p10 <= p.p50 <= p.p90 for p in at.points)
    assert at.points[-1].day == date(2031, 11, 26)
    # without risk the projection is the future value of the contributions
    sure = project(monthly=Decimal("100"), **{**common, "volatility": Decimal(0), "expected_annual_return": Decimal(0)})
    assert sure.points[-1].p50 == Decimal("10000") + 60 * Decimal("100")
