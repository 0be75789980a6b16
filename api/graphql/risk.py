"""The suitability scales as GraphQL enums, shared by every domain module."""

from __future__ import annotations

import strawberry

from core.risk import RiskCategory as RiskCategoryEnum
from core.risk import RiskLevel as RiskLevelEnum

RiskLevel = strawberry.enum(RiskLevelEnum, name="RiskLevel", description="Product risk level, R1 (lowest) to R5.")
RiskCategory = strawberry.enum(
    RiskCategoryEnum, name="RiskCategory", description="Investor risk category, C1 (conservative) to C5 (aggressive)."
)
