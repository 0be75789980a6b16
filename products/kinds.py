"""The vocabulary of the catalogue: product kinds, lifecycle statuses, liquidity kinds,
repayment methods and loss cover, plus the defaults each kind brings.

Lifecycle (only product managers change it; every change is audited)::

    DRAFT --request--> PENDING_APPROVAL --approve (another manager)--> ON_SALE
    ON_SALE -> SUSPENDED --request--> PENDING_APPROVAL --approve--> ON_SALE
    DRAFT / SUSPENDED -> CLOSED (final)

Going on sale always takes a second product manager (four eyes); a pending request can be
withdrawn by asking for the status it came from. Suspending and closing take one manager.
A product on sale is suspended before it is closed.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class ProductKind(StrEnum):
    MONEY_FUND = "MONEY_FUND"
    EQUITY_FUND = "EQUITY_FUND"
    ABS_UNIT = "ABS_UNIT"
    P2P_LOAN = "P2P_LOAN"

    @property
    def is_loan(self) -> bool:
        return self in (ProductKind.ABS_UNIT, ProductKind.P2P_LOAN)


class ProductStatus(StrEnum):
    DRAFT = "DRAFT"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    ON_SALE = "ON_SALE"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"


class LiquidityKind(StrEnum):
    SAME_DAY = "SAME_DAY"  # redeemable today (T+0)
    NEXT_DAY = "NEXT_DAY"  # redemption confirmed the next trading day
    LOCKED = "LOCKED"  # locked for N days or until maturity


class RepaymentMethod(StrEnum):
    BULLET = "BULLET"  # interest and principal at maturity
    EQUAL_INSTALMENTS = "EQUAL_INSTALMENTS"  # principal repaid in equal monthly instalments


class LossCover(StrEnum):
    NONE = "NONE"
    GUARANTOR = "GUARANTOR"  # a third party pays a share of every loss
    RISK_RESERVE = "RISK_RESERVE"  # a reserve (a share of principal) absorbs the first losses


# Direct status changes one product manager may make; ON_SALE is always requested.
DIRECT_CHANGES: dict[ProductStatus, frozenset[ProductStatus]] = {
    ProductStatus.DRAFT: frozenset({ProductStatus.CLOSED}),
    ProductStatus.ON_SALE: frozenset({ProductStatus.SUSPENDED}),
    ProductStatus.SUSPENDED: frozenset({ProductStatus.CLOSED}),
    ProductStatus.PENDING_APPROVAL: frozenset(),
    ProductStatus.CLOSED: frozenset(),
}
# Statuses from which going on sale may be requested (it then waits for a second manager).
ON_SALE_REQUESTABLE = frozenset({ProductStatus.DRAFT, ProductStatus.SUSPENDED})

# Customers may open these (a holder must still see a suspended or closed product);
# lists show ON_SALE only.
PUBLIC_STATUSES = frozenset({ProductStatus.ON_SALE, ProductStatus.SUSPENDED, ProductStatus.CLOSED})

# Defaults by kind.
DEFAULT_SETTLEMENT_DAYS = {  # trading days between confirmation and cash
    ProductKind.MONEY_FUND: 0,
    ProductKind.EQUITY_FUND: 3,
    ProductKind.ABS_UNIT: 0,
    ProductKind.P2P_LOAN: 0,
}
MAX_EQUITY_SETTLEMENT_DAYS = 7
# Equity funds must charge at least this on units held fewer than 7 days (CSRC rule).
SHORT_HOLDING_DAYS = 7
MIN_SHORT_HOLDING_REDEMPTION_RATE = Decimal("0.015")
DEFAULT_ASSET_CORRELATION = {ProductKind.ABS_UNIT: Decimal("0.15"), ProductKind.P2P_LOAN: Decimal("0.10")}
DEFAULT_LOAN_COUNT = {ProductKind.ABS_UNIT: 10000, ProductKind.P2P_LOAN: 50}
MONEY_FUND_NAV = Decimal("1.0000")
