"""Plain figures: allocations that add up exactly (fen and weights), the bad-year loss and the
typical range from the scenarios, what can be withdrawn the same day (within each money
fund's fast-redemption limit) and when all of it, and the chance of reaching a goal."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.advice import allocations_of
from advisor.figures import goal_probability, liquidity_figures, scenario_figures
from core.money import Money
from products.kinds import LiquidityKind, ProductKind
from tests import calendars
from tests.advisor.platforms import CALENDAR, TODAY, product


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=30).filter(lambda w: sum(w) > 0),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000"), places=2),
)
def test_allocations_add_up_to_exactly_the_amount_and_to_one(raw, amount):
    from core.money import largest_remainder

    weights = [Decimal(repr(w / sum(raw))) for w in raw]
    minor = largest_remainder(weights, int(amount * 100))
    products = tuple(product(j + 1, ProductKind.MONEY_FUND) for j in range(len(raw)))
    allocations = allocations_of(products, minor, "CNY")
    assert sum(a.amount.amount for a in allocations) == amount
    assert sum(a.weight for a in allocations) == 1
    assert all(a.amount.amount > 0 for a in allocations)
    for a in allocations:  # each weight is its amount's share to 6 decimals
        assert abs(a.weight - a.amount.amount / amount) <= Decimal("0.000001")


def test_the_bad_year_loss_is_the_loss_exceeded_one_year_in_twenty():
    returns = np.linspace(-0.20, 0.20, 2001)[:-1]  # 2,000 equally likely years
    figures = scenario_figures(returns)
    assert figures.bad_year_loss == pytest.approx(0.18, abs=1e-3)
    assert np.mean(-returns > figures.bad_year_loss) <= 0.05
    assert figures.typical_low == pytest.approx(-0.16, abs=1e-3)
    assert figures.typical_high == pytest.approx(0.16, abs=1e-3)
    assert figures.probability_of_loss == pytest.approx(0.5, abs=1e-3)
    assert figures.tail_loss == pytest.approx(0.19, abs=1e-3)
    assert scenario_figures(returns + 0.5).bad_year_loss == 0.0  # even the bad year gains


def test_same_day_money_is_capped_by_each_funds_fast_limit_and_the_rest_comes_the_next_trading_day():
    fast = product(1, ProductKind.MONEY_FUND, fast_limit="10000")
    slow = product(2, ProductKind.MONEY_FUND, liquidity=LiquidityKind.NEXT_DAY, fast_limit=None)
    figures = liquidity_figures([(fast, Money(Decimal("4000")))], today=TODAY, calendar=CALENDAR, currency="CNY")
    assert figures.same_day_available == Money(Decimal("4000"))
    assert figures.earliest_full_withdrawal == TODAY
    figures = liquidity_figures(
        [(fast, Money(Decimal("25000"))), (slow, Money(Decimal("1000")))],
        today=TODAY,
        calendar=CALENDAR,
        currency="CNY",
    )
    assert figures.same_day_available == Money(Decimal("10000"))
    assert figures.earliest_full_withdrawal == CALENDAR.next_trading_day(TODAY)


def test_a_locked_product_sets_the_earliest_full_withdrawal():
    locked = product(3, ProductKind.P2P_LOAN, "R2", lock_days=90)
    fund = product(4, ProductKind.EQUITY_FUND, "R3", settlement_days=3)
    figures = liquidity_figures(
        [(locked, Money(Decimal("1000"))), (fund, Money(Decimal("1000")))],
        today=TODAY,
        calendar=CALENDAR,
        currency="CNY",
    )
    assert figures.same_day_available == Money.zero()
    assert figures.earliest_full_withdrawal == TODAY + timedelta(days=90)
    assert not figures.estimated


def test_a_withdrawal_day_beyond_the_known_calendar_is_an_estimate_until_the_notice_is_imported():
    fund = product(4, ProductKind.EQUITY_FUND, "R3", settlement_days=3)
    locked = product(3, ProductKind.P2P_LOAN, "R2", lock_days=90)
    late = date(2026, 12, 29)  # confirmed 12-30, then 12-31 and two days of 2027
    guessed = liquidity_figures([(fund, Money(Decimal("1000")))], today=late, calendar=CALENDAR, currency="CNY")
    assert guessed.estimated and guessed.earliest_full_withdrawal == date(2027, 1, 4)  # 01-01 taken as trading
    known = liquidity_figures(
        [(fund, Money(Decimal("1000")))], today=late, calendar=calendars.with_2027(), currency="CNY"
    )
    assert not known.estimated and known.earliest_full_withdrawal == date(2027, 1, 5)
    # A later day that needs no trading days (a lock-up in calendar days) decides: no estimate.
    both = liquidity_figures(
        [(fund, Money(Decimal("1000"))), (locked, Money(Decimal("1000")))],
        today=late,
        calendar=CALENDAR,
        currency="CNY",
    )
    assert not both.estimated and both.earliest_full_withdrawal == late + timedelta(days=90)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 240))
def test_a_higher_goal_is_never_more_likely(seed, months):
    returns = np.random.default_rng(seed).normal(0.05, 0.15, 2000)
    amount = Money(Decimal("10000"))
    chances = [
        goal_probability(returns, horizon_months=months, amount=amount, goal=Money(Decimal(goal)))
        for goal in ("5000", "10000", "12000", "20000", "100000")
    ]
    assert chances == sorted(chances, reverse=True)
    assert goal_probability(returns, horizon_months=months, amount=amount, goal=Money(Decimal("0.01"))) == 1.0


def test_a_riskless_portfolio_reaches_exactly_what_compounding_gives():
    returns = np.full(2000, 0.03)
    amount = Money(Decimal("10000"))
    reached = 10000 * 1.03**5
    assert goal_probability(returns, horizon_months=60, amount=amount, goal=Money(Decimal(f"{reached - 1:.2f}"))) == 1.0
    assert goal_probability(returns, horizon_months=60, amount=amount, goal=Money(Decimal(f"{reached + 1:.2f}"))) == 0.0
