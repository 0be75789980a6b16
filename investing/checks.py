"""Ledger checks of the investing side, part of ``robo ledger verify`` (registered on import):

- fund settlement in cash holds exactly the pending subscriptions' cash plus the redemption
  cash confirmed but not paid out yet;
- each fund's settlement account of units holds exactly the units of its pending redemptions.

Only what orders use is checked: with no fund orders at all there is nothing to compare
(settlement accounts are then free for other uses, such as tests of the bare ledger).
Set-based queries, like the rest of the verification.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.base import table_of
from investing.kinds import OrderSide, OrderStatus
from investing.models import FundOrder
from ledger.kinds import CNY, Purpose, fund_asset
from ledger.verify import compare, register, system_totals

ORDERS = table_of(FundOrder)


@register
def fund_settlement_matches_orders(session: Session) -> list[str]:
    ordered = set(session.execute(select(ORDERS.c.product_id).distinct()).scalars())
    if not ordered:
        return []
    relevant = {CNY} | {fund_asset(product_id) for product_id in ordered}
    expected: dict[str, int] = defaultdict(int)
    pending_cash = session.execute(
        select(func.coalesce(func.sum(ORDERS.c.amount), 0)).where(
            ORDERS.c.side == str(OrderSide.SUBSCRIBE), ORDERS.c.status == str(OrderStatus.PENDING)
        )
    ).scalar_one()
    arriving = session.execute(
        select(func.coalesce(func.sum(ORDERS.c.cash), 0)).where(
            and_(
                ORDERS.c.side == str(OrderSide.REDEEM),
                ORDERS.c.status == str(OrderStatus.CONFIRMED),
                ORDERS.c.cash_settled_at.is_(None),
            )
        )
    ).scalar_one()
    if pending_cash or arriving:
        expected[CNY] = int(pending_cash) + int(arriving)
    units = session.execute(
        select(ORDERS.c.product_id, func.sum(ORDERS.c.units))
        .where(ORDERS.c.side == str(OrderSide.REDEEM), ORDERS.c.status == str(OrderStatus.PENDING))
        .group_by(ORDERS.c.product_id)
    ).all()
    for product_id, total in units:
        expected[fund_asset(product_id)] = int(total)
    ledger = {
        asset: total
        for asset, total in system_totals(session, Purpose.FUND_SETTLEMENT).items()
        if total and asset in relevant
    }
    return compare("fund settlement", ledger, dict(expected))
