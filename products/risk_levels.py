"""Which risk levels a product may have, and the level its figures suggest.

Rules: money funds are R1; R1 is refused for equity funds, ABS units and P2P products.

Suggested level: the EU PRIIPs summary risk indicator sorts products into seven classes by
VaR-equivalent volatility (<0.5%, 0.5-5%, 5-12%, 12-20%, 20-30%, 30-80%, >=80%). We map the
classes to R1..R5 as class 1 -> R1, 2 -> R2, 3 -> R3, 4 -> R4 and 5-7 -> R5, and never
suggest R1 for a kind that may not have it (R2 at least). A product manager sees a warning
when the level set differs from the suggestion.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from core.errors import DomainError, t
from core.risk import RiskLevel
from products.errors import ProductsErrorCode
from products.kinds import ProductKind

PRIIPS_BOUNDS = (0.005, 0.05, 0.12, 0.20, 0.30, 0.80)
CLASS_LEVELS = {
    1: RiskLevel.R1,
    2: RiskLevel.R2,
    3: RiskLevel.R3,
    4: RiskLevel.R4,
    5: RiskLevel.R5,
    6: RiskLevel.R5,
    7: RiskLevel.R5,
}


def priips_class(var_equivalent_volatility: float) -> int:
    """PRIIPs market-risk class 1..7."""
    return bisect_right(PRIIPS_BOUNDS, var_equivalent_volatility) + 1


def suggested_level(kind: ProductKind, var_equivalent_volatility: float) -> RiskLevel:
    if kind is ProductKind.MONEY_FUND:
        return RiskLevel.R1
    level = CLASS_LEVELS[priips_class(var_equivalent_volatility)]
    return max(level, RiskLevel.R2, key=lambda lv: lv.rank)


def check_allowed(kind: ProductKind, level: RiskLevel, *, field: str = "riskLevel") -> None:
    if kind is ProductKind.MONEY_FUND and level is not RiskLevel.R1:
        raise DomainError(
            ProductsErrorCode.INVALID_RISK_LEVEL, t("Money funds are R1.", "货币基金的风险等级为 R1。"), field
        )
    if kind is not ProductKind.MONEY_FUND and level is RiskLevel.R1:
        raise DomainError(
            ProductsErrorCode.INVALID_RISK_LEVEL,
            t(
                "R1 is for money funds only; equity funds, ABS units and P2P products are R2 or higher.",
                "R1 仅适用于货币基金；权益基金、ABS 份额和 P2P 产品为 R2 或以上。",
            ),
            field,
        )


@dataclass(frozen=True, slots=True)
class RiskLevelWarning:
    level: RiskLevel
    suggested: RiskLevel

    @property
    def message(self) -> str:
        direction = "higher" if self.suggested.rank > self.level.rank else "lower"
        return (
            f"The figures suggest {self.suggested.value}, {direction} than the {self.level.value} set: "
            "check the level (PRIIPs volatility classes)."
        )


def warning_for(level: RiskLevel, suggested: RiskLevel | None) -> RiskLevelWarning | None:
    if suggested is None or suggested is level:
        return None
    return RiskLevelWarning(level=level, suggested=suggested)
