"""The ``fund_orders`` table as both order paths write it (normal orders in ``orders``, fast
redemptions in ``fast_redemption``), the product an order is for, and the lock-up check of a
redemption."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from core.errors import DomainError, t
from core.money import UNITS_PLACES
from db.base import table_of
from investing import lots
from investing.errors import InvestingErrorCode
from investing.models import FundOrder
from ledger.kinds import CNY
from products import service as products
from products.models import Product

# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
ORDERS = table_of(FundOrder)
INSERT_ORDER: ReturningInsert[int] = insert(ORDERS).returning(ORDERS.c.id)


def load_product(session: Session, product_id: int, *, lock: bool = False) -> Product:
    product = products.get_product(session=session, product_id=product_id, lock=lock)
    if product.currency != CNY:
        raise DomainError(
            InvestingErrorCode.WRONG_CURRENCY,
            t(
                f"Orders are paid in {CNY}; this product is in {product.currency}.",
                f"订单以 {CNY} 支付，该产品以 {product.currency} 计价。",
            ),
            "productId",
        )
    return product


def check_unlocked(
    session: Session, *, product: Product, user_id: int, units: int, holding: int, day: date, field: str
) -> None:
    """Refuse with ``REDEMPTION_LOCKED`` (and the unlock date) when ``units`` are not free."""
    lock = lots.lock_of(session, product=product, user_id=user_id, holding=holding, day=day)
    free = holding - lock.locked
    if units > free:
        unlock = lock.unlock_date_for(units - free)
        when = f" until {unlock.isoformat()}" if unlock is not None else ""
        locked_zh = f"锁定至 {unlock.isoformat()}" if unlock is not None else "处于锁定期"
        raise DomainError(
            InvestingErrorCode.REDEMPTION_LOCKED,
            t(
                f"{product.name_en} is locked{when}; {units_text(max(free, 0))} units can be redeemed now.",
                f"{product.name_zh}{locked_zh}，当前可赎回 {units_text(max(free, 0))} 份。",
            ),
            field,
        )


def units_text(units: int) -> str:
    return f"{Decimal(units).scaleb(-UNITS_PLACES):,.2f}"
