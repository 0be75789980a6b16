"""A recommendation request, checked and completed from the user's risk profile, and which
products it may use.

The horizon and the liquidity need default to the user's assessment; the request may
override them for one recommendation. A product may be recommended only when:

- ``questionnaire.suitability.check`` says ALLOWED (never above the category, never above R1
  without a valid assessment or for a lowest-category user, qualified-investor products
  only for qualified investors, R4/R5 never for users 65 and over, who need a warning);
- its money is back within the horizon (a product locked beyond it is excluded);
- its minimum fits its largest possible share of the amount;
- it is in the platform's currency.

Money funds may take the whole amount; any other product at most ``PRODUCT_SHARE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

import numpy as np

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.limits import PRODUCT_SHARE, CategoryLimits, limits_for
from core.errors import CommonErrorCode, DomainError, t
from core.money import Money
from core.risk import Qualification, RiskLevel
from products.qualified import requirement
from questionnaire.profiles import ProfileStatus, RiskProfile
from questionnaire.suitability import Decision, check

MAX_AMOUNT = Decimal("100000000")  # ¥100 million: above it the request is refused as absurd
MAX_HORIZON_MONTHS = 600  # 50 years
DAYS_PER_MONTH = 365.25 / 12


class Exclusion(StrEnum):
    """Why a product is left out of a user's recommendations."""

    UNSUITABLE = "UNSUITABLE"
    LOCKED_BEYOND_HORIZON = "LOCKED_BEYOND_HORIZON"
    MINIMUM_ABOVE_SHARE = "MINIMUM_ABOVE_SHARE"
    OTHER_CURRENCY = "OTHER_CURRENCY"


@dataclass(frozen=True)
class AdviceRequest:
    """What the user asked (``None``: use the assessment's value)."""

    amount: Decimal
    horizon_months: int | None = None
    liquidity_need: Decimal | None = None
    goal_amount: Decimal | None = None


@dataclass(frozen=True)
class Terms:
    """The request completed from the profile: what the recommendation is computed for."""

    amount: Money
    horizon_months: int
    liquidity_need: Money
    goal_amount: Money | None
    profile: RiskProfile
    limits: CategoryLimits

    @property
    def floor_fraction(self) -> float:
        return float(self.liquidity_need.amount / self.amount.amount)

    def inputs(self, request: AdviceRequest) -> dict:
        """The stored inputs: what was asked and what was used."""

        def text(value):
            return None if value is None else format(value, "f")

        return {
            "requested": {
                "amount": text(request.amount),
                "horizonMonths": request.horizon_months,
                "liquidityNeed": text(request.liquidity_need),
                "goalAmount": text(request.goal_amount),
            },
            "used": {
                "amount": self.amount.text(),
                "horizonMonths": self.horizon_months,
                "liquidityNeed": self.liquidity_need.text(),
                "goalAmount": None if self.goal_amount is None else self.goal_amount.text(),
                "currency": self.amount.currency,
            },
            "profile": {
                "assessmentId": self.profile.assessment_id,
                "status": self.profile.status.value,
                "riskCategory": self.profile.risk_category.value,
                "lowestCategory": self.profile.lowest_category,
                "qualifiedInvestor": self.profile.qualified_investor,
                "flags": sorted(flag.value for flag in self.profile.flags),
            },
        }


def resolve(request: AdviceRequest, profile: RiskProfile, *, currency: str) -> Terms:
    """Check the request and complete it from the profile; raises ``DomainError`` naming the
    input at fault."""
    if not profile.is_valid or profile.risk_category is None:
        expired = profile.status is ProfileStatus.EXPIRED
        raise AdviceError(
            AdvisorErrorCode.ASSESSMENT_REQUIRED,
            (
                t(
                    "Your risk assessment has expired: complete the risk questionnaire again to get a recommendation.",
                    "您的风险评估已过期，请重新完成风险评估问卷后获取推荐。",
                )
                if expired
                else t(
                    "Complete the risk questionnaire first to get a recommendation.",
                    "请先完成风险评估问卷，再获取推荐。",
                )
            ),
            constraint="assessment",
        )
    amount = _money(request.amount, currency, "amount")
    if amount.amount <= 0:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT, t("Give an amount above zero.", "请输入大于零的金额。"), "amount"
        )
    if amount.amount > MAX_AMOUNT:
        raise AdviceError(
            AdvisorErrorCode.AMOUNT_TOO_LARGE,
            t(
                f"Recommendations are for amounts up to {Money(MAX_AMOUNT, currency).display(decimals=False)}.",
                f"推荐仅适用于不超过 {Money(MAX_AMOUNT, currency).display(decimals=False)} 的金额。",
            ),
            "amount",
        )
    horizon = request.horizon_months if request.horizon_months is not None else profile.horizon_months
    if horizon is None or horizon <= 0 or horizon > MAX_HORIZON_MONTHS:
        raise AdviceError(
            AdvisorErrorCode.INVALID_HORIZON,
            t(f"Give a horizon of 1 to {MAX_HORIZON_MONTHS} months.", f"投资期限须为 1 到 {MAX_HORIZON_MONTHS} 个月。"),
            "horizonMonths" if request.horizon_months is not None else None,
        )
    need = request.liquidity_need if request.liquidity_need is not None else (profile.liquidity_need or Decimal(0))
    need_money = _money(need, currency, "liquidityNeed")
    if need_money.amount < 0:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT,
            t("The liquidity need cannot be negative.", "流动性需求不能为负数。"),
            "liquidityNeed",
        )
    goal = None
    if request.goal_amount is not None:
        goal = _money(request.goal_amount, currency, "goalAmount")
        if goal.amount <= 0:
            raise DomainError(
                CommonErrorCode.INVALID_AMOUNT,
                t("Give a goal amount above zero.", "请输入大于零的目标金额。"),
                "goalAmount",
            )
        if goal.amount > MAX_AMOUNT * 1000:
            raise AdviceError(
                AdvisorErrorCode.AMOUNT_TOO_LARGE, t("The goal amount is too large.", "目标金额过大。"), "goalAmount"
            )
    return Terms(amount, int(horizon), need_money, goal, profile, limits_for(profile.risk_category))


def _money(value: Decimal, currency: str, field: str) -> Money:
    try:
        money = Money(Decimal(value), currency)
        money.to_minor()
    except Exception:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT,
            t("Give an amount with at most 2 decimals.", "金额最多保留 2 位小数。"),
            field,
        ) from None
    return money


@dataclass(frozen=True, eq=False)
class Eligibility:
    upper: np.ndarray  # per product: its largest share (0: excluded)
    excluded: dict[int, Exclusion]  # column -> why

    @property
    def eligible(self) -> np.ndarray:
        return self.upper > 0


def product_caps(money: np.ndarray) -> np.ndarray:
    """The largest share of each product: a money fund may take everything."""
    return np.where(money, 1.0, PRODUCT_SHARE)


def eligibility(
    *, products, money: np.ndarray, available_after_days: np.ndarray, terms: Terms, locale: str
) -> Eligibility:
    """Which of ``products`` (the scenario set's, in column order) the user may be
    recommended; ``available_after_days`` says when each one's money is back if asked today."""
    caps = product_caps(money)
    horizon_days = terms.horizon_months * DAYS_PER_MONTH
    amount = terms.amount.amount
    decision: Callable[[RiskLevel, Qualification], Decision] = _suitability(terms.profile, locale)
    upper = np.zeros(len(products))
    excluded: dict[int, Exclusion] = {}
    for j, product in enumerate(products):
        if product.currency != terms.amount.currency:
            excluded[j] = Exclusion.OTHER_CURRENCY
        elif decision(product.risk_level, requirement(product.kind, product.qualified_only)) is not Decision.ALLOWED:
            excluded[j] = Exclusion.UNSUITABLE
        elif available_after_days[j] > horizon_days:
            excluded[j] = Exclusion.LOCKED_BEYOND_HORIZON
        elif product.minimum_amount > amount * Decimal(repr(float(caps[j]))):
            excluded[j] = Exclusion.MINIMUM_ABOVE_SHARE
        else:
            upper[j] = caps[j]
    return Eligibility(upper, excluded)


def _suitability(profile: RiskProfile, locale: str) -> Callable[[RiskLevel, Qualification], Decision]:
    """``questionnaire.suitability.check`` for each distinct (level, qualification) pair."""
    decisions: dict[tuple[RiskLevel, Qualification], Decision] = {}

    def decide(level: RiskLevel, qualified_only: Qualification) -> Decision:
        key = (level, qualified_only)
        if key not in decisions:
            decisions[key] = check(
                profile=profile, product_risk_level=level, qualified_investors_only=qualified_only, locale=locale
            ).decision
        return decisions[key]

    return decide
