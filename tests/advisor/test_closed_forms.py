"""MeanRisk against answers derived by hand: two-asset formulas, the unconstrained
minimum-variance, tangency and quadratic-utility portfolios, and CVaR of discrete
distributions computed by sorting losses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advisor import Group, MeanRisk, Objective, RiskMeasure, portfolio_cvar
from tests.advisor.markets import market, seeds

vols = st.floats(min_value=0.05, max_value=0.5)
correlations = st.floats(min_value=-0.8, max_value=0.8)
returns = st.floats(min_value=0.01, max_value=0.2)


def two_assets(s1: float, s2: float, rho: float) -> np.ndarray:
    return np.array([[s1 * s1, rho * s1 * s2], [rho * s1 * s2, s2 * s2]])


def two_asset_variance(w1: float, s1: float, s2: float, rho: float) -> float:
    return w1 * w1 * s1 * s1 + (1 - w1) ** 2 * s2 * s2 + 2 * w1 * (1 - w1) * rho * s1 * s2


@settings(max_examples=30, deadline=None)
@given(vols, vols, correlations)
def test_two_asset_minimum_variance_matches_the_closed_form(s1, s2, rho):
    # Given two assets whose minimum-variance mix is long in both
    w1 = (s2 * s2 - rho * s1 * s2) / (s1 * s1 + s2 * s2 - 2 * rho * s1 * s2)
    assume(0.01 < w1 < 0.99)
    # When the risk is minimised
    model = MeanRisk().fit(expected_returns=np.array([0.05, 0.07]), covariance=two_assets(s1, s2, rho))
    # Then the weights and the volatility are the formula's
    assert model.weights_ == pytest.approx([w1, 1 - w1], abs=1e-6)
    assert model.risk_ == pytest.approx(np.sqrt(two_asset_variance(w1, s1, s2, rho)), abs=1e-8)
    assert model.objective_value_ == model.risk_


@settings(max_examples=30, deadline=None)
@given(vols, vols, correlations, returns, returns, st.floats(min_value=0.05, max_value=0.95))
def test_two_asset_max_return_for_a_target_volatility_takes_the_largest_admissible_share(
    s1, s2, rho, mu1, mu2, position
):
    assume(abs(mu1 - mu2) > 1e-3)
    hi, lo = (0, 1) if mu1 > mu2 else (1, 0)
    sig = (s1, s2)
    # Given a target volatility between the minimum-variance mix's and the better asset's
    w_min = np.clip((s2 * s2 - rho * s1 * s2) / (s1 * s1 + s2 * s2 - 2 * rho * s1 * s2), 0, 1)
    share_min = w_min if hi == 0 else 1 - w_min
    v_low = np.sqrt(two_asset_variance(w_min, s1, s2, rho))
    v_high = sig[hi]
    assume(v_high - v_low > 1e-3)
    target = v_low + position * (v_high - v_low)
    # the largest share x of the better asset with var(x) = target^2 (a quadratic in x)
    a = s1 * s1 + s2 * s2 - 2 * rho * s1 * s2
    b_low, _b_high = sig[lo], sig[hi]
    coef = [a, 2 * (rho * s1 * s2 - b_low * b_low), b_low * b_low - target * target]
    share = max(r.real for r in np.roots(coef) if abs(r.imag) < 1e-12)
    assume(share_min - 1e-9 <= share <= 1 + 1e-9)
    mu = np.array([mu1, mu2])
    # When the return is maximised under the volatility ceiling
    model = MeanRisk(objective="max_return", target_risk=target).fit(
        expected_returns=mu, covariance=two_assets(s1, s2, rho)
    )
    # Then the better asset gets exactly that share
    assert model.weights_[hi] == pytest.approx(share, abs=1e-6)
    assert model.objective_value_ == pytest.approx(share * mu[hi] + (1 - share) * mu[lo], abs=1e-7)
    assert model.risk_ <= target + 1e-7


@settings(max_examples=25, deadline=None)
@given(seeds, st.integers(min_value=2, max_value=6))
def test_unconstrained_minimum_variance_is_inverse_covariance_times_ones(seed, n):
    rng = np.random.default_rng(seed)
    # Given a covariance whose global minimum-variance portfolio is long-only
    base = np.diag(rng.uniform(0.02, 0.09, n))
    noise = rng.normal(0, 0.02, (n, n))
    cov = base + noise @ noise.T / n
    inv_ones = np.linalg.solve(cov, np.ones(n))
    expected = inv_ones / inv_ones.sum()
    assume(expected.min() > 0.005)
    model = MeanRisk(objective=Objective.MIN_RISK).fit(expected_returns=np.zeros(n), covariance=cov)
    assert model.weights_ == pytest.approx(expected, abs=1e-6)
    assert model.risk_ == pytest.approx(1 / np.sqrt(inv_ones.sum()), rel=1e-7)


@settings(max_examples=25, deadline=None)
@given(seeds, st.integers(min_value=2, max_value=6), st.floats(min_value=0.0, max_value=0.03))
def test_max_sharpe_is_the_tangency_portfolio_when_it_is_long_only(seed, n, rf):
    rng = np.random.default_rng(seed)
    noise = rng.normal(0, 0.03, (n, n))
    cov = np.diag(rng.uniform(0.02, 0.09, n)) + noise @ noise.T / n
    mu = rf + rng.uniform(0.02, 0.12, n)
    raw = np.linalg.solve(cov, mu - rf)
    assume(raw.min() > 0.005 * raw.sum())
    tangency = raw / raw.sum()
    model = MeanRisk(objective="max_sharpe", risk_free_rate=rf).fit(expected_returns=mu, covariance=cov)
    assert model.weights_ == pytest.approx(tangency, abs=1e-6)
    # the tangency Sharpe ratio is sqrt((mu - rf)' S^-1 (mu - rf))
    assert model.objective_value_ == pytest.approx(np.sqrt((mu - rf) @ raw), rel=1e-7)


@settings(max_examples=25, deadline=None)
@given(seeds, st.integers(min_value=2, max_value=6), st.floats(min_value=0.5, max_value=20.0))
def test_max_utility_matches_the_budget_constrained_closed_form(seed, n, aversion):
    rng = np.random.default_rng(seed)
    noise = rng.normal(0, 0.03, (n, n))
    cov = np.diag(rng.uniform(0.02, 0.09, n)) + noise @ noise.T / n
    mu = rng.uniform(0.02, 0.12, n)
    inv_mu, inv_ones = np.linalg.solve(cov, mu), np.linalg.solve(cov, np.ones(n))
    # stationarity mu - aversion S w = gamma 1 with the budget 1'w = 1
    gamma = (inv_mu.sum() - aversion) / inv_ones.sum()
    expected = (inv_mu - gamma * inv_ones) / aversion
    assume(expected.min() > 0.005)
    model = MeanRisk(objective="max_utility", risk_aversion=aversion).fit(expected_returns=mu, covariance=cov)
    assert model.weights_ == pytest.approx(expected, abs=1e-6)
    utility = mu @ expected - 0.5 * aversion * expected @ cov @ expected
    assert model.objective_value_ == pytest.approx(utility, abs=1e-8)


def test_max_return_fills_the_best_assets_up_to_their_caps():
    mu = np.array([0.03, 0.09, 0.06, 0.12])
    model = MeanRisk(objective="max_return", max_weights=0.4).fit(
        expected_returns=mu, covariance=np.diag([0.01, 0.04, 0.02, 0.09])
    )
    assert model.weights_ == pytest.approx([0.0, 0.4, 0.2, 0.4], abs=1e-7)
    assert model.expected_return_ == pytest.approx(0.4 * 0.12 + 0.4 * 0.09 + 0.2 * 0.06, abs=1e-9)


@pytest.mark.parametrize(
    "groups",
    [
        [Group([1, 3], upper=0.5, name="growth")],
        [(np.array([False, True, False, True]), None, 0.5)],
        (np.array([[0.0, 1.0, 0.0, 1.0]]), None, np.array([0.5])),
    ],
)
def test_a_group_cap_sends_the_rest_to_the_best_asset_outside_it(groups):
    # assets 1 and 3 (9% and 12%) may hold 50% together: 50% at 12%, the rest at 6%
    mu = np.array([0.03, 0.09, 0.06, 0.12])
    model = MeanRisk(objective="max_return", groups=groups).fit(
        expected_returns=mu, covariance=np.diag([0.01, 0.04, 0.02, 0.09])
    )
    assert model.weights_ == pytest.approx([0.0, 0.0, 0.5, 0.5], abs=1e-7)
    assert model.expected_return_ == pytest.approx(0.09, abs=1e-9)


def test_factor_covariance_gives_the_same_answers_as_its_dense_matrix():
    data = market(seed=7, n_assets=6)
    for objective in ("min_risk", "max_sharpe", "max_utility"):
        dense = MeanRisk(objective=objective, max_weights=0.5, risk_free_rate=0.01).fit(
            expected_returns=data.expected_returns, covariance=data.covariance
        )
        factor = MeanRisk(objective=objective, max_weights=0.5, risk_free_rate=0.01).fit(
            expected_returns=data.expected_returns, covariance=data.factor_model
        )
        assert factor.weights_ == pytest.approx(dense.weights_, abs=1e-6)
        assert factor.objective_value_ == pytest.approx(dense.objective_value_, abs=1e-8)


# --- CVaR ---------------------------------------------------------------------------------


def test_cvar_of_a_known_discrete_distribution():
    # ten equally likely one-period returns of a single asset
    returns = np.array([[0.05], [-0.10], [0.02], [-0.30], [0.07], [0.01], [-0.02], [0.04], [-0.05], [0.03]])
    # at 80% the tail is the two worst outcomes: losses 0.30 and 0.10
    assert portfolio_cvar(returns, np.array([1.0]), 0.80) == pytest.approx(0.20)
    # at 75% the tail holds 2.5 scenarios: 0.30, 0.10 and half of 0.05
    assert portfolio_cvar(returns, np.array([1.0]), 0.75) == pytest.approx((0.30 + 0.10 + 0.5 * 0.05) / 2.5)
    # at 95% the tail (half a scenario) is the worst outcome alone
    assert portfolio_cvar(returns, np.array([1.0]), 0.95) == pytest.approx(0.30)


def test_cvar_risk_of_a_pinned_portfolio_is_the_hand_computed_tail_mean():
    scenarios = np.array(
        [
            [0.10, -0.20],
            [-0.10, 0.05],
            [0.02, 0.01],
            [0.03, -0.04],
            [-0.05, 0.10],
            [0.00, 0.02],
            [0.04, -0.01],
            [0.01, 0.03],
        ]
    )
    weights = np.array([0.25, 0.75])
    model = MeanRisk(
        objective="min_risk", risk_measure="cvar", cvar_level=0.75, min_weights=weights, max_weights=weights
    ).fit(scenarios=scenarios)
    losses = sorted(-(scenarios @ weights), reverse=True)
    assert model.weights_ == pytest.approx(weights)
    assert model.risk_ == pytest.approx((losses[0] + losses[1]) / 2)
    assert model.expected_return_ == pytest.approx(scenarios.mean(axis=0) @ weights)


@settings(max_examples=20, deadline=None)
@given(seeds, st.sampled_from([0.8, 0.9, 0.95]))
def test_two_asset_min_cvar_matches_a_brute_force_search(seed, level):
    rng = np.random.default_rng(seed)
    scenarios = rng.normal(0.05, 0.2, (60, 2)) @ np.array([[1.0, 0.3], [0.0, 0.8]])
    grid = np.linspace(0.0, 1.0, 4001)
    values = [portfolio_cvar(scenarios, np.array([a, 1 - a]), level) for a in grid]
    model = MeanRisk(objective="min_risk", risk_measure=RiskMeasure.CVAR, cvar_level=level).fit(scenarios=scenarios)
    # the LP optimum is no worse than any grid point, and the grid comes within a step of it
    slope = np.abs(scenarios[:, 0] - scenarios[:, 1]).max()
    assert model.risk_ <= min(values) + 1e-9
    assert model.risk_ >= min(values) - slope * (grid[1] - grid[0])


@settings(max_examples=20, deadline=None)
@given(seeds)
def test_cvar_max_sharpe_beats_every_sampled_portfolio_on_return_per_unit_of_cvar(seed):
    data = market(seed, n_assets=4, n_scenarios=100)
    assume(data.expected_returns.max() > 0.01)
    model = MeanRisk(objective="max_sharpe", risk_measure="cvar", risk_free_rate=0.0).fit(
        expected_returns=data.expected_returns, scenarios=data.scenarios
    )
    assert model.objective_value_ == pytest.approx(model.expected_return_ / model.risk_)
    for w in np.random.default_rng(seed).dirichlet(np.ones(4), 200):
        cvar = portfolio_cvar(data.scenarios, w, 0.95)
        assert cvar > 0
        assert data.expected_returns @ w / cvar <= model.objective_value_ + 1e-7
