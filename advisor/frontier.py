"""The efficient frontier for a user's category, for a chart: portfolios of the products open
to the user (suitability, qualified-investor products, the assessment's horizon, the
category's illiquid and P2P shares, 30% per product), from the least tail loss to the
highest expected return, each the best expected return for its tail loss. Each point gives
the expected annual return and the bad-year loss (1 in 20); points beyond the category's
tail-loss ceiling are marked, and the limit itself is given as the portfolio at the ceiling.
Minimum amounts and the liquidity floor depend on the amount and are left out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from advisor.advice import fraction
from advisor.eligibility import MAX_AMOUNT, AdviceRequest, eligibility, resolve
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.figures import bad_year_loss
from advisor.limits import CategoryLimits
from advisor.platform import Bounds, Optimum, PlatformModel
from core.calendar import TradingCalendar
from core.errors import t
from core.risk import RiskCategory
from questionnaire.profiles import RiskProfile

MIN_POINTS, MAX_POINTS = 2, 50
_TIE_BREAK = 1e-4  # risk aversion: among equal returns, the smaller tail
_LIMIT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class FrontierPoint:
    expected_annual_return: Decimal
    bad_year_loss: Decimal
    tail_loss: Decimal
    within_category_limit: bool


@dataclass(frozen=True)
class Frontier:
    risk_category: RiskCategory
    catalogue_version: str
    points: list[FrontierPoint]
    limit: FrontierPoint  # the best portfolio at the category's ceiling
    tail_loss_limit: Decimal


def efficient_frontier(
    *,
    model: PlatformModel,
    profile: RiskProfile,
    points: int,
    today: date,
    calendar: TradingCalendar,
    locale: str,
    currency: str,
) -> Frontier:
    if not MIN_POINTS <= points <= MAX_POINTS:
        raise AdviceError(
            AdvisorErrorCode.INVALID_FRONTIER_POINTS,
            t(f"Ask for {MIN_POINTS} to {MAX_POINTS} points.", f"请选择 {MIN_POINTS} 到 {MAX_POINTS} 个点。"),
            "points",
        )
    terms = resolve(AdviceRequest(amount=MAX_AMOUNT, liquidity_need=Decimal(0)), profile, currency=currency)
    limits = terms.limits
    data = model.data
    upper = eligibility(
        products=data.scenarios.products,
        money=data.money,
        available_after_days=model.available_after_days(today, calendar),
        terms=terms,
        locale=locale,
    ).upper
    if not (upper > 0).any():
        raise AdviceError(
            AdvisorErrorCode.NO_ELIGIBLE_PRODUCT,
            t("No product on sale suits your category.", "目前没有适合您风险类别的在售产品。"),
            constraint="suitability",
        )
    if upper.sum() < 1.0:
        upper = np.where(upper > 0, 1.0, 0.0)

    def best(tail_cap: float, *, least_tail: bool = False) -> Optimum:
        optimum = model.optimise(
            Bounds(
                upper=upper,
                floor=0.0,
                illiquid_cap=limits.illiquid_share,
                p2p_cap=limits.p2p_share,
                tail_cap=tail_cap,
                risk_aversion=1.0 if least_tail else _TIE_BREAK,
                return_weight=1e-6 if least_tail else 1.0,
            ),
            affinity=limits.category,
        )
        if not optimum.feasible:
            raise AdviceError(
                AdvisorErrorCode.KIND_LIMITS_INFEASIBLE,
                t(
                    "The products open to you cannot be combined within your category's limits.",
                    "您可选的产品无法在您所属类别的限额内组合配置。",
                ),
                constraint="illiquidShare",
            )
        return optimum

    lowest = best(10.0, least_tail=True)
    highest = best(10.0)
    caps = np.linspace(lowest.cvar, max(highest.cvar, lowest.cvar), points)
    found = [lowest] + [best(float(cap)) for cap in caps[1:-1]] + [highest]
    at_limit = best(max(limits.tail_loss, lowest.cvar))
    return Frontier(
        risk_category=limits.category,
        catalogue_version=model.version,
        points=[_point(model, optimum, limits) for optimum in found],
        limit=_point(model, at_limit, limits),
        tail_loss_limit=fraction(limits.tail_loss),
    )


def _point(model: PlatformModel, optimum: Optimum, limits: CategoryLimits) -> FrontierPoint:
    held = optimum.weights > 0
    portfolio = model.data.returns[:, held] @ optimum.weights[held]
    return FrontierPoint(
        expected_annual_return=fraction(optimum.expected_return),
        bad_year_loss=fraction(bad_year_loss(portfolio)),
        tail_loss=fraction(optimum.cvar),
        within_category_limit=optimum.cvar <= limits.tail_loss + _LIMIT_TOLERANCE,
    )
