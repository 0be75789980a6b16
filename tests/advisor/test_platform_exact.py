"""The platform's optimiser (a restricted master with row and column generation) finds the
optimum of the full problem over every scenario and product: the same objective as
``MeanRisk`` solving the whole linear programme at once, with working sets far smaller than
the catalogue so generation has to do the work, and from masters re-used across users."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import AdviceError, MeanRisk
from advisor.inputs import Group
from advisor.platform import Bounds, PlatformModel
from advisor.risk_models import portfolio_cvar
from products.kinds import LiquidityKind, ProductKind
from tests.advisor.markets import seeds
from tests.advisor.platforms import model_of, product


def random_platform(seed: int, n: int, scenarios: int, **options) -> PlatformModel:
    rng = np.random.default_rng(seed)
    choices = [ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.P2P_LOAN]
    kinds = [choices[i] for i in rng.choice(3, size=n, p=[0.15, 0.65, 0.2])]
    kinds[0] = ProductKind.MONEY_FUND
    products = [
        product(
            j + 1,
            kind,
            "R1" if kind is ProductKind.MONEY_FUND else "R3",
            liquidity=LiquidityKind.LOCKED if kind is not ProductKind.MONEY_FUND and rng.random() < 0.3 else None,
        )
        for j, kind in enumerate(kinds)
    ]
    market = rng.standard_normal(scenarios)
    beta = rng.uniform(0.0, 1.5, n)
    returns = (
        0.02
        + 0.04 * beta
        + np.outer(market, 0.12 * beta)
        + rng.normal(0.0, 1.0, (scenarios, n)) * rng.uniform(0.01, 0.15, n)
    )
    money = np.array([kind is ProductKind.MONEY_FUND for kind in kinds])
    returns[:, money] = 0.018 + 0.002 * rng.standard_normal((scenarios, 1))
    return model_of(products, returns, seed=seed, **options)


def random_bounds(model: PlatformModel, rng: np.random.Generator) -> Bounds:
    n = model.data.n_products
    upper = np.where(rng.random(n) < 0.7, rng.choice([0.3, 0.5, 1.0]), 0.0)
    upper[model.data.money] = 1.0
    return Bounds(
        upper=upper,
        floor=float(rng.uniform(0.0, 0.5)),
        illiquid_cap=float(rng.uniform(0.0, 0.5)),
        p2p_cap=float(rng.uniform(0.0, 0.3)),
        tail_cap=float(rng.choice([0.005, 0.02, 0.08, 0.2])),
        risk_aversion=float(rng.choice([0.01, 0.05, 0.5])),
    )


def reference(model: PlatformModel, bounds: Bounds) -> MeanRisk | None:
    data = model.data
    groups = [
        Group(data.groups[0], bounds.floor, None),
        Group(data.groups[1], None, bounds.illiquid_cap),
        Group(data.groups[2], None, bounds.p2p_cap),
    ]
    full = MeanRisk(
        objective="max_utility",
        risk_measure="cvar",
        risk_aversion=bounds.risk_aversion,
        target_risk=bounds.tail_cap,
        max_weights=bounds.upper,
        groups=groups,
    )
    try:
        return full.fit(expected_returns=data.expected, scenarios=data.returns)
    except AdviceError:
        return None


@settings(max_examples=15, deadline=None)
@given(seeds, st.integers(min_value=12, max_value=40))
def test_generation_finds_the_optimum_of_the_whole_problem(seed, n):
    model = random_platform(seed, n, scenarios=300, column_slots=6, row_slots=40, pool_size=1)
    rng = np.random.default_rng(seed)
    for _ in range(3):  # one master serves several users in turn
        bounds = random_bounds(model, rng)
        ours = model.optimise(bounds)
        full = reference(model, bounds)
        if full is None:
            assert not ours.feasible
            continue
        assert ours.feasible
        value = float(model.data.expected @ ours.weights) - bounds.risk_aversion * ours.cvar
        assert value == pytest.approx(full.objective_value_, abs=1e-7)
        assert abs(ours.weights.sum() - 1.0) <= 1e-9
        assert np.all(ours.weights >= 0) and np.all(ours.weights <= bounds.upper + 1e-12)
        assert ours.cvar == pytest.approx(portfolio_cvar(model.data.returns, ours.weights, 0.95), abs=1e-12)
        assert ours.cvar <= bounds.tail_cap + 1e-7
        assert model.data.groups[0] @ ours.weights >= bounds.floor - 1e-7


def test_a_master_too_small_for_one_solve_grows_and_still_finds_the_optimum():
    model = random_platform(11, 60, scenarios=400, column_slots=2, row_slots=5, pool_size=1)
    upper = np.where(model.data.money, 1.0, 0.3)
    bounds = Bounds(upper=upper, floor=0.1, illiquid_cap=0.3, p2p_cap=0.2, tail_cap=0.08, risk_aversion=0.05)
    ours = model.optimise(bounds)
    full = reference(model, bounds)
    assert ours.feasible and full is not None
    value = float(model.data.expected @ ours.weights) - bounds.risk_aversion * ours.cvar
    assert value == pytest.approx(full.objective_value_, abs=1e-7)
