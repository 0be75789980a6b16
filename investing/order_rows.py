"""The ``fund_orders`` table as both order paths write it (normal orders in ``orders``, fast
redemptions in ``fast_redemption``), the product an order is for, and the lock-up check of a
redemption and the qualified-investor holding floor a partial redemption must leave."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from core import qualified as floors
from core.errors import DomainError, t
from core.money import UNITS_PLACES, shown
from core.risk import Qualification
from db.base import table_of
from investing import lots, pricing
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.models import FundOrder
from ledger.kinds import CNY
from products import qualified
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


# An asset class as the floor messages name it in Chinese (the English: its value in lower case).
ASSET_CLASS_ZH: dict[floors.AssetClass, str] = {
    floors.AssetClass.FIXED_INCOME: "固定收益类",
    floors.AssetClass.MIXED: "混合类",
    floors.AssetClass.EQUITY: "权益类",
    floors.AssetClass.SECURITISATION: "资产证券化类",
}


def check_qualified_remainder(
    session: Session, *, product: Product, user_id: int, units: int, holding: int, field: str
) -> None:
    """A partial redemption of a qualified-only product (资管新规 Art. 5) must leave at least its
    asset class's holding floor (``core.qualified``): the units left at the latest price, plus
    subscriptions waiting to be confirmed. Redeeming everything is always allowed. Refused with
    ``REDEMPTION_BELOW_QUALIFIED_HOLDING``."""
    if (
        units >= holding
        or qualified.requirement(product.kind, product.qualified_only) is not Qualification.ASSET_MANAGEMENT
    ):
        return
    floor = floors.holding_floor(product.asset_class)
    price = pricing.latest_price(product) or pricing.PAR
    pending = session.execute(
        select(func.coalesce(func.sum(ORDERS.c.amount), 0)).where(
            ORDERS.c.product_id == product.id,
            ORDERS.c.user_id == user_id,
            ORDERS.c.side == str(OrderSide.SUBSCRIBE),
            ORDERS.c.status == str(OrderStatus.PENDING),
        )
    ).scalar_one()
    left = pricing.cash_for(holding - units, price) + int(pending)
    if Decimal(left).scaleb(-2) >= floor:
        return
    asset_class = floors.AssetClass(product.asset_class)
    minor_floor = int(floor * 100)
    raise DomainError(
        InvestingErrorCode.REDEMPTION_BELOW_QUALIFIED_HOLDING,
        t(
            f"A qualified investor keeps at least {shown(minor_floor)} of a "
            f"{asset_class.value.replace('_', ' ').lower()} product (资管新规 Art. 5); this redemption would "
            f"leave about {shown(left)}. Redeem less, or all {units_text(holding)} units.",
            f"合格投资者须持有至少 {shown(minor_floor)} 的{ASSET_CLASS_ZH[asset_class]}产品（资管新规第五条）；"
            f"本次赎回后约剩 {shown(left)}。请少赎回一些，或全部赎回 {units_text(holding)} 份。",
        ),
        field,
    )


def units_text(units: int) -> str:
    return f"{Decimal(units).scaleb(-UNITS_PLACES):,.2f}"
