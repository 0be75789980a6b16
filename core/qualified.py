"""Qualified investors (合格投资者): every regulatory figure, in this one module, with its source.
Both sides read them from here: the questionnaire (who passes which test) and the catalogue and
orders (what a product for qualified investors needs). They live in ``core`` because
``products`` and ``questionnaire`` are independent siblings (neither imports the other).

Who is qualified (natural persons):

- **The asset-management test** (资管新规, 关于规范金融机构资产管理业务的指导意见, 2018,
  Art. 5): at least ``MIN_EXPERIENCE_YEARS`` (2) years of investment experience, and one of
  household financial net assets (financial assets less debts) of at least
  ``MIN_FINANCIAL_NET_ASSETS`` (¥3,000,000), household financial assets of at least
  ``MIN_FINANCIAL_ASSETS`` (¥5,000,000), or an average yearly income of at least
  ``MIN_AVERAGE_INCOME_3Y`` (¥400,000) over the last 3 years.
- **The private-fund test** (私募投资基金监督管理暂行办法, 2014, Art. 12), for private
  placements such as ABS units: financial assets of at least
  ``PRIVATE_FUND_MIN_FINANCIAL_ASSETS`` (¥3,000,000), or an average yearly income of at least
  ``PRIVATE_FUND_MIN_AVERAGE_INCOME_3Y`` (¥500,000) over the last 3 years.

What a product for qualified investors needs:

- **ABS units** (private placements of asset-backed securities): at least
  ``ABS_MIN_SUBSCRIPTION`` (¥1,000,000) per subscription (私募投资基金监督管理暂行办法 Art. 12)
  and at most ``ABS_MAX_HOLDERS`` (200) holders per product (证监会, 证券公司及基金管理公司子公司
  资产证券化业务管理规定, 2014, Art. 29).
- **Other products for qualified investors only** (资管新规 Art. 5): a holding of at least
  ``HOLDING_FLOORS`` of the product's asset class: ¥300,000 fixed income, ¥400,000 mixed,
  ¥1,000,000 equity (and securitisation). A purchase must reach it, and a partial redemption
  may not leave less (redeeming everything is always allowed).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

# --- who is qualified -------------------------------------------------------------------------

MIN_EXPERIENCE_YEARS = 2
MIN_FINANCIAL_NET_ASSETS = Decimal("3000000")
MIN_FINANCIAL_ASSETS = Decimal("5000000")
MIN_AVERAGE_INCOME_3Y = Decimal("400000")
PRIVATE_FUND_MIN_FINANCIAL_ASSETS = Decimal("3000000")
PRIVATE_FUND_MIN_AVERAGE_INCOME_3Y = Decimal("500000")


def passes_private_fund_test(*, financial_assets: Decimal, average_income_3y: Decimal) -> bool:
    return (
        financial_assets >= PRIVATE_FUND_MIN_FINANCIAL_ASSETS or average_income_3y >= PRIVATE_FUND_MIN_AVERAGE_INCOME_3Y
    )


def is_qualified_investor(
    *, experience_years: int, financial_assets: Decimal, debts: Decimal, average_income_3y: Decimal
) -> bool:
    """The asset-management test (资管新规 Art. 5)."""
    if experience_years < MIN_EXPERIENCE_YEARS:
        return False
    return (
        financial_assets - debts >= MIN_FINANCIAL_NET_ASSETS
        or financial_assets >= MIN_FINANCIAL_ASSETS
        or average_income_3y >= MIN_AVERAGE_INCOME_3Y
    )


# --- what their products need -----------------------------------------------------------------


class AssetClass(StrEnum):
    """A product's asset class, set by its product manager; it decides the holding floor."""

    FIXED_INCOME = "FIXED_INCOME"
    MIXED = "MIXED"
    EQUITY = "EQUITY"
    SECURITISATION = "SECURITISATION"


ABS_MIN_SUBSCRIPTION = Decimal("1000000")
ABS_MAX_HOLDERS = 200
HOLDING_FLOORS = {
    AssetClass.FIXED_INCOME: Decimal("300000"),
    AssetClass.MIXED: Decimal("400000"),
    AssetClass.EQUITY: Decimal("1000000"),
    AssetClass.SECURITISATION: Decimal("1000000"),
}


def holding_floor(asset_class: AssetClass | str) -> Decimal:
    return HOLDING_FLOORS[AssetClass(asset_class)]
