"""What a user owns: holdings valued at the latest price, their cost basis and income, and
the portfolio's total, read in a fixed number of statements whatever the number of holdings.

- ``value``: units x the latest price (money funds 1.00; equity funds the latest NAV recorded
  up to today; loan products par less the losses of the defaults recorded so far), half-even.
- ``cost_basis``: what the units still held cost (their lots, fees included); units from
  reinvested income cost nothing. ``unrealized_gain`` = value - cost basis.
- ``yesterday_income``: money funds: the income distributed for yesterday; loan products:
  the coupons paid for yesterday; equity funds: the units x the move of the last NAV recorded
  before today ("yesterday": the last trading day before today with a NAV), counting only
  units priced at an earlier NAV.
- ``cumulative_income``: everything the holding has earned since the first order: value (and
  units waiting to be redeemed, at the latest price) + cash received (redemptions, coupons,
  principal) - cash paid (confirmed subscriptions).
- the portfolio's ``cash`` is the wallet's balance (available + held in escrow); ``in_transit``
  the cash of pending subscriptions, units of pending redemptions at the latest price and
  redemption cash not arrived yet; ``total_value`` = cash + holdings + in transit.

``holdings_of`` is what rebalancing reads (the advisor): units, value and price per product,
with the units locked on a day and when they unlock.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import UNITS_PLACES, major, round_half_even
from db.base import table_of
from investing import lots, pricing
from investing.kinds import OrderSide, OrderStatus
from investing.models import LoanPayment, MoneyFundIncome
from investing.order_rows import ORDERS
from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.kinds import FUND_ASSET_PREFIX, Purpose
from products import credit_events, prices
from products.kinds import ProductKind
from wallet.queries import wallet_summary

if TYPE_CHECKING:
    from products.models import Product

INCOMES = table_of(MoneyFundIncome)
LOAN_PAYMENTS = table_of(LoanPayment)


def _worth(units: int, price: Decimal) -> Decimal:
    return round_half_even(Decimal(units).scaleb(-UNITS_PLACES) * price, 2)


def _holding_units(session: Session, user_id: int) -> dict[int, int]:
    rows = session.execute(
        select(ACCOUNTS.c.asset, ACCOUNTS.c.balance).where(
            ACCOUNTS.c.user_id == user_id, ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS), ACCOUNTS.c.balance > 0
        )
    ).all()
    return {
        int(asset[len(FUND_ASSET_PREFIX) :]): balance for asset, balance in rows if asset.startswith(FUND_ASSET_PREFIX)
    }


class _Prices:
    """The latest price of many products, loaded at once."""

    def __init__(self, session: Session, products: dict[int, Product], today: date) -> None:
        self.products = products
        equity = [pid for pid, p in products.items() if ProductKind(p.kind) is ProductKind.EQUITY_FUND]
        loans = [pid for pid, p in products.items() if ProductKind(p.kind).is_loan]
        self.navs = prices.latest_navs(session=session, product_ids=equity, up_to=today)
        # "yesterday": the last trading day before today whose NAV is recorded, and the one before
        self.before_today = (
            prices.latest_navs(session=session, product_ids=equity, up_to=today - timedelta(days=1))
            if today != date.max
            else self.navs
        )
        self.events = credit_events.events_of(session=session, product_ids=loans)
        self.today = today

    def price(self, product_id: int) -> Decimal:
        product = self.products[product_id]
        kind = ProductKind(product.kind)
        if kind is ProductKind.EQUITY_FUND:
            navs = self.navs.get(product_id) or []
            return navs[0][1] if navs else pricing.PAR
        if kind.is_loan:
            loss = credit_events.loss_fraction(product=product, events=self.events.get(product_id, []), day=self.today)
            return round_half_even(pricing.PAR * (1 - loss), 4)
        return pricing.PAR

    def yesterdays_move(self, product_id: int) -> tuple[date, Decimal] | None:
        """The last recorded NAV day before today and its NAV's move from the NAV before it."""
        navs = self.before_today.get(product_id) or []
        return (navs[0][0], navs[0][1] - navs[1][1]) if len(navs) == 2 else None


def prices_of_record(session: Session, products: dict[int, Product], day: date) -> _Prices:
    """The prices of ``products`` on ``day``: an equity fund's latest NAV recorded on or before
    it, a loan product's par less its losses by then, a money fund's 1.00."""
    return _Prices(session, products, day)


@dataclass(frozen=True, slots=True)
class Position:
    """One holding as rebalancing needs it (CNY and units as exact decimals)."""

    product_id: int
    kind: ProductKind
    units: Decimal
    price: Decimal
    value: Decimal
    cost_basis: Decimal
    locked_units: Decimal
    unlock_date: date | None


def holdings_of(*, session: Session, user_id: int, clock: Clock | None = None) -> list[Position]:
    """The user's holdings (units held now; not units waiting to be redeemed), valued at the
    latest price; with ``clock``, the units locked today and when the last of them unlock."""
    units = _holding_units(session, user_id)
    products = prices.load_products(session=session, product_ids=units)
    today = clock.today() if clock is not None else date.max  # no clock: the latest prices recorded
    latest = _Prices(session, products, today)
    costs = lots.cost_basis(session, user_id=user_id, product_ids=units)
    positions = []
    for product_id, held in sorted(units.items()):
        price = latest.price(product_id)
        lock = (
            lots.lock_of(session, product=products[product_id], user_id=user_id, holding=held, day=today)
            if clock is not None
            else lots.Lock(0, ())
        )
        positions.append(
            Position(
                product_id=product_id,
                kind=ProductKind(products[product_id].kind),
                units=Decimal(held).scaleb(-UNITS_PLACES),
                price=price,
                value=_worth(held, price),
                cost_basis=major(costs[product_id]),
                locked_units=Decimal(lock.locked).scaleb(-UNITS_PLACES),
                unlock_date=lock.unlock_dates[-1][0] if lock.locked and lock.unlock_dates else None,
            )
        )
    return positions


@dataclass(frozen=True, slots=True)
class HoldingView:
    product_id: int
    kind: ProductKind
    units: Decimal
    value: Decimal
    cost_basis: Decimal
    yesterday_income: Decimal
    cumulative_income: Decimal

    @property
    def unrealized_gain(self) -> Decimal:
        return self.value - self.cost_basis


@dataclass(frozen=True, slots=True)
class PortfolioView:
    cash: Decimal
    in_transit: Decimal
    holdings: tuple[HoldingView, ...]

    @property
    def total_value(self) -> Decimal:
        return self.cash + self.in_transit + sum((h.value for h in self.holdings), Decimal(0))

    @property
    def yesterday_income(self) -> Decimal:
        """What every holding earned (or lost) yesterday."""
        return sum((h.yesterday_income for h in self.holdings), Decimal(0))

    @property
    def cumulative_income(self) -> Decimal:
        """What every holding has earned since it was bought."""
        return sum((h.cumulative_income for h in self.holdings), Decimal(0))

    @property
    def money_fund_balance(self) -> Decimal:
        """The money-fund holdings' value (which redeems at once, within the daily limit)."""
        return sum((h.value for h in self.holdings if h.kind is ProductKind.MONEY_FUND), Decimal(0))


def _order_flows(session: Session, user_id: int) -> dict[int, dict[str, int]]:
    """Per product: cash paid (confirmed subscriptions), cash received (confirmed
    redemptions), pending subscription cash, pending redemption units, cash on its way."""
    subscribe, redeem = str(OrderSide.SUBSCRIBE), str(OrderSide.REDEEM)
    confirmed, pending = str(OrderStatus.CONFIRMED), str(OrderStatus.PENDING)

    def total(condition: ColumnElement[bool], column: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((condition, column), else_=0)), 0)

    rows = session.execute(
        select(
            ORDERS.c.product_id,
            total(and_(ORDERS.c.side == subscribe, ORDERS.c.status == confirmed), ORDERS.c.amount).label("paid"),
            total(and_(ORDERS.c.side == redeem, ORDERS.c.status == confirmed), ORDERS.c.cash).label("received"),
            total(and_(ORDERS.c.side == subscribe, ORDERS.c.status == pending), ORDERS.c.amount).label("subscribing"),
            total(and_(ORDERS.c.side == redeem, ORDERS.c.status == pending), ORDERS.c.units).label("redeeming"),
            total(
                and_(ORDERS.c.side == redeem, ORDERS.c.status == confirmed, ORDERS.c.cash_settled_at.is_(None)),
                ORDERS.c.cash,
            ).label("arriving"),
        )
        .where(ORDERS.c.user_id == user_id)
        .group_by(ORDERS.c.product_id)
    ).all()
    return {
        row.product_id: {k: int(getattr(row, k)) for k in ("paid", "received", "subscribing", "redeeming", "arriving")}
        for row in rows
    }


def _loan_flows(session: Session, user_id: int, yesterday: date) -> dict[int, tuple[int, int]]:
    """Per loan product: (cash received in all, coupons for yesterday)."""
    rows = session.execute(
        select(
            LOAN_PAYMENTS.c.product_id,
            func.coalesce(func.sum(LOAN_PAYMENTS.c.interest + LOAN_PAYMENTS.c.principal), 0),
            func.coalesce(func.sum(case((LOAN_PAYMENTS.c.due_day == yesterday, LOAN_PAYMENTS.c.interest), else_=0)), 0),
        )
        .where(LOAN_PAYMENTS.c.user_id == user_id)
        .group_by(LOAN_PAYMENTS.c.product_id)
    ).all()
    return {product_id: (int(received), int(coupon)) for product_id, received, coupon in rows}


def _income_of_day(session: Session, user_id: int, day: date) -> dict[int, int]:
    """Money-fund income distributed for ``day``, per product (fen)."""
    rows = session.execute(
        select(INCOMES.c.product_id, func.sum(POSTINGS.c.amount))
        .join(POSTINGS, POSTINGS.c.entry_id == INCOMES.c.entry_id)
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(INCOMES.c.day == day, INCOMES.c.superseded_at.is_(None), ACCOUNTS.c.user_id == user_id)
        .group_by(INCOMES.c.product_id)
    ).all()
    return {product_id: int(amount) for product_id, amount in rows}


def portfolio_of(*, session: Session, user_id: int, clock: Clock) -> PortfolioView:
    today = clock.today()
    yesterday = today - timedelta(days=1)
    units = _holding_units(session, user_id)
    flows = _order_flows(session, user_id)
    product_ids = set(units) | set(flows)
    products = prices.load_products(session=session, product_ids=product_ids)
    latest = _Prices(session, products, today)
    costs = lots.cost_basis(session, user_id=user_id, product_ids=units)
    loan_flows = _loan_flows(session, user_id, yesterday)
    incomes = _income_of_day(session, user_id, yesterday)
    equity = [pid for pid in units if ProductKind(products[pid].kind) is ProductKind.EQUITY_FUND]
    priced = lots.units_by_trade_day(session, user_id=user_id, product_ids=equity)
    in_transit = 0
    holdings = []
    for product_id in sorted(product_ids):
        flow = flows.get(product_id, defaultdict(int))
        price = latest.price(product_id)
        redeeming_value = _worth(flow["redeeming"], price)
        in_transit += flow["subscribing"] + flow["arriving"] + int(redeeming_value.scaleb(2))
        held = units.get(product_id, 0)
        if held <= 0:
            continue
        value = _worth(held, price)
        received, coupon = loan_flows.get(product_id, (0, 0))
        kind = ProductKind(products[product_id].kind)
        if kind is ProductKind.MONEY_FUND:
            yesterday_income = major(incomes.get(product_id, 0))
        elif kind.is_loan:
            yesterday_income = major(coupon)
        else:
            yesterday_income = _equity_move(priced.get(product_id, {}), latest.yesterdays_move(product_id), held)
        cumulative = value + redeeming_value + major(flow["received"] + received - flow["paid"])
        holdings.append(
            HoldingView(
                product_id=product_id,
                kind=kind,
                units=Decimal(held).scaleb(-UNITS_PLACES),
                value=value,
                cost_basis=major(costs[product_id]),
                yesterday_income=yesterday_income,
                cumulative_income=cumulative,
            )
        )
    wallet = wallet_summary(session, user_id)
    return PortfolioView(cash=major(wallet.balance), in_transit=major(in_transit), holdings=tuple(holdings))


def _equity_move(priced: dict[date, int], move: tuple[date, Decimal] | None, held: int) -> Decimal:
    """Yesterday's income of an equity holding: its units x the move of the last NAV before
    today, counting only units priced before that NAV's day (units bought at that very NAV
    did not see the move). ``priced``: units held by the trade day they were priced at."""
    if move is None:
        return Decimal(0)
    day, change = move
    priced_before = sum(units for trade_day, units in priced.items() if trade_day < day)
    return round_half_even(Decimal(min(held, priced_before)).scaleb(-UNITS_PLACES) * change, 2)


def money_fund_ids(session: Session) -> list[int]:
    """Money funds that have holders' accounts (the income job's funds)."""
    assets = (
        session.execute(
            select(ACCOUNTS.c.asset)
            .distinct()
            .where(
                ACCOUNTS.c.user_id.is_not(None),
                ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
                ACCOUNTS.c.asset.like(f"{FUND_ASSET_PREFIX}%"),
            )
        )
        .scalars()
        .all()
    )
    ids = [int(asset[len(FUND_ASSET_PREFIX) :]) for asset in assets]
    products = prices.load_products(session=session, product_ids=ids)
    return sorted(pid for pid, product in products.items() if ProductKind(product.kind) is ProductKind.MONEY_FUND)
