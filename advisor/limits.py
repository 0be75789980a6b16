"""The platform's limits per investor category (our choice, documented here and stored with
every recommendation).

- ``tail_loss``: a ceiling on the average loss of the worst 1 year in 20 (CVaR at 95% of the
  one-year return, a fraction of the amount).
- ``illiquid_share``: at most this share in products whose money is locked (ABS units, P2P
  products without early exit, lock-ups).
- ``p2p_share``: at most this share in P2P products (simulated marketplace lending).
- ``risk_aversion``: the optimizer maximises ``expected return - risk_aversion x CVaR``
  within the limits; a small value gives the highest return the ceiling allows, with the
  least tail loss among equally good portfolios.
- ``PRODUCT_SHARE``: no product other than a money fund takes more than 30% (diversification).

C1 may be recommended R1 only (money funds), so its other limits never bind.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.risk import RiskCategory

PRODUCT_SHARE = 0.30
CVAR_LEVEL = 0.95


@dataclass(frozen=True)
class CategoryLimits:
    category: RiskCategory
    tail_loss: float
    illiquid_share: float
    p2p_share: float
    risk_aversion: float = 0.05

    def as_dict(self) -> dict:
        return {
            "category": self.category.value,
            "tailLoss": self.tail_loss,
            "illiquidShare": self.illiquid_share,
            "p2pShare": self.p2p_share,
            "riskAversion": self.risk_aversion,
            "productShare": PRODUCT_SHARE,
            "cvarLevel": CVAR_LEVEL,
        }


LIMITS: dict[RiskCategory, CategoryLimits] = {
    RiskCategory.C1: CategoryLimits(RiskCategory.C1, tail_loss=0.01, illiquid_share=0.0, p2p_share=0.0),
    RiskCategory.C2: CategoryLimits(RiskCategory.C2, tail_loss=0.03, illiquid_share=0.20, p2p_share=0.10),
    RiskCategory.C3: CategoryLimits(RiskCategory.C3, tail_loss=0.08, illiquid_share=0.30, p2p_share=0.15),
    RiskCategory.C4: CategoryLimits(RiskCategory.C4, tail_loss=0.15, illiquid_share=0.40, p2p_share=0.20),
    RiskCategory.C5: CategoryLimits(RiskCategory.C5, tail_loss=0.25, illiquid_share=0.50, p2p_share=0.20),
}


def limits_for(category: RiskCategory) -> CategoryLimits:
    return LIMITS[RiskCategory(category)]
