"""The joint scenarios: reproducible from their seed, independent across seeds, net of fees and
expected losses (never headline rates), loan defaults coming with equity drawdowns, and the
P2P platform failing for every P2P product at once."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from advisor import synthetic
from products.joint_model import PLATFORM_FAILURE_LOSS, Economy, money_fund_returns
from products.joint_scenarios import generate
from products.kinds import ProductKind
from products.scenarios import Fees
from tests.advisor.platforms import TODAY


@pytest.fixture(scope="module")
def catalogue():
    return synthetic.catalogue(30, seed=5, today=TODAY)


@pytest.fixture(scope="module")
def scenarios(catalogue):
    return generate(catalogue)


def columns_of(scenarios, kind: ProductKind) -> np.ndarray:
    return np.array([j for j, p in enumerate(scenarios.products) if p.kind is kind])


def test_the_same_catalogue_and_seed_give_the_same_scenarios_and_another_seed_independent_ones(catalogue, scenarios):
    again = generate(catalogue)
    assert np.array_equal(again.returns, scenarios.returns)
    other = generate(catalogue, seed=1)
    assert abs(np.corrcoef(other.market, scenarios.market)[0, 1]) < 0.1
    assert not np.array_equal(other.returns, scenarios.returns)


def test_adding_a_loan_product_leaves_the_other_products_scenarios_alone(catalogue, scenarios):
    p2p = next(p for p in catalogue if p.kind is ProductKind.P2P_LOAN)
    extra = replace(p2p, product_id=999, code="EXTRA")
    more = generate(catalogue + [extra])
    assert np.array_equal(more.returns[:, : scenarios.returns.shape[1]], scenarios.returns)


def test_fees_come_off_the_returns(catalogue):
    fund = next(p for p in catalogue if p.kind is ProductKind.EQUITY_FUND)
    free = replace(fund, fees=Fees(Decimal(0), (), fund.fees.management_rate))
    charged = replace(fund, fees=Fees(Decimal("0.015"), fund.fees.redemption_schedule, fund.fees.management_rate))
    gross = generate([free]).returns[:, 0]
    net = generate([charged]).returns[:, 0]
    # a year's redemption fee of the schedule (held 365 days: 0.25%) and the 1.5% entry fee
    assert net == pytest.approx((1 + gross) * (1 - 0.0025) / 1.015 - 1, abs=1e-12)


def test_loans_are_expected_to_earn_less_than_their_headline_rate(scenarios):
    for j in np.concatenate([columns_of(scenarios, ProductKind.P2P_LOAN), columns_of(scenarios, ProductKind.ABS_UNIT)]):
        product = scenarios.products[j]
        assert (
            scenarios.expected_returns[j]
            < float(product.loan_model.rate) - float(product.loan_model.management_fee) + 1e-12
        )


def test_default_waves_come_with_equity_drawdowns(scenarios):
    worst_markets = scenarios.market < np.quantile(scenarios.market, 0.05)
    best_markets = scenarios.market > np.quantile(scenarios.market, 0.5)
    loans = np.concatenate([columns_of(scenarios, ProductKind.P2P_LOAN), columns_of(scenarios, ProductKind.ABS_UNIT)])
    pool = scenarios.returns[:, loans].mean(axis=1)
    assert pool[worst_markets].mean() < pool[best_markets].mean()
    equity = scenarios.returns[:, columns_of(scenarios, ProductKind.EQUITY_FUND)].mean(axis=1)
    assert np.corrcoef(equity, pool)[0, 1] > 0


def test_the_p2p_platform_fails_for_every_p2p_product_at_once_and_more_often_in_bad_years(scenarios):
    p2p = columns_of(scenarios, ProductKind.P2P_LOAN)
    guarantor = np.array([float(scenarios.products[j].loan_model.guarantor_share) for j in p2p])
    failure = -PLATFORM_FAILURE_LOSS * (1 - guarantor)
    failed = np.all(np.isclose(scenarios.returns[:, p2p], failure), axis=1)
    assert 0 < failed.mean() < 0.05
    assert scenarios.market[failed].mean() < 0


def test_money_funds_earn_about_their_recent_yield_and_never_lose_in_a_year(scenarios, catalogue):
    for j in columns_of(scenarios, ProductKind.MONEY_FUND):
        income = scenarios.products[j].income_series.as_array()
        recent = income[-30:].mean() * 365 / 10_000
        assert scenarios.expected_returns[j] == pytest.approx(recent, abs=0.002)
        assert np.quantile(scenarios.returns[:, j], 0.05) > 0


@pytest.mark.parametrize("worst_day", ["-9999.9999", "-5000", "-400"])
def test_a_money_fund_that_lost_heavily_of_late_loses_at_most_everything(catalogue, worst_day):
    fund = next(p for p in catalogue if p.kind is ProductKind.MONEY_FUND)
    series = fund.income_series
    values = series.values[:-1] + (Decimal(worst_day),)
    crashed = replace(fund, income_series=replace(series, values=values))
    returns = money_fund_returns(crashed, Economy.draw(500, seed=3))
    assert np.all(np.isfinite(returns))
    assert returns.min() >= -1.0  # never more than the money put in
    recent = float(np.mean(np.array([float(v) for v in values[-30:]]))) * 365 / 10_000
    assert returns.max() <= max(recent, -1.0) + 1.0  # the loss shows: no scenario forgets the fall
