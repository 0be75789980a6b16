"""Products for qualified investors: the regulatory floors, in one place, with their sources.

- **ABS units** (private placements of asset-backed securities): at least ``ABS_MIN_SUBSCRIPTION``
  (¥1,000,000) per subscription and at most ``ABS_MAX_HOLDERS`` (200) holders per product,
  sold only to investors who pass the private-fund test (financial assets of at least ¥3m, or
  an average yearly income of at least ¥500k over the last 3 years). Source: CSRC, 证券公司及
  基金管理公司子公司资产证券化业务管理规定 (2014), Art. 29 (qualified investors, at most 200),
  and 私募投资基金监督管理暂行办法 (2014), Art. 12 (the test and the ¥1,000,000 subscription).
- **Other products for qualified investors only** (资管新规, 关于规范金融机构资产管理业务的
  指导意见, 2018, Art. 5): a holding of at least ``HOLDING_FLOORS`` of the product's asset class
  after the order: ¥300,000 fixed income, ¥400,000 mixed, ¥1,000,000 equity.

A product's asset class is set by the product manager (the kind does not decide it: a short
bond fund is an ``EQUITY_FUND`` kind but ``FIXED_INCOME``); ``DEFAULT_ASSET_CLASS`` only
suggests one. A product manager cannot set an ABS unit's minimum below the floor, nor open it
to everyone.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from core.risk import Qualification
from products.kinds import ProductKind


class AssetClass(StrEnum):
    FIXED_INCOME = "FIXED_INCOME"
    MIXED = "MIXED"
    EQUITY = "EQUITY"
    SECURITISATION = "SECURITISATION"


DEFAULT_ASSET_CLASS = {
    ProductKind.MONEY_FUND: AssetClass.FIXED_INCOME,
    ProductKind.EQUITY_FUND: AssetClass.EQUITY,
    ProductKind.ABS_UNIT: AssetClass.SECURITISATION,
    ProductKind.P2P_LOAN: AssetClass.FIXED_INCOME,
}
ABS_MIN_SUBSCRIPTION = Decimal("1000000")
ABS_MAX_HOLDERS = 200
HOLDING_FLOORS = {
    AssetClass.FIXED_INCOME: Decimal("300000"),
    AssetClass.MIXED: Decimal("400000"),
    AssetClass.EQUITY: Decimal("1000000"),
    AssetClass.SECURITISATION: Decimal("1000000"),
}


def requirement(kind: ProductKind | str, qualified_only: bool) -> Qualification:
    """The test a product's buyers must pass."""
    if ProductKind(kind) is ProductKind.ABS_UNIT:
        return Qualification.PRIVATE_FUND
    return Qualification.ASSET_MANAGEMENT if qualified_only else Qualification.NONE


def holding_floor(asset_class: AssetClass | str) -> Decimal:
    return HOLDING_FLOORS[AssetClass(asset_class)]
