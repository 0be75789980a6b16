"""The qualified-investor tests for natural persons.

- Asset-management products (合格投资者, 资管新规 2018 Art. 5): at least 2 years of investment
  experience, and one of household financial net assets of at least 3,000,000 CNY, household
  financial assets of at least 5,000,000 CNY, or an average annual income of at least 400,000
  CNY over the last 3 years. Household financial net assets are the financial assets less
  debts.
- Private funds and private placements such as ABS units (私募投资基金监督管理暂行办法 2014
  Art. 12): financial assets of at least 3,000,000 CNY, or an average annual income of at
  least 500,000 CNY over the last 3 years.
"""

from __future__ import annotations

from decimal import Decimal

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
    if experience_years < MIN_EXPERIENCE_YEARS:
        return False
    return (
        financial_assets - debts >= MIN_FINANCIAL_NET_ASSETS
        or financial_assets >= MIN_FINANCIAL_ASSETS
        or average_income_3y >= MIN_AVERAGE_INCOME_3Y
    )
