"""Confirming orders (``robo funds confirm-orders --date D``, one product per transaction).

Every order carries its dates of record from the moment it is placed: the trade day T and the
confirmation day (the trading day after T). A run on day D confirms the product's pending
orders whose confirmation day is D or earlier, each on its own confirmation day and at its
trade day's price (``investing.pricing.unit_price``): a run made late, or twice, confirms exactly
as the run on time would have. An order whose price is not recorded yet waits, and the job
says so. It also pays out redemption cash whose settlement day has come.

- Subscription: units = net / price, rounded down, credited to the holding and to a new lot
  acquired on the confirmation day (money-fund income starts then; lock-ups and redemption
  fees count from it). Entry: the gross cash leaves fund settlement, the fee goes to ``FEES``
  and the net to the fund (``FUND_ISSUER``), which issues the units. An order too small to
  buy 0.01 units, or for a product closed meanwhile, is ``FAILED`` and its cash returned.
- Redemption: proceeds = units x price; the fee by holding period (``investing.lots``). An early
  exit from a loan product (ABS unit, P2P: only where its terms allow one) also pays the
  interest accrued on the units since their last payment period began, to the confirmation
  day, and the redemption-fee rate applies to it too. Units go
  back to the fund; the net cash goes to the wallet now (no settlement days: money funds, the
  confirmation day has come) or waits in fund settlement until ``cash_day`` (the product's
  settlement days after the confirmation day).

Each order is claimed with a guarded ``UPDATE ... WHERE status = 'PENDING'`` before anything is
booked, so two runners never confirm it twice; the job's (product, day) row
(``investing.jobs``) is written with the effect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, Row, and_, func, or_, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import round_half_even
from investing import loans, lots, pricing, switching
from investing.kinds import OrderSide, OrderStatus
from investing.order_rows import ORDERS
from investing.orders import give_back
from ledger import outbox
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products.kinds import ProductKind, ProductStatus
from tradingcalendar.service import calendar as trading_calendar

if TYPE_CHECKING:
    from products.models import Product


@dataclass
class ConfirmOutcome:
    """What one run did for one product and day."""

    confirmed: int = 0
    failed: int = 0
    settled: int = 0
    waiting: dict[date, int] = field(default_factory=dict)  # trade day -> orders waiting for its price

    @property
    def items(self) -> int:
        return self.confirmed + self.failed + self.settled


# Outbox topics of this module (``investing.events`` reads them).
ORDER_CONFIRMED = "order.CONFIRMED"
ORDER_FAILED = "order.FAILED"
REDEMPTION_PAID = "order.REDEMPTION_PAID"


def _due(day: date) -> ColumnElement[bool]:
    """Pending orders a run on ``day`` confirms: their confirmation day has come (an order
    placed before confirmation days were kept, and whose day the calendar could not name at
    the upgrade, is due once its trade day has passed)."""
    return or_(ORDERS.c.confirm_day <= day, and_(ORDERS.c.confirm_day.is_(None), ORDERS.c.trade_day < day))


def due_product_ids(session: Session, *, day: date) -> list[int]:
    """Products with pending orders to confirm on ``day`` or redemption cash due by then
    (``CALENDAR_NOT_PUBLISHED`` for a day the calendar does not know)."""
    trading_calendar(session).is_trading_day(day)  # a day the calendar knows
    pending = select(ORDERS.c.product_id).where(ORDERS.c.status == str(OrderStatus.PENDING), _due(day))
    settling = select(ORDERS.c.product_id).where(
        ORDERS.c.status == str(OrderStatus.CONFIRMED), ORDERS.c.cash_day <= day, ORDERS.c.cash_settled_at.is_(None)
    )
    return sorted(set(session.execute(pending.union(settling)).scalars()))


def awaiting_confirmation(session: Session, *, product_id: int, day: date) -> int:
    """Pending subscriptions of the product whose confirmation day is ``day`` or earlier (a
    confirmation run was missed or comes late). Money-fund income of ``day`` waits for them:
    their units earn from the confirmation day on. Needs no trading calendar: the
    confirmation day was fixed when the order was placed."""
    return session.execute(
        select(func.count())
        .select_from(ORDERS)
        .where(
            or_(
                and_(ORDERS.c.product_id == product_id, ORDERS.c.side == str(OrderSide.SUBSCRIBE)),
                ORDERS.c.switch_to_product_id == product_id,  # a switch into it buys units on confirmation
            ),
            ORDERS.c.status == str(OrderStatus.PENDING),
            ORDERS.c.confirm_day <= day,
        )
    ).scalar_one()


def confirm_product(session: Session, *, clock: Clock, product: Product, day: date) -> ConfirmOutcome:
    """Confirm and settle what is due for ``product`` on the trading day ``day``."""
    outcome = ConfirmOutcome()
    trading_calendar(session).is_trading_day(day)  # a day the calendar knows
    pending = session.execute(
        select(ORDERS)
        .where(ORDERS.c.product_id == product.id, ORDERS.c.status == str(OrderStatus.PENDING), _due(day))
        .order_by(ORDERS.c.confirm_day, ORDERS.c.trade_day, ORDERS.c.id)
    ).all()
    prices: dict[tuple[int, date], Decimal | None] = {}

    def price_of(of: Product, trade_day: date) -> Decimal | None:
        if (of.id, trade_day) not in prices:
            prices[of.id, trade_day] = pricing.unit_price(session=session, product=of, day=trade_day)
        return prices[of.id, trade_day]

    for order in pending:
        price = price_of(product, order.trade_day)
        target = switching.target_of(session, order)  # a switch: priced at T on both sides
        target_price = None
        if target is not None and target.status != ProductStatus.CLOSED:
            target_price = price_of(target, order.trade_day)
            if target_price is None:
                price = None
        if price is None:
            outcome.waiting[order.trade_day] = outcome.waiting.get(order.trade_day, 0) + 1
            continue
        if not _claim(session, order.id, clock=clock, day=day):
            continue  # another runner confirmed it
        confirm_day = order.confirm_day or day
        if order.side == OrderSide.SUBSCRIBE:
            confirmed = _confirm_subscription(
                session, clock=clock, product=product, order=order, price=price, day=confirm_day
            )
        else:
            figures = None
            if target is not None and target_price is not None:
                figures = switching.amounts(
                    units=order.units,
                    source_price=price,
                    target_price=target_price,
                    redemption_fee=lots.redemption_fee(
                        lots.taken_by(session, order.id), units=order.units, price=price
                    ),
                    fee_difference=target.subscription_fee_rate - product.subscription_fee_rate,
                )
            if target is not None and figures is not None and switching.can_switch(target, figures):
                switching.confirm(
                    session,
                    clock=clock,
                    source=product,
                    target=target,
                    order=order,
                    prices=(price, cast(Decimal, target_price)),
                    figures=figures,
                    day=confirm_day,
                )
            else:  # a plain redemption, or a switch whose target closed meanwhile: the cash comes to the wallet
                _confirm_redemption(
                    session, clock=clock, product=product, order=order, price=price, day=confirm_day, run_day=day
                )
            confirmed = True
        if confirmed:
            outcome.confirmed += 1
        else:
            outcome.failed += 1
        outbox.emit(  # for live updates: the order's owner learns it, in this transaction
            session,
            topic=ORDER_CONFIRMED if confirmed else ORDER_FAILED,
            at=clock.now(),
            user_ids=[order.user_id],
            payload={"order_id": order.id, "product_id": product.id},
        )
    outcome.settled = settle_cash(session, clock=clock, product=product, day=day)
    return outcome


def _claim(session: Session, order_id: int, *, clock: Clock, day: date) -> bool:
    row = session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id, ORDERS.c.status == str(OrderStatus.PENDING))
        .values(
            status=str(OrderStatus.CONFIRMED),
            confirmed_at=clock.now(),
            confirm_day=func.coalesce(ORDERS.c.confirm_day, day),
        )
        .returning(ORDERS.c.id)
    ).one_or_none()
    return row is not None


def _fail(session: Session, order: Row[Any], *, clock: Clock) -> None:
    give_back(session, order, kind=EntryKind.SUBSCRIPTION_REFUND, now=clock.now())
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order.id)
        .values(status=str(OrderStatus.FAILED), confirm_day=None, confirmed_at=None)
    )


def _confirm_subscription(
    session: Session, *, clock: Clock, product: Product, order: Row[Any], price: Decimal, day: date
) -> bool:
    net = order.amount - order.fee
    units = pricing.units_for(net, price)
    if units <= 0 or product.status == ProductStatus.CLOSED:
        _fail(session, order, clock=clock)
        return False
    now = clock.now()
    asset = fund_asset(product.id)
    key = (order.user_id, Purpose.FUND_UNITS, asset)
    holding = lock_user_accounts(session, [key], now=now)[key]
    postings = [
        Posting(system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now), -order.amount),
        Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), net),
        Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), -units),
        Posting(holding.ref, units),
    ]
    if order.fee:
        postings.append(Posting(system_account(session, Purpose.FEES, CNY, now=now), order.fee))
    post_entry(session, kind=EntryKind.SUBSCRIPTION_CONFIRMATION, postings=postings, at=now)
    lots.add(
        session, product=product, user_id=order.user_id, order_id=order.id, day=day, units=units, cost=order.amount
    )
    session.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(units=units, nav=price))
    return True


def _confirm_redemption(
    session: Session, *, clock: Clock, product: Product, order: Row[Any], price: Decimal, day: date, run_day: date
) -> None:
    now = clock.now()
    asset = fund_asset(product.id)
    taken = lots.taken_by(session, order.id)
    gross = pricing.cash_for(order.units, price)
    fee = lots.redemption_fee(taken, units=order.units, price=price)
    if ProductKind(product.kind).is_loan:  # an early exit also pays the interest accrued to its day, less the fee
        for part, accrued in zip(
            taken, loans.accrued_on_exit(session, clock=clock, product=product, taken=taken, day=day)
        ):
            gross += accrued
            fee += int(round_half_even(Decimal(accrued) * part.fee_rate, 0))
    net = gross - fee
    cash_day = trading_calendar(session).add_trading_days(day, product.settlement_days)
    pays_now = cash_day <= run_day
    postings = [
        Posting(system_account(session, Purpose.FUND_SETTLEMENT, asset, now=now), -order.units),
        Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), order.units),
    ]
    if gross:
        postings.append(Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -gross))
    if fee:
        postings.append(Posting(system_account(session, Purpose.FEES, CNY, now=now), fee))
    if net:
        if pays_now:
            key = (order.user_id, Purpose.CASH, CNY)
            target = lock_user_accounts(session, [key], now=now)[key].ref
        else:
            target = system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now)
        postings.append(Posting(target, net))
    entry = post_entry(session, kind=EntryKind.REDEMPTION_CONFIRMATION, postings=postings, at=now)
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order.id)
        .values(nav=price, fee=fee, cash=net, cash_day=cash_day, cash_settled_at=now if pays_now else None)
    )
    if pays_now:
        _cash_lines(session, order.user_id, gross, fee, entry.id, now, order_id=order.id)


def _cash_lines(
    session: Session, user_id: int, gross: int, fee: int, entry_id: int | None, now: datetime, *, order_id: int
) -> None:
    lines = []
    if gross:
        lines.append(Line(user_id, TransactionKind.REDEMPTION, gross, CNY, entry_id, order_id=order_id))
    if fee:
        lines.append(Line(user_id, TransactionKind.FEE, fee, CNY, entry_id, order_id=order_id))
    if lines:
        record(session, lines, at=now)


def settle_cash(session: Session, *, clock: Clock, product: Product, day: date) -> int:
    """Pay redemption cash whose settlement day is ``day`` or earlier; how many orders."""
    due = (
        session.execute(
            select(ORDERS.c.id)
            .where(
                ORDERS.c.product_id == product.id,
                ORDERS.c.status == str(OrderStatus.CONFIRMED),
                ORDERS.c.cash_day <= day,
                ORDERS.c.cash_settled_at.is_(None),
            )
            .order_by(ORDERS.c.id)
        )
        .scalars()
        .all()
    )
    settled = 0
    for order_id in due:
        now = clock.now()
        order = session.execute(
            update(ORDERS)
            .where(ORDERS.c.id == order_id, ORDERS.c.cash_settled_at.is_(None))
            .values(cash_settled_at=now)
            .returning(ORDERS)
        ).one_or_none()
        if order is None:
            continue
        entry_id = None
        if order.cash:
            key = (order.user_id, Purpose.CASH, CNY)
            cash = lock_user_accounts(session, [key], now=now)[key]
            entry_id = post_entry(
                session,
                kind=EntryKind.REDEMPTION_SETTLEMENT,
                postings=[
                    Posting(system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now), -order.cash),
                    Posting(cash.ref, order.cash),
                ],
                at=now,
            ).id
        _cash_lines(
            session, order.user_id, order.cash + (order.fee or 0), order.fee or 0, entry_id, now, order_id=order.id
        )
        outbox.emit(
            session,
            topic=REDEMPTION_PAID,
            at=now,
            user_ids=[order.user_id],
            payload={"order_id": order.id, "product_id": order.product_id, "amount": order.cash or 0},
        )
        settled += 1
    return settled
