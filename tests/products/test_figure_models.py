"""The numerical models behind the figures, without a database: the 7-day yield formula,
the default model of loan products, the history model of funds and the suggested level."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.risk import RiskLevel
from products import history_model, risk_levels
from products.figures import fraction
from products.kinds import ProductKind
from products.loan_model import LoanParameters, loan_estimate
from products.yields import last_seven_days, seven_day_annualized_yield

D = Decimal

P2P = LoanParameters(
    rate=D("0.09"),
    term_months=12,
    revolving_months=0,
    amortising=False,
    default_probability=D("0.03"),
    loss_given_default=D("0.6"),
    attachment=D(0),
    detachment=D(1),
    guarantor_share=D(0),
    early_amortisation_trigger=None,
    loan_count=50,
    asset_correlation=D("0.1"),
    management_fee=D("0.01"),
    subscription_fee=D(0),
    early_exit=False,
)
ABS = replace(
    P2P,
    rate=D("0.045"),
    term_months=36,
    revolving_months=24,
    amortising=True,
    loan_count=2000,
    default_probability=D("0.02"),
    loss_given_default=D("0.85"),
    early_amortisation_trigger=D("0.08"),
)

fractions = st.decimals(min_value=0, max_value=D("0.3"), places=3)


# --- 7-day annualised yield ----------------------------------------------------------------


def test_seven_day_yield_of_a_hand_computed_example():
    # 0.5 per 10,000 units every day: 1.00005^7 a week, ^(365/7) a year:
    # exp(365 * ln 1.00005) - 1 = exp(0.0182495) - 1 = 0.0184171 -> 1.8417%.
    assert seven_day_annualized_yield([D("0.5000")] * 7) == D("0.018417")


def test_seven_day_yield_compounds_each_day_of_the_week():
    incomes = [D("0.4512"), D("0.4498"), D("0.4601"), D("0.4477"), D("0.4523"), D("1.3500"), D("0.4488")]
    growth = math.prod(1 + float(r) / 10_000 for r in incomes)
    assert float(seven_day_annualized_yield(incomes)) == pytest.approx(growth ** (365 / 7) - 1, abs=5e-7)
    # the daily carry-over formula is not the monthly-carry-over average:
    assert seven_day_annualized_yield(incomes) != round(D(sum(incomes)) / 7 * 365 / 10_000, 6)


@given(st.lists(st.decimals(min_value=D("-2"), max_value=D("10"), places=4), min_size=7, max_size=7))
def test_seven_day_yield_matches_the_formula_for_any_week(incomes):
    growth = math.prod(1 + float(r) / 10_000 for r in incomes)
    assert float(seven_day_annualized_yield(incomes)) == pytest.approx(growth ** (365 / 7) - 1, abs=6e-7)


def test_seven_day_yield_needs_seven_consecutive_days():
    end = date(2026, 11, 26)
    week = [(end - timedelta(days=6 - i), D("0.5")) for i in range(7)]
    assert last_seven_days(week) == [D("0.5")] * 7
    assert last_seven_days(week[:3] + week[4:]) is None
    assert last_seven_days(week[1:]) is None


# --- loan products: the default model -------------------------------------------------------


def test_a_loan_without_defaults_has_no_bad_year_and_earns_its_rate_net_of_fees():
    figures = loan_estimate(replace(P2P, default_probability=D(0)))
    assert figures.bad_year_loss == 0
    assert figures.expected_return == pytest.approx(0.09 - 0.01)
    assert figures.volatility == pytest.approx(0)


def test_raising_the_default_probability_lowers_return_and_raises_bad_year_loss():
    safer, riskier = (
        loan_estimate(replace(P2P, default_probability=D("0.02"))),
        loan_estimate(replace(P2P, default_probability=D("0.08"))),
    )
    assert riskier.expected_return < safer.expected_return
    assert riskier.bad_year_loss > safer.bad_year_loss


@settings(max_examples=25, deadline=None)
@given(
    pd=fractions,
    bump=st.decimals(min_value=D("0.005"), max_value=D("0.2"), places=3),
    loans=st.sampled_from([1, 20, 500]),
    rho=st.sampled_from([D(0), D("0.1"), D("0.3")]),
)
def test_more_defaults_never_help(pd, bump, loans, rho):
    base = replace(P2P, loan_count=loans, asset_correlation=rho)
    low, high = (
        loan_estimate(replace(base, default_probability=pd)),
        loan_estimate(replace(base, default_probability=pd + bump)),
    )
    assert high.expected_return < low.expected_return
    assert high.bad_year_loss >= low.bad_year_loss
    assert high.low <= low.low


def test_expected_return_is_the_rate_less_expected_losses_and_fees():
    # one-year bullet loans rolled over: E[return] = rate - fee - PD x LGD (up to sampling noise)
    figures = loan_estimate(P2P)
    assert figures.expected_return == pytest.approx(0.09 - 0.01 - 0.03 * 0.6, abs=0.002)


@settings(max_examples=15, deadline=None)
@given(
    enhancement=st.decimals(min_value=0, max_value=D("0.2"), places=2),
    more=st.decimals(min_value=D("0.01"), max_value=D("0.2"), places=2),
)
def test_more_credit_enhancement_protects_the_tranche(enhancement, more):
    thin = loan_estimate(replace(ABS, attachment=enhancement))
    thick = loan_estimate(replace(ABS, attachment=enhancement + more))
    assert thick.expected_return >= thin.expected_return
    assert thick.bad_year_loss <= thin.bad_year_loss


def test_a_junior_tranche_takes_the_first_losses():
    senior = loan_estimate(replace(ABS, attachment=D("0.10")))
    junior = loan_estimate(replace(ABS, attachment=D(0), detachment=D("0.10"), rate=D("0.11")))
    assert junior.bad_year_loss > senior.bad_year_loss
    assert junior.volatility > senior.volatility


def test_a_guarantor_or_a_risk_reserve_cuts_the_investors_losses():
    bare = loan_estimate(P2P)
    guaranteed = loan_estimate(replace(P2P, guarantor_share=D("0.8")))
    reserved = loan_estimate(replace(P2P, attachment=D("0.05")))
    assert guaranteed.expected_return > bare.expected_return
    assert reserved.expected_return > bare.expected_return
    assert guaranteed.bad_year_loss <= bare.bad_year_loss and reserved.bad_year_loss <= bare.bad_year_loss


def test_early_amortisation_protects_a_tranche_in_bad_years():
    tranche = replace(ABS, attachment=D("0.05"), default_probability=D("0.06"))
    without = loan_estimate(replace(tranche, early_amortisation_trigger=None))
    with_trigger = loan_estimate(replace(tranche, early_amortisation_trigger=D("0.05")))
    assert with_trigger.expected_return > without.expected_return
    assert with_trigger.bad_year_loss <= without.bad_year_loss


def test_figures_are_reproducible():
    assert loan_estimate(P2P) == loan_estimate(P2P)


# --- funds: the history model -------------------------------------------------------------


def _history(returns: np.ndarray, start=date(2023, 1, 2)):
    days = [start + timedelta(days=i) for i in range(len(returns) + 1)]
    navs = np.exp(np.concatenate(([0.0], np.cumsum(returns))))
    return days, navs


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10_000), entry=st.decimals(0, D("0.02"), places=3), exit_=st.decimals(0, D("0.02"), places=3)
)
def test_fund_fees_scale_every_outcome_by_the_entry_and_exit_costs(seed, entry, exit_):
    days, navs = _history(np.random.default_rng(seed).normal(0.0003, 0.01, 500))
    gross = history_model.nav_estimate(days, navs, entry_fee=0.0, exit_fee=0.0)
    net = history_model.nav_estimate(days, navs, entry_fee=float(entry), exit_fee=float(exit_))
    factor = (1 - float(exit_)) / (1 + float(entry))
    for attribute in ("expected_return", "low", "high", "bad_year_return"):
        assert 1 + getattr(net, attribute) == pytest.approx((1 + getattr(gross, attribute)) * factor)
    assert net.volatility == pytest.approx(gross.volatility)


def test_a_more_volatile_history_is_more_volatile_and_riskier():
    returns = np.random.default_rng(7).normal(0.0002, 0.005, 750)
    calm = history_model.nav_estimate(*_history(returns), entry_fee=0, exit_fee=0)
    wild = history_model.nav_estimate(*_history(returns * 4), entry_fee=0, exit_fee=0)
    assert wild.volatility == pytest.approx(4 * calm.volatility)
    assert wild.bad_year_loss > calm.bad_year_loss
    assert wild.high - wild.low > calm.high - calm.low
    assert (
        risk_levels.suggested_level(ProductKind.EQUITY_FUND, wild.var_equivalent_volatility).rank
        > risk_levels.suggested_level(ProductKind.EQUITY_FUND, calm.var_equivalent_volatility).rank
    )


def test_max_drawdown_is_the_largest_fall_from_a_peak():
    assert history_model.max_drawdown(np.array([1.0, 1.1, 1.2, 1.3])) == 0
    assert history_model.max_drawdown(np.array([1.0, 1.5, 1.2, 1.4, 0.9, 1.6])) == pytest.approx(0.4)


def test_a_steady_money_fund_never_has_a_bad_year():
    incomes = np.full(365, 0.5) + np.random.default_rng(1).normal(0, 0.02, 365)
    figures = history_model.income_estimate(incomes, entry_fee=0, exit_fee=0)
    assert figures.bad_year_loss == 0
    assert figures.expected_return == pytest.approx(1.00005**365 - 1, abs=0.002)
    assert figures.max_drawdown == 0


# --- risk levels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volatility", "equity_level"),
    [
        (0.001, RiskLevel.R2),
        (0.03, RiskLevel.R2),
        (0.08, RiskLevel.R3),
        (0.15, RiskLevel.R4),
        (0.25, RiskLevel.R5),
        (0.9, RiskLevel.R5),
    ],
)
def test_suggested_level_follows_the_priips_volatility_classes(volatility, equity_level):
    assert risk_levels.suggested_level(ProductKind.EQUITY_FUND, volatility) is equity_level
    assert risk_levels.suggested_level(ProductKind.MONEY_FUND, volatility) is RiskLevel.R1


# --- extreme histories: finite, bounded, honest ---------------------------------------------

# Any income the catalogue accepts (above -10,000 and below 10,000 per 10,000 units, 4
# places), with the bounds and ordinary days drawn often.
extreme_incomes = st.one_of(
    st.decimals(min_value=D("-9999.9999"), max_value=D("9999.9999"), places=4),
    st.sampled_from([D("-9999.9999"), D("-9999"), D("-5000"), D("0.5"), D("0"), D("9999.9999")]),
)
extreme_navs = st.one_of(
    st.decimals(min_value=D("0.0001"), max_value=D("1000000"), places=4),
    st.sampled_from([D("0.0001"), D("0.0002"), D("1"), D("1000000")]),
)


def assert_bounded(figures) -> None:
    values = (
        figures.bad_year_return,
        figures.low,
        figures.expected_return,
        figures.high,
        figures.volatility,
        figures.max_drawdown,
        figures.bad_year_loss,
    )
    assert all(math.isfinite(value) for value in values), figures
    assert -1 <= figures.bad_year_return <= figures.low <= figures.expected_return <= figures.high
    assert figures.high <= history_model.MAX_RETURN
    assert 0 <= figures.bad_year_loss <= 1 and 0 <= figures.max_drawdown <= 1
    for value in values:  # each becomes an exact 6-place fraction that fits its column
        assert abs(fraction(value)) < 10**12


@settings(max_examples=200, deadline=None)
@given(st.lists(extreme_incomes, min_size=7, max_size=365))
def test_any_accepted_income_history_has_finite_honest_figures(incomes):
    figures = history_model.income_estimate(np.array([float(v) for v in incomes]), entry_fee=0.01, exit_fee=0.005)
    assert_bounded(figures)
    value = np.cumprod([1 + float(v) / 10_000 for v in incomes])
    worst_fall = float(np.max(1 - value / np.maximum.accumulate(np.concatenate(([1.0], value)))[1:]))
    assert figures.max_drawdown == pytest.approx(worst_fall, abs=1e-9)  # the worst fall is shown
    if value[-1] < 0.5:  # lost more than half within a year: no positive return is promised
        assert figures.expected_return < 0
    assert -1 <= seven_day_annualized_yield(incomes[-7:]) <= 10


@settings(max_examples=200, deadline=None)
@given(st.lists(extreme_navs, min_size=20, max_size=120))
def test_any_accepted_nav_history_has_finite_honest_figures(navs):
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(len(navs))]
    values = np.array([float(v) for v in navs])
    figures = history_model.nav_estimate(days, values, entry_fee=0.012, exit_fee=0.005)
    assert_bounded(figures)
    assert figures.max_drawdown >= float(np.max(1 - values[1:] / values[:-1])) - 1e-12
    if values[-1] < values[0] / 2:  # lost more than half within the year
        assert figures.expected_return < 0


def test_a_money_fund_that_lost_almost_everything_in_a_day_shows_it():
    figures = history_model.income_estimate(np.array([0.5] * 300 + [-9999.0] + [0.5] * 64), entry_fee=0, exit_fee=0)
    assert figures.max_drawdown == pytest.approx(0.9999)
    assert figures.bad_year_loss > 0.99 and figures.expected_return < -0.99
