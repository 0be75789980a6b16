"""Re-pricing the orders confirmed at a NAV that a second product manager corrected
(``products.history.request_nav_correction`` / ``apply_nav_correction``), in the same
transaction as the correction.

Nothing is ever clawed back from a holder: where the corrected NAV gives the holder more, the
fund (``FUND_ISSUER``) makes it up; where it gives less, the fund bears the difference and
the holder keeps what they got.

- A subscription confirmed at the old NAV: units = net / NAV, rounded down. More units at the
  corrected NAV are issued to the holder (and added to the order's lot); fewer are not taken.
- A redemption confirmed at the old NAV: net cash = units x NAV - fee (the fee rates of the
  lots it took, at the new gross). More cash is paid: straight into the wallet when the
  redemption's cash has arrived, else with it on its cash day. Less is not taken.
- A switch (``investing.switching``) confirmed at the old NAV of its source: the proceeds went
  into the target fund, so the difference goes there too, as a registrar re-runs the switch at
  the corrected NAV: the proceeds, the redemption fee and the switch fee are recomputed, the
  target units at the switch-in's NAV (its own, corrected if it was), and the units the holder
  is short are issued into the switch-in's lot (its cost grows by the extra proceeds). Fewer
  proceeds are not taken: the holder keeps the target units. A switch whose target has since
  closed (or that was confirmed as a plain redemption) is re-priced as a redemption: the extra
  cash goes to the wallet. A correction of the target's NAV re-prices the switch-in like any
  subscription.

Each re-priced order keeps a row in ``order_repricings`` (what changed, and what the fund bore).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock
from db.base import table_of
from investing import lots, pricing, switching
from investing.kinds import OrderSide, OrderStatus
from investing.models import OrderRepricing
from investing.order_rows import ORDERS, load_product
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products import history
from products.kinds import ProductStatus

if TYPE_CHECKING:
    from products.models import NavCorrection, Product

# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
REPRICINGS = table_of(OrderRepricing)


@dataclass
class Repricing:
    orders: int = 0
    units_issued: int = 0  # hundredths of units the fund issued to holders
    cash_paid: int = 0  # fen the fund paid to holders
    borne: int = 0  # fen (or, for subscriptions, units at the new NAV) the fund bore
    switched_in: int = 0  # fen of extra switch proceeds that bought more units of the target


def approve_nav_correction(
    *, session: Session, clock: Clock, actor: Actor, correction_id: object
) -> tuple[NavCorrection, Repricing]:
    """Apply a pending NAV correction (four eyes) and re-price the orders confirmed at it."""
    correction = history.apply_nav_correction(session=session, clock=clock, actor=actor, correction_id=correction_id)
    outcome = reprice(
        session,
        clock=clock,
        product_id=correction.product_id,
        day=correction.date,
        nav=correction.new_nav,
        correction_id=correction.id,
    )
    return correction, outcome


def reprice(
    session: Session, *, clock: Clock, product_id: int, day: date, nav: Decimal, correction_id: int
) -> Repricing:
    outcome = Repricing()
    orders = session.execute(
        select(ORDERS)
        .where(
            ORDERS.c.product_id == product_id,
            ORDERS.c.trade_day == day,
            ORDERS.c.fast.is_(False),
            ORDERS.c.status == str(OrderStatus.CONFIRMED),
        )
        .order_by(ORDERS.c.id)
    ).all()
    for order in orders:
        if order.nav == nav:
            continue
        if order.side == OrderSide.SUBSCRIBE:
            _subscription(session, clock=clock, order=order, nav=nav, correction_id=correction_id, outcome=outcome)
        else:
            _redemption(session, clock=clock, order=order, nav=nav, correction_id=correction_id, outcome=outcome)
        outcome.orders += 1
    return outcome


def _note(
    session: Session,
    *,
    order_id: int,
    correction_id: int,
    old_nav: Decimal,
    new_nav: Decimal,
    units: int,
    cash: int,
    borne: int,
    entry_id: int | None,
    now: datetime,
) -> None:
    session.execute(
        insert(REPRICINGS),
        dict(
            order_id=order_id,
            correction_id=correction_id,
            old_nav=old_nav,
            new_nav=new_nav,
            units_delta=units,
            cash_delta=cash,
            borne=borne,
            entry_id=entry_id,
            created_at=now,
        ),
    )


def _subscription(
    session: Session, *, clock: Clock, order: Row[Any], nav: Decimal, correction_id: int, outcome: Repricing
) -> None:
    now = clock.now()
    units = pricing.units_for(order.amount - order.fee, nav)
    extra = units - order.units
    entry_id = None
    if extra > 0:
        asset = fund_asset(order.product_id)
        key = (order.user_id, Purpose.FUND_UNITS, asset)
        holding = lock_user_accounts(session, [key], now=now)[key]
        entry_id = post_entry(
            session,
            kind=EntryKind.NAV_CORRECTION,
            at=now,
            postings=[
                Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), -extra),
                Posting(holding.ref, extra),
            ],
        ).id
        session.execute(
            update(lots.LOTS)
            .where(lots.LOTS.c.order_id == order.id)
            .values(units=lots.LOTS.c.units + extra, units_left=lots.LOTS.c.units_left + extra)
        )
        session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(units=units, nav=nav))
        outcome.units_issued += extra
    else:
        session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(nav=nav))
        outcome.borne += -extra
    _note(
        session,
        order_id=order.id,
        correction_id=correction_id,
        old_nav=order.nav,
        new_nav=nav,
        units=max(extra, 0),
        cash=0,
        borne=max(-extra, 0),
        entry_id=entry_id,
        now=now,
    )


def _switched_into(session: Session, order: Row[Any]) -> Row[Any] | None:
    """The confirmed subscription a switch's redemption bought (None for a plain redemption, or
    a switch confirmed as one because its target closed or the proceeds were too small)."""
    if order.switch_to_product_id is None:
        return None
    return session.execute(
        select(ORDERS).where(ORDERS.c.switch_of == order.id, ORDERS.c.status == str(OrderStatus.CONFIRMED))
    ).one_or_none()


def _redemption(
    session: Session, *, clock: Clock, order: Row[Any], nav: Decimal, correction_id: int, outcome: Repricing
) -> None:
    switch_in = _switched_into(session, order)
    if switch_in is not None:
        into = load_product(session, switch_in.product_id)
        if into.status != ProductStatus.CLOSED:  # a closed target: the extra comes as cash, below
            _switch(
                session,
                clock=clock,
                order=order,
                switch_in=switch_in,
                target=into,
                nav=nav,
                correction_id=correction_id,
                outcome=outcome,
            )
            return
    now = clock.now()
    gross_old = order.cash + order.fee  # what was paid out, gross (a past correction may have added to it)
    gross = pricing.cash_for(order.units, nav)
    fee = lots.redemption_fee(lots.taken_by(session, order.id), units=order.units, price=nav)
    more = (gross - fee) - order.cash
    entry_id = None
    if more > 0:
        fee_more = fee - order.fee
        settled = order.cash_settled_at is not None
        if settled:
            key = (order.user_id, Purpose.CASH, CNY)
            target = lock_user_accounts(session, [key], now=now)[key].ref
        else:  # it arrives with the rest of the cash on its cash day
            target = system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now)
        postings = [
            Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -(gross - gross_old)),
            Posting(target, more),
        ]
        if fee_more:
            postings.append(Posting(system_account(session, Purpose.FEES, CNY, now=now), fee_more))
        entry_id = post_entry(session, kind=EntryKind.NAV_CORRECTION, postings=postings, at=now).id
        session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(nav=nav, fee=fee, cash=order.cash + more))
        if settled:
            record(
                session,
                [Line(order.user_id, TransactionKind.PRICE_CORRECTION, more, CNY, entry_id, order_id=order.id)],
                at=now,
            )
        outcome.cash_paid += more
    else:
        session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(nav=nav))
        outcome.borne += -more
    _note(
        session,
        order_id=order.id,
        correction_id=correction_id,
        old_nav=order.nav,
        new_nav=nav,
        units=0,
        cash=max(more, 0),
        borne=max(-more, 0),
        entry_id=entry_id,
        now=now,
    )


def _switch(
    session: Session,
    *,
    clock: Clock,
    order: Row[Any],
    switch_in: Row[Any],
    target: Product,
    nav: Decimal,
    correction_id: int,
    outcome: Repricing,
) -> None:
    """Re-run a confirmed switch at the source's corrected NAV (see the module docstring)."""
    now = clock.now()
    source = load_product(session, order.product_id)
    figures = switching.amounts(
        units=order.units,
        source_price=nav,
        target_price=switch_in.nav,
        redemption_fee=lots.redemption_fee(lots.taken_by(session, order.id), units=order.units, price=nav),
        fee_difference=target.subscription_fee_rate - source.subscription_fee_rate,
    )
    more = figures.proceeds - order.cash
    if more <= 0:  # the holder keeps the target units they got
        session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(nav=nav))
        outcome.borne += -more
        _note(
            session,
            order_id=order.id,
            correction_id=correction_id,
            old_nav=order.nav,
            new_nav=nav,
            units=0,
            cash=0,
            borne=-more,
            entry_id=None,
            now=now,
        )
        return
    extra = max(figures.units - switch_in.units, 0)  # below 0.01 units: rounded down, as any purchase
    fees_more = (figures.redemption_fee - order.fee) + (figures.switch_fee - switch_in.fee)
    postings = []
    if extra:
        target_asset = fund_asset(target.id)
        key = (order.user_id, Purpose.FUND_UNITS, target_asset)
        holding = lock_user_accounts(session, [key], now=now)[key]
        postings += [
            Posting(system_account(session, Purpose.FUND_ISSUER, target_asset, now=now), -extra),
            Posting(holding.ref, extra),
        ]
    if fees_more:  # as on confirmation: the fees are paid out of the fund's cash
        postings += [
            Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -fees_more),
            Posting(system_account(session, Purpose.FEES, CNY, now=now), fees_more),
        ]
    entry_id = post_entry(session, kind=EntryKind.NAV_CORRECTION, postings=postings, at=now).id if postings else None
    session.execute(
        update(ORDERS).where(ORDERS.c.id == order.id).values(nav=nav, fee=figures.redemption_fee, cash=figures.proceeds)
    )
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == switch_in.id)
        .values(amount=figures.proceeds, fee=figures.switch_fee, units=switch_in.units + extra)
    )
    session.execute(
        update(lots.LOTS)
        .where(lots.LOTS.c.order_id == switch_in.id)
        .values(
            units=lots.LOTS.c.units + extra,
            units_left=lots.LOTS.c.units_left + extra,
            cost=lots.LOTS.c.cost + more,
            cost_left=lots.LOTS.c.cost_left + more,
        )
    )
    outcome.units_issued += extra
    outcome.switched_in += more
    # The switch-out's row: the extra proceeds (paid into the target, not to the wallet); the
    # switch-in's row: the units they bought.
    _note(
        session,
        order_id=order.id,
        correction_id=correction_id,
        old_nav=order.nav,
        new_nav=nav,
        units=0,
        cash=more,
        borne=0,
        entry_id=entry_id,
        now=now,
    )
    _note(
        session,
        order_id=switch_in.id,
        correction_id=correction_id,
        old_nav=switch_in.nav,
        new_nav=switch_in.nav,
        units=extra,
        cash=0,
        borne=0,
        entry_id=entry_id,
        now=now,
    )
