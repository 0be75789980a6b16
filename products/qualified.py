"""Products for qualified investors: which test a product's buyers must pass, and the asset
class a kind suggests. The regulatory figures themselves (the ABS subscription minimum and
holder cap, the holding floors by asset class, the investor tests) and their sources are in
``core.qualified``, the one place both the catalogue and the questionnaire read them from.

A product's asset class is set by the product manager (the kind does not decide it: a short
bond fund is an ``EQUITY_FUND`` kind but ``FIXED_INCOME``); ``DEFAULT_ASSET_CLASS`` only
suggests one. A product manager cannot set an ABS unit's minimum below the floor, nor open it
to everyone.
"""

from __future__ import annotations

from core.qualified import AssetClass
from core.risk import Qualification
from products.kinds import ProductKind

__all__ = ["DEFAULT_ASSET_CLASS", "AssetClass", "requirement"]

DEFAULT_ASSET_CLASS = {
    ProductKind.MONEY_FUND: AssetClass.FIXED_INCOME,
    ProductKind.EQUITY_FUND: AssetClass.EQUITY,
    ProductKind.ABS_UNIT: AssetClass.SECURITISATION,
    ProductKind.P2P_LOAN: AssetClass.FIXED_INCOME,
}


def requirement(kind: ProductKind | str, qualified_only: bool) -> Qualification:
    """The test a product's buyers must pass."""
    if ProductKind(kind) is ProductKind.ABS_UNIT:
        return Qualification.PRIVATE_FUND
    return Qualification.ASSET_MANAGEMENT if qualified_only else Qualification.NONE
