"""Lots: the units each confirmed subscription bought (``fund_lots``), for redemption fees by
holding period and for the cost basis. The ledger stays the source of truth for units; lots
only say how old they are and what they cost.

- A redemption takes units from the oldest lots first; the days each unit was held (from its
  lot's confirmation day to the redemption's trade day) pick its fee rate from the product's
  schedule. Units beyond the lots (reinvested money-fund income) carry no cost and no fee.
  Redeeming everything empties every lot (after a negative-income day the lots may hold a
  little more than the account). What was taken is kept per order (``fund_order_lots``), so
  a cancelled redemption gives it back.
- Lock-ups: each lot keeps the unlock day of the terms it was bought on (``locked_until``):
  N days after its confirmation for a product locked N days, the maturity date for one
  locked until maturity. A later change of the product's terms never moves it.

Callers lock the user's units account first (``accounts.lock_user_accounts``), so two
redemptions of the same holding never take the same lot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.orm import Session

from core.money import round_half_even
from db.base import table_of
from investing.models import FundLot, FundOrderLot
from investing.pricing import fee_for
from products.kinds import LiquidityKind
from products.terms import FeeTier, redemption_rate

if TYPE_CHECKING:
    from products.models import Product

# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
LOTS = table_of(FundLot)
ORDER_LOTS = table_of(FundOrderLot)


@dataclass(frozen=True, slots=True)
class Taken:
    """Units (and their cost) taken from one lot (``lot_id`` None: units from income)."""

    lot_id: int | None
    units: int
    cost: int
    fee_rate: Decimal


def lock_end(product: Product, acquired_on: date) -> date | None:
    """The day a lot bought on ``acquired_on`` unlocks under the product's terms of that day:
    ``lock_days`` after it, or the maturity date; None when not locked."""
    if product.liquidity != LiquidityKind.LOCKED:
        return None
    if product.maturity_date is not None:
        return product.maturity_date
    return acquired_on + timedelta(days=product.lock_days or 0)


def add(session: Session, *, product: Product, user_id: int, order_id: int, day: date, units: int, cost: int) -> int:
    """A new lot, with the lock-up of the product's terms now (kept: a later change of the
    terms never moves the unlock day of units already bought)."""
    lot_id: int = session.execute(
        insert(LOTS).returning(LOTS.c.id),
        dict(
            user_id=user_id,
            product_id=product.id,
            order_id=order_id,
            acquired_on=day,
            units=units,
            units_left=units,
            cost=cost,
            cost_left=cost,
            paid_periods=0,
            locked_until=lock_end(product, day),
        ),
    ).scalar_one()
    return lot_id


def open_lots(session: Session, *, user_id: int, product_id: int) -> Sequence[Row[Any]]:
    """The user's lots of a product that still hold units, oldest first."""
    return session.execute(
        select(LOTS)
        .where(LOTS.c.user_id == user_id, LOTS.c.product_id == product_id, LOTS.c.units_left > 0)
        .order_by(LOTS.c.acquired_on, LOTS.c.id)
    ).all()


def share_of_cost(cost_left: int, units_left: int, units: int) -> int:
    """The cost of ``units`` out of a lot (all of it when the lot is emptied), half-even."""
    if units >= units_left:
        return cost_left
    return int(round_half_even(Decimal(cost_left) * units / units_left, 0))


def take(
    session: Session, *, order_id: int, user_id: int, product: Product, units: int, holding: int, day: date
) -> list[Taken]:
    """Take ``units`` of the ``holding`` (the account's balance before) oldest first and
    record them against the redemption ``order_id``."""
    tiers = [FeeTier(tier.min_holding_days, tier.rate) for tier in product.redemption_fees]
    everything = units >= holding
    wanted = units
    taken: list[Taken] = []
    for lot in open_lots(session, user_id=user_id, product_id=product.id):
        if wanted <= 0 and not everything:
            break
        part = lot.units_left if everything else min(wanted, lot.units_left)
        cost = share_of_cost(lot.cost_left, lot.units_left, part)
        rate = redemption_rate(tiers, (day - lot.acquired_on).days)
        session.execute(
            update(LOTS)
            .where(LOTS.c.id == lot.id)
            .values(units_left=LOTS.c.units_left - part, cost_left=LOTS.c.cost_left - cost)
        )
        taken.append(Taken(lot.id, part, cost, rate))
        wanted -= part
    if wanted > 0:
        taken.append(Taken(None, wanted, 0, Decimal(0)))
    rows = [
        dict(order_id=order_id, lot_id=t.lot_id, units=t.units, cost=t.cost, fee_rate=t.fee_rate)
        for t in taken
        if t.lot_id is not None
    ]
    if rows:
        session.execute(insert(ORDER_LOTS), rows)
    return taken


def redemption_fee(taken: list[Taken], *, units: int, price: Decimal) -> int:
    """The fee (fen) of redeeming ``units`` taken as ``taken`` (oldest lots first; what the
    lots do not cover pays nothing), at ``price``."""
    fee, left = 0, units
    for part in taken:
        share = min(part.units, left)
        if share <= 0:
            break
        fee += fee_for(share, price, part.fee_rate)
        left -= share
    return fee


def taken_by(session: Session, order_id: int) -> list[Taken]:
    rows = session.execute(
        select(ORDER_LOTS.c.lot_id, ORDER_LOTS.c.units, ORDER_LOTS.c.cost, ORDER_LOTS.c.fee_rate)
        .where(ORDER_LOTS.c.order_id == order_id)
        .order_by(ORDER_LOTS.c.id)
    ).all()
    return [Taken(row.lot_id, row.units, row.cost, row.fee_rate) for row in rows]


def give_back(session: Session, order_id: int) -> None:
    """A cancelled redemption returns what it took to its lots."""
    for part in taken_by(session, order_id):
        session.execute(
            update(LOTS)
            .where(LOTS.c.id == part.lot_id)
            .values(units_left=LOTS.c.units_left + part.units, cost_left=LOTS.c.cost_left + part.cost)
        )


@dataclass(frozen=True, slots=True)
class Lock:
    """How many units of a holding are locked on a day, and when enough unlock."""

    locked: int
    unlock_dates: tuple[tuple[date, int], ...]  # (date, units unlocking then), in order

    def unlock_date_for(self, shortfall: int) -> date | None:
        """The first day on which ``shortfall`` more units are free."""
        freed = 0
        for day, units in self.unlock_dates:
            freed += units
            if freed >= shortfall:
                return day
        return None


def lock_of(session: Session, *, product: Product, user_id: int, holding: int, day: date) -> Lock:
    """The locked part of a ``holding`` on ``day``: each lot's units until its own
    ``locked_until`` (the terms it was bought on, see the module docstring)."""
    pending: dict[date, int] = {}
    for lot in open_lots(session, user_id=user_id, product_id=product.id):
        if lot.locked_until is not None and lot.locked_until > day:
            pending[lot.locked_until] = pending.get(lot.locked_until, 0) + lot.units_left
    locked = min(holding, sum(pending.values()))
    return Lock(locked, tuple(sorted(pending.items())))


def units_by_trade_day(session: Session, *, user_id: int, product_ids: Iterable[int]) -> dict[int, dict[date, int]]:
    """Units still held in the user's lots, per product and the trade day their subscription
    was priced at (one statement)."""
    from investing.models import FundOrder

    ids = list(product_ids)
    if not ids:
        return {}
    orders = FundOrder.__table__
    rows = session.execute(
        select(LOTS.c.product_id, orders.c.trade_day, func.sum(LOTS.c.units_left))
        .join(orders, orders.c.id == LOTS.c.order_id)
        .where(LOTS.c.user_id == user_id, LOTS.c.product_id.in_(ids), LOTS.c.units_left > 0)
        .group_by(LOTS.c.product_id, orders.c.trade_day)
    ).all()
    found: dict[int, dict[date, int]] = {}
    for product_id, trade_day, units in rows:
        found.setdefault(product_id, {})[trade_day] = int(units)
    return found


def cost_basis(session: Session, *, user_id: int, product_ids: Iterable[int]) -> dict[int, int]:
    """The cost (fen) of the units still held, per product (one statement)."""
    ids = list(product_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(LOTS.c.product_id, func.coalesce(func.sum(LOTS.c.cost_left), 0))
        .where(LOTS.c.user_id == user_id, LOTS.c.product_id.in_(ids))
        .group_by(LOTS.c.product_id)
    ).all()
    found = {product_id: int(total) for product_id, total in rows}
    return {product_id: found.get(product_id, 0) for product_id in ids}
