"""Small platform models for the tests: hand-made products with chosen scenario returns (to
pin one rule at a time), synthetic catalogues through the real scenario models, and risk
profiles as the questionnaire gives them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from advisor import synthetic
from advisor.platform import PlatformData, PlatformModel
from core.risk import RiskCategory, RiskLevel
from products.joint_scenarios import ScenarioSet, generate
from products.kinds import LiquidityKind, ProductKind
from products.liquidity import liquidity_of
from products.scenarios import Fees, ScenarioInput
from questionnaire.profiles import ProfileStatus, RiskProfile
from questionnaire.scoring import RiskFlag
from tests import calendars

TODAY = date(2026, 11, 26)
CALENDAR = calendars.seeded()
D = Decimal

DEFAULT_LIQUIDITY = {
    ProductKind.MONEY_FUND: LiquidityKind.SAME_DAY,
    ProductKind.EQUITY_FUND: LiquidityKind.NEXT_DAY,
    ProductKind.ABS_UNIT: LiquidityKind.LOCKED,
    ProductKind.P2P_LOAN: LiquidityKind.LOCKED,
}


def product(
    product_id: int,
    kind: ProductKind,
    level: str = "R1",
    *,
    minimum: str = "1",
    lock_days: int | None = None,
    liquidity: LiquidityKind | None = None,
    qualified: bool = False,
    currency: str = "CNY",
    fast_limit: str | None = "10000",
    settlement_days: int = 0,
) -> ScenarioInput:
    liquidity = liquidity or DEFAULT_LIQUIDITY[kind]
    if liquidity is LiquidityKind.LOCKED and lock_days is None:
        lock_days = 90
    terms = liquidity_of(
        kind=liquidity,
        lock_days=lock_days,
        maturity_date=None,
        settlement_days=settlement_days,
        today=TODAY,
        calendar=CALENDAR,
    )
    return ScenarioInput(
        product_id=product_id,
        code=f"P{product_id}",
        kind=kind,
        risk_level=RiskLevel(level),
        qualified_only=qualified,
        currency=currency,
        minimum_amount=D(minimum),
        liquidity=terms,
        fees=Fees(D(0), (), D(0)),
        figures=None,
        fast_redemption_limit=D(fast_limit) if kind is ProductKind.MONEY_FUND and fast_limit else None,
        name_zh=f"产品{product_id}",
        name_en=f"Product {product_id}",
    )


def model_of(products: list[ScenarioInput], returns: np.ndarray, *, seed: int = 0, **options) -> PlatformModel:
    market = np.random.default_rng(seed).standard_normal(returns.shape[0])
    scenarios = ScenarioSet(tuple(products), np.ascontiguousarray(returns, dtype=float), market, seed)
    return PlatformModel(PlatformData.build(f"test-{seed}", scenarios), **options)


def simple_returns(products: list[ScenarioInput], *, scenarios: int = 1000, seed: int = 0) -> np.ndarray:
    """Plausible one-year returns by kind and level: money funds about 2% with no loss,
    funds riskier with the level (one market factor), loans paying a coupon with rare
    default years that come with bad markets."""
    rng = np.random.default_rng(seed)
    market = rng.standard_normal(scenarios)
    columns = []
    for p in products:
        rank = p.risk_level.rank
        if p.kind is ProductKind.MONEY_FUND:
            columns.append(0.02 + 0.002 * rng.standard_normal(scenarios))
        elif p.kind is ProductKind.EQUITY_FUND:
            vol = 0.03 * rank
            columns.append(0.01 + 0.012 * rank + vol * (0.8 * market + 0.6 * rng.standard_normal(scenarios)))
        else:
            bad = market < np.quantile(market, 0.03 * rank)
            columns.append(np.where(bad, -0.05 * rank, 0.03 + 0.01 * rank) + 0.002 * rng.standard_normal(scenarios))
    return np.column_stack(columns)


def synthetic_model(n: int, seed: int, *, scenarios: int = 1000, **options) -> PlatformModel:
    """A synthetic catalogue through the real scenario models (``advisor.synthetic``)."""
    data = PlatformData.build(
        f"synthetic-{n}-{seed}", generate(synthetic.catalogue(n, seed, today=TODAY), count=scenarios)
    )
    return PlatformModel(data, **options)


def profile(
    category: str = "C3",
    *,
    horizon: int = 36,
    need: str = "0",
    qualified: bool = False,
    lowest: bool = False,
    elderly: bool = False,
    status: ProfileStatus = ProfileStatus.CURRENT,
    user_id: int = 1,
) -> RiskProfile:
    if status is ProfileStatus.MISSING:
        return RiskProfile(user_id=user_id, status=status)
    return RiskProfile(
        user_id=user_id,
        status=status,
        assessment_id=user_id,
        risk_category=RiskCategory(category),
        lowest_category=lowest,
        flags=frozenset({RiskFlag.ELDERLY}) if elderly else frozenset(),
        qualified_investor=qualified,
        horizon_months=horizon,
        liquidity_need=D(need),
        expires_at=None,
    )


def days_after(days: int) -> date:
    return TODAY + timedelta(days=days)
