"""The two CSRC suitability scales: investor risk categories C1..C5 and product risk levels
R1..R5. Shared by the questionnaire, the catalogue and the advisor."""

from __future__ import annotations

from enum import StrEnum


class RiskCategory(StrEnum):
    C1 = "C1"  # conservative
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"  # aggressive

    @property
    def rank(self) -> int:
        return int(self.value[1])

    @classmethod
    def from_rank(cls, rank: int) -> RiskCategory:
        return cls(f"C{min(max(rank, 1), 5)}")


class RiskLevel(StrEnum):
    R1 = "R1"  # lowest risk
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"  # highest risk

    @property
    def rank(self) -> int:
        return int(self.value[1])

    @classmethod
    def from_rank(cls, rank: int) -> RiskLevel:
        return cls(f"R{min(max(rank, 1), 5)}")


class Qualification(StrEnum):
    """Which qualified-investor test a product's buyers must pass (``products.qualified.requirement``; the tests themselves: ``core.qualified``)."""

    NONE = "NONE"
    ASSET_MANAGEMENT = "ASSET_MANAGEMENT"  # 资管新规 2018 Art. 5: qualified-only asset-management products
    PRIVATE_FUND = "PRIVATE_FUND"  # the private-fund test: ABS units (private placements)
