"""Joint one-year return scenarios of every product on sale, generated once per catalogue
version (never per request) from a fixed seed, so the same catalogue always gives the same
scenarios and every recommendation can be reproduced.

``SCENARIOS`` (2,000) equally likely one-year scenarios: the bad-year loss (1 in 20) is the
100th worst, and the tail the optimizer limits (CVaR at 95%) is the average of the worst 100.
The models of each product kind are documented in ``products.joint_model``. A product
whose data supports no model (e.g. an equity fund with under 60 daily returns) gets no
scenarios and is never recommended; ``ScenarioSet.without_model`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from products import joint_model as models
from products.kinds import ProductKind
from products.scenarios import ScenarioInput

SCENARIOS = 2_000
SEED = 20_261_126


@dataclass(frozen=True, eq=False)
class ScenarioSet:
    """``returns[t, j]``: the one-year return of ``products[j]`` in scenario ``t`` (net of fees
    and expected losses); ``market[t]`` the equity market factor of scenario ``t``."""

    products: tuple[ScenarioInput, ...]
    returns: np.ndarray
    market: np.ndarray
    seed: int
    without_model: dict[int, str] = field(default_factory=dict)  # product id -> why

    @property
    def count(self) -> int:
        return self.returns.shape[0]

    @property
    def expected_returns(self) -> np.ndarray:
        return self.returns.mean(axis=0)

    def assumptions(self) -> dict:
        """What a stored recommendation keeps to be reproduced and explained."""
        return {"scenarioCount": self.count, "seed": self.seed, **models.ASSUMPTIONS}


def generate(
    products: list[ScenarioInput],
    *,
    seed: int = SEED,
    count: int = SCENARIOS,
    market: list[ScenarioInput] | None = None,
) -> ScenarioSet:
    """Scenarios for ``products`` (one column each, in the given order, for those with a
    model). The equity market is that of the equity funds in ``market`` (default: those in
    ``products``): a product's column depends only on the economy, its own data and that
    market, so the same product gets the same column in any set drawn with the same seed."""
    economy = models.Economy.draw(count, seed)
    equity = [p for p in products if p.kind is ProductKind.EQUITY_FUND]
    market_funds = None if market is None else [p for p in market if p.kind is ProductKind.EQUITY_FUND]
    fits, without = models.fit_equity_funds(equity, market_funds)
    kept, columns = [], []
    for product in products:
        if product.product_id in without:
            continue
        try:
            if product.kind is ProductKind.EQUITY_FUND:
                column = models.equity_returns(product, fits[product.product_id], economy)
            elif product.kind is ProductKind.MONEY_FUND:
                column = models.money_fund_returns(product, economy)
            else:
                column = models.loan_returns(product, economy)
        except models.NoModel as reason:
            without[product.product_id] = str(reason)
            continue
        if not np.all(np.isfinite(column)):
            without[product.product_id] = "the model gave non-finite returns"
            continue
        kept.append(product)
        columns.append(column)
    returns = np.column_stack(columns) if columns else np.zeros((count, 0))
    return ScenarioSet(tuple(kept), np.ascontiguousarray(returns), economy.market, seed, without)
