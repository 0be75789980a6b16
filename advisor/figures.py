"""Plain figures of a portfolio, computed from its one-year scenario returns (the joint
scenarios weighted by the allocation), the liquidity of its products, and, for a goal,
horizon scenarios.

- expected annual return: the mean scenario return;
- typical range: the 10th to the 90th percentile;
- bad-year loss: the loss exceeded 1 year in 20 (minus the 5th percentile, 0 when even that
  year gains), as a fraction and in money for the amount;
- probability of loss: the share of scenarios that lose;
- tail loss: the average loss of the worst 1 year in 20 (CVaR at 95%, what the category
  limits);
- same day available: the money-fund part that can be redeemed at once (T+0), at most each
  fund's fast-redemption limit;
- earliest full withdrawal: the day every product's money can be back if asked today (a
  money fund beyond its fast limit redeems normally, the next trading day);
- goal probability: the chance that the amount grows to the goal over the horizon.
  Horizon scenarios compound one-year portfolio returns drawn independently from the
  one-year scenarios (``HORIZON_PATHS`` seeded paths; a part year counts pro rata in log
  terms): years are taken as independent and the portfolio as rebalanced once a year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from advisor.limits import CVAR_LEVEL
from advisor.risk_models import portfolio_cvar
from core.calendar import TradingCalendar
from core.money import Money
from products.figures import scenario_statistics
from products.kinds import LiquidityKind, ProductKind
from products.liquidity import liquidity_of
from products.scenarios import ScenarioInput

BAD_YEAR = 0.05
TYPICAL = (0.10, 0.90)
HORIZON_PATHS = 4_000
HORIZON_SEED = 20_261_127


@dataclass(frozen=True)
class ScenarioFigures:
    expected_annual_return: float
    typical_low: float
    typical_high: float
    bad_year_loss: float
    probability_of_loss: float
    tail_loss: float
    one_in_100_loss: float = 0.0


def bad_year_loss(portfolio: np.ndarray) -> float:
    """The one-year loss exceeded 1 year in 20 (a fraction; 0 when that year still gains)."""
    return max(0.0, -float(np.quantile(portfolio, BAD_YEAR, method="inverted_cdf")))


def scenario_figures(portfolio: np.ndarray) -> ScenarioFigures:
    """The plan's figures: the same statistics a product page shows
    (``products.figures.scenario_statistics``), and the tail the category limits (CVaR)."""
    stats = scenario_statistics(portfolio)
    return ScenarioFigures(
        expected_annual_return=stats.expected_annual_return,
        typical_low=stats.typical_low,
        typical_high=stats.typical_high,
        bad_year_loss=stats.bad_year_loss,
        probability_of_loss=stats.probability_of_loss,
        tail_loss=portfolio_cvar(portfolio[:, None], np.ones(1), CVAR_LEVEL),
        one_in_100_loss=stats.one_in_100_loss,
    )


def goal_probability(
    portfolio: np.ndarray,
    *,
    horizon_months: int,
    amount: Money,
    goal: Money,
    seed: int = HORIZON_SEED,
    paths: int = HORIZON_PATHS,
) -> float:
    years = horizon_months / 12.0
    whole = math.ceil(years)
    rng = np.random.default_rng(seed)
    draws = np.log1p(np.maximum(portfolio[rng.integers(len(portfolio), size=(paths, whole))], -1.0 + 1e-12))
    draws[:, -1] *= years - (whole - 1)
    growth = np.exp(draws.sum(axis=1))
    needed = float(goal.amount / amount.amount)
    return float(np.mean(growth >= needed))


@dataclass(frozen=True)
class LiquidityFigures:
    same_day_available: Money
    earliest_full_withdrawal: date
    estimated: bool = False  # the withdrawal day rests on weekdays beyond the known trading calendar


def liquidity_figures(
    holdings: list[tuple[ScenarioInput, Money]], *, today: date, calendar: TradingCalendar, currency: str
) -> LiquidityFigures:
    same_day = Money.zero(currency)
    latest = 0
    estimated = False
    for product, amount in holdings:
        terms = product.liquidity
        found = liquidity_of(
            kind=terms.kind,
            lock_days=terms.lock_days,
            maturity_date=terms.maturity_date,
            settlement_days=terms.settlement_days,
            today=today,
            calendar=calendar,
        )
        if product.kind is ProductKind.MONEY_FUND and terms.kind is LiquidityKind.SAME_DAY:
            limit = product.fast_redemption_limit
            fast = amount if limit is None else min(amount, Money(limit, amount.currency))
            same_day = same_day + fast
            if fast < amount:  # the rest is redeemed normally
                found = liquidity_of(
                    kind=LiquidityKind.NEXT_DAY,
                    lock_days=None,
                    maturity_date=None,
                    settlement_days=terms.settlement_days,
                    today=today,
                    calendar=calendar,
                )
        if found.available_after_days >= latest:
            estimated = found.estimated if found.available_after_days > latest else estimated or found.estimated
            latest = found.available_after_days
    return LiquidityFigures(same_day, today + timedelta(days=latest), estimated)
