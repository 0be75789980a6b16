"""Properties every optimum must have, over generated markets: clean weights and exact
percentages, no sampled portfolio beats the optimum, a constraint never helps, the
efficient frontier is monotone, and a refit re-uses the compiled problem with the answers
of a fresh fit."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advisor import AdviceError, Group, MeanRisk, portfolio_cvar
from tests.advisor.markets import market, random_portfolios, seeds, sizes

OBJECTIVES = ["min_risk", "max_return", "max_utility", "max_sharpe"]
MEASURES = ["variance", "cvar"]


def data_for(measure: str, m) -> dict:
    if measure == "variance":
        return {"expected_returns": m.expected_returns, "covariance": m.covariance}
    return {"expected_returns": m.expected_returns, "scenarios": m.scenarios}


def risk_of(measure: str, m, weights: np.ndarray) -> float:
    if measure == "variance":
        return float(np.sqrt(weights @ m.covariance @ weights))
    return portfolio_cvar(m.scenarios, weights, 0.95)


@settings(max_examples=40, deadline=None)
@given(
    seeds,
    sizes,
    st.sampled_from(OBJECTIVES),
    st.sampled_from(MEASURES),
    st.floats(min_value=0.3, max_value=1.0),
    st.integers(min_value=0, max_value=3),
)
def test_weights_add_up_to_one_inside_their_bounds_and_percentages_to_exactly_100(
    seed, n, objective, measure, cap, decimals
):
    m = market(seed, n)
    cap = max(cap, 1.0 / n + 0.01)
    assume(m.expected_returns.max() > 0.005)  # something beats the zero risk-free rate
    model = MeanRisk(objective=objective, risk_measure=measure, max_weights=cap)
    try:
        model.fit(**data_for(measure, m))
    except AdviceError as error:
        # only the max-Sharpe ratio can fail here: unbounded, or no excess return left once
        # the caps force weight into losing assets
        assert error.code in ("UNBOUNDED", "NO_EXCESS_RETURN") and objective == "max_sharpe"
        return
    w = model.weights_
    assert abs(w.sum() - 1.0) <= 1e-9
    assert w.min() >= 0.0 and w.max() <= cap
    shown = model.percentages(decimals)
    assert sum(shown) == 100
    assert all(abs(float(p) - 100 * x) <= 10**-decimals + 1e-12 for p, x in zip(shown, w))


@settings(max_examples=30, deadline=None)
@given(seeds, sizes, st.sampled_from(MEASURES))
def test_no_sampled_portfolio_has_less_risk_than_the_minimum_risk_portfolio(seed, n, measure):
    m = market(seed, n)
    model = MeanRisk(objective="min_risk", risk_measure=measure).fit(**data_for(measure, m))
    assert model.risk_ == pytest.approx(risk_of(measure, m, model.weights_), abs=1e-12)
    for w in random_portfolios(seed, n, 100):
        assert model.risk_ <= risk_of(measure, m, w) + 1e-8


@settings(max_examples=30, deadline=None)
@given(seeds, sizes, st.sampled_from(MEASURES), st.floats(min_value=0.1, max_value=20.0))
def test_no_sampled_portfolio_has_a_higher_utility_or_sharpe_ratio(seed, n, measure, aversion):
    m = market(seed, n)
    assume(m.expected_returns.max() > 0.005)

    def utility(w):
        risk = risk_of(measure, m, w)
        penalty = 0.5 * risk * risk if measure == "variance" else risk
        return m.expected_returns @ w - aversion * penalty

    best = MeanRisk(objective="max_utility", risk_measure=measure, risk_aversion=aversion).fit(**data_for(measure, m))
    samples = random_portfolios(seed, n, 100)
    assert best.objective_value_ == pytest.approx(utility(best.weights_), abs=1e-12)
    assert all(utility(w) <= best.objective_value_ + 1e-8 for w in samples)
    try:
        sharpe = MeanRisk(objective="max_sharpe", risk_measure=measure).fit(**data_for(measure, m))
    except AdviceError as error:
        assert error.code == "UNBOUNDED"
        return
    for w in samples:
        risk = risk_of(measure, m, w)
        if risk > 0:
            assert m.expected_returns @ w / risk <= sharpe.objective_value_ + 1e-7


@settings(max_examples=30, deadline=None)
@given(
    seeds,
    st.integers(min_value=3, max_value=8),
    st.sampled_from(MEASURES),
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_a_tighter_constraint_never_improves_the_objective(seed, n, measure, a, b):
    m = market(seed, n)
    loose_cap, tight_cap = 1.0 / n + 0.05 + (1 - 1.0 / n) * max(a, b), 1.0 / n + 0.05 + (1 - 1.0 / n) * min(a, b)
    # given a min-risk and a max-return problem, when the per-asset cap tightens
    for objective, worse in (("min_risk", 1.0), ("max_return", -1.0)):
        values = []
        for cap in (loose_cap, tight_cap):
            model = MeanRisk(objective=objective, risk_measure=measure, max_weights=cap)
            values.append(model.fit(**data_for(measure, m)).objective_value_)
        # then the risk cannot fall and the return cannot rise
        assert worse * (values[1] - values[0]) >= -1e-8
    # and a group ceiling on the first two assets can only raise the minimum risk
    free = MeanRisk(objective="min_risk", risk_measure=measure).fit(**data_for(measure, m))
    held = float(free.weights_[:2].sum())
    capped = MeanRisk(
        objective="min_risk", risk_measure=measure, groups=[Group([0, 1], upper=held * b, name="first two")]
    ).fit(**data_for(measure, m))
    assert capped.weights_[:2].sum() <= held * b + 1e-7
    assert capped.risk_ >= free.risk_ - 1e-8


@settings(max_examples=20, deadline=None)
@given(seeds, st.integers(min_value=3, max_value=8), st.sampled_from(MEASURES))
def test_the_efficient_frontier_is_monotone(seed, n, measure):
    m = market(seed, n)
    data = data_for(measure, m)
    low = MeanRisk(objective="min_risk", risk_measure=measure).fit(**data)
    high = MeanRisk(objective="max_return", risk_measure=measure).fit(**data)
    assume(high.risk_ - low.risk_ > 1e-4)
    # one estimator walks the frontier both ways (refits re-use the compiled problems)
    by_risk = MeanRisk(objective="max_return", risk_measure=measure, target_risk=low.risk_)
    by_return = MeanRisk(objective="min_risk", risk_measure=measure, target_return=low.expected_return_)
    returns, risks = [], []
    for t in np.linspace(0.0, 1.0, 6):
        by_risk.set_params(target_risk=low.risk_ + t * (high.risk_ - low.risk_) + 1e-9).fit(**data)
        returns.append(by_risk.expected_return_)
        by_return.set_params(
            target_return=low.expected_return_ + t * (high.expected_return_ - low.expected_return_) - 1e-9
        ).fit(**data)
        risks.append(by_return.risk_)
    assert all(b >= a - 1e-8 for a, b in zip(returns, returns[1:]))
    assert all(b >= a - 1e-8 for a, b in zip(risks, risks[1:]))
    assert returns[-1] == pytest.approx(high.expected_return_, abs=1e-6)
    assert by_risk.compilations == 1 and by_return.compilations == 1


@settings(max_examples=15, deadline=None)
@given(seeds, st.sampled_from(OBJECTIVES), st.sampled_from(MEASURES))
def test_a_refit_on_new_data_of_the_same_shape_recompiles_nothing_and_matches_a_fresh_fit(seed, objective, measure):
    n = 6
    params = dict(
        objective=objective,
        risk_measure=measure,
        max_weights=0.5,
        risk_free_rate=0.0,
        groups=[Group([0, 1, 2], lower=0.1, upper=0.7, name="first three")],
    )
    reused = MeanRisk(**params)
    for step in range(3):
        m = market(seed + step, n)
        assume(m.expected_returns.max() > 0.01)
        data = data_for(measure, m)
        if measure == "variance" and step < 2:
            data["covariance"] = m.factor_model
        cap = 0.5 - 0.05 * step
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # cvxpy warns when a problem is not DPP
            try:
                reused.set_params(max_weights=cap).fit(**data)
            except AdviceError as error:
                assert error.code == "UNBOUNDED"
                return
        fresh = MeanRisk(**{**params, "max_weights": cap}).fit(**data)
        assert reused.objective_value_ == pytest.approx(fresh.objective_value_, abs=1e-7)
        assert reused.risk_ == pytest.approx(risk_of(measure, m, reused.weights_), abs=1e-12)
    # a dense covariance is compiled in as a constant, so the factor model needs a new problem
    assert reused.compilations == (2 if measure == "variance" else 1)
