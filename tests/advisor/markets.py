"""Small generated markets for the optimizer tests: covariances, factor models and scenario
returns from a seed, plus hypothesis strategies that draw those seeds and sizes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from advisor import FactorCovariance


@dataclass(frozen=True)
class Market:
    expected_returns: np.ndarray
    covariance: np.ndarray
    scenarios: np.ndarray
    factor_model: FactorCovariance

    @property
    def n(self) -> int:
        return len(self.expected_returns)


def market(seed: int, n_assets: int, n_scenarios: int = 200, n_factors: int = 2) -> Market:
    """Assets driven by a few factors plus their own noise; annual-scale numbers."""
    rng = np.random.default_rng(seed)
    loadings = rng.normal(0.0, 0.15, (n_assets, n_factors))
    loadings[:, 0] += rng.uniform(0.05, 0.2, n_assets)  # a market factor
    specific = rng.uniform(0.05, 0.25, n_assets) ** 2
    model = FactorCovariance(loadings, np.eye(n_factors), specific)
    covariance = model.dense()
    mu = 0.01 + 0.3 * loadings[:, 0] + rng.normal(0.0, 0.02, n_assets)
    shocks = rng.standard_t(5, (n_scenarios, n_factors)) @ loadings.T
    scenarios = mu + shocks + rng.normal(size=(n_scenarios, n_assets)) * np.sqrt(specific)
    return Market(mu, covariance, scenarios, model)


def random_portfolios(seed: int, n_assets: int, count: int, upper: float = 1.0) -> np.ndarray:
    """Long-only portfolios adding up to 1 with every weight at most ``upper`` (rows)."""
    rng = np.random.default_rng(seed)
    rows = []
    while len(rows) < count:
        w = rng.dirichlet(np.full(n_assets, 0.7))
        if w.max() <= upper:
            rows.append(w)
    return np.array(rows)


seeds = st.integers(min_value=0, max_value=2**32 - 1)
sizes = st.integers(min_value=2, max_value=8)
