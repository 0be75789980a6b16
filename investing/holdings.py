"""Whether a user holds a product (units, or a subscription still pending), registered with
``products.conflicts`` so that a product manager cannot approve a change to a product they
hold. Imported by the package itself, so any use of the wallet registers it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from investing.kinds import OrderStatus
from investing.models import FundOrder
from ledger.accounts import ACCOUNTS
from ledger.kinds import Purpose, fund_asset
from products.conflicts import register_holding_check


def holds_product(session: Session, user_id: int, product_id: int) -> bool:
    units = session.scalar(
        select(ACCOUNTS.c.balance).where(
            ACCOUNTS.c.user_id == user_id,
            ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
            ACCOUNTS.c.asset == fund_asset(product_id),
        )
    )
    if units:
        return True
    pending = session.scalar(
        select(FundOrder.id)
        .where(
            FundOrder.user_id == user_id,
            FundOrder.product_id == product_id,
            FundOrder.status == str(OrderStatus.PENDING),
        )
        .limit(1)
    )
    return pending is not None


register_holding_check(holds_product)
