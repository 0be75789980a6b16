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

from sqlalchemy import BigInteger, ColumnElement, Date, String, and_, case, cast, func, literal, null, select, union_all
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
from wallet.queries import WalletSummary, wallet_summary

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


def units_and_prices(
    *, session: Session, user_ids: list[int], clock: Clock
) -> dict[int, dict[int, tuple[Decimal, Decimal]]]:
    """Per user and product held: (units held now, the latest price), for many users in a fixed
    number of statements: exactly the ``units`` and ``price`` of ``holdings_of(..., clock=clock)``
    (the nightly automation values every goal with it, reading once per batch)."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(ACCOUNTS.c.user_id, ACCOUNTS.c.asset, ACCOUNTS.c.balance).where(
            ACCOUNTS.c.user_id.in_(sorted(set(user_ids))),
            ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
            ACCOUNTS.c.balance > 0,
        )
    ).all()
    held: dict[int, dict[int, int]] = defaultdict(dict)
    for user_id, asset, balance in rows:
        if asset.startswith(FUND_ASSET_PREFIX):
            held[user_id][int(asset[len(FUND_ASSET_PREFIX) :])] = balance
    products = prices.load_products(session=session, product_ids={pid for units in held.values() for pid in units})
    latest = _Prices(session, products, clock.today())
    price = {pid: latest.price(pid) for pid in products}
    return {
        user_id: {pid: (Decimal(units).scaleb(-UNITS_PLACES), price[pid]) for pid, units in sorted(mine.items())}
        for user_id, mine in held.items()
    }


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


@dataclass(frozen=True)
class _Aggregates:
    """Everything ``portfolio_of`` sums per product, from one statement."""

    units: dict[int, int]  # units held (the fund-unit accounts' balances)
    flows: dict[int, dict[str, int]]  # see ``_FLOWS``
    costs: dict[int, int]  # cost (fen) of the units still held (lots)
    loan_flows: dict[int, tuple[int, int]]  # (cash received in all, coupons for yesterday)
    incomes: dict[int, int]  # money-fund income (fen) distributed for yesterday
    priced: dict[int, dict[date, int]]  # units still held by the trade day they were priced at


_FLOWS = ("paid", "received", "subscribing", "redeeming", "arriving")


def _aggregates(session: Session, user_id: int, yesterday: date) -> _Aggregates:
    """The user's per-product sums (units, order flows, cost basis, loan cash, yesterday's
    income, units by trade day) as one ``UNION ALL``: one round trip instead of six, the
    portfolio being on the home screen of every app."""
    subscribe, redeem = str(OrderSide.SUBSCRIBE), str(OrderSide.REDEEM)
    confirmed, pending = str(OrderStatus.CONFIRMED), str(OrderStatus.PENDING)
    big, no_day, no_asset = cast(null(), BigInteger), cast(null(), Date), cast(null(), String)

    def total(condition: ColumnElement[bool] | None, column: ColumnElement[Any]) -> ColumnElement[Any]:
        summed = column if condition is None else case((condition, column), else_=0)
        return cast(func.coalesce(func.sum(summed), 0), BigInteger)

    def row(tag: str, product_id: Any, day: Any, asset: Any, *values: Any) -> list[Any]:
        padded = list(values) + [big] * (5 - len(values))
        return [literal(tag).label("tag"), product_id, day, asset, *padded]

    orders, lots_table = ORDERS, lots.LOTS
    parts = [
        select(*row("units", big, no_day, ACCOUNTS.c.asset, cast(ACCOUNTS.c.balance, BigInteger))).where(
            ACCOUNTS.c.user_id == user_id, ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS), ACCOUNTS.c.balance > 0
        ),
        select(
            *row(
                "orders",
                orders.c.product_id,
                no_day,
                no_asset,
                total(and_(orders.c.side == subscribe, orders.c.status == confirmed), orders.c.amount),
                total(and_(orders.c.side == redeem, orders.c.status == confirmed), orders.c.cash),
                total(and_(orders.c.side == subscribe, orders.c.status == pending), orders.c.amount),
                total(and_(orders.c.side == redeem, orders.c.status == pending), orders.c.units),
                total(
                    and_(orders.c.side == redeem, orders.c.status == confirmed, orders.c.cash_settled_at.is_(None)),
                    orders.c.cash,
                ),
            )
        )
        .where(orders.c.user_id == user_id)
        .group_by(orders.c.product_id),
        select(*row("cost", lots_table.c.product_id, no_day, no_asset, total(None, lots_table.c.cost_left)))
        .where(lots_table.c.user_id == user_id)
        .group_by(lots_table.c.product_id),
        select(
            *row(
                "priced",
                lots_table.c.product_id,
                orders.c.trade_day,
                no_asset,
                total(None, lots_table.c.units_left),
            )
        )
        .join(orders, orders.c.id == lots_table.c.order_id)
        .where(lots_table.c.user_id == user_id, lots_table.c.units_left > 0)
        .group_by(lots_table.c.product_id, orders.c.trade_day),
        select(
            *row(
                "loans",
                LOAN_PAYMENTS.c.product_id,
                no_day,
                no_asset,
                total(None, LOAN_PAYMENTS.c.interest + LOAN_PAYMENTS.c.principal),
                total(LOAN_PAYMENTS.c.due_day == yesterday, LOAN_PAYMENTS.c.interest),
            )
        )
        .where(LOAN_PAYMENTS.c.user_id == user_id)
        .group_by(LOAN_PAYMENTS.c.product_id),
        select(*row("income", INCOMES.c.product_id, no_day, no_asset, total(None, POSTINGS.c.amount)))
        .join(POSTINGS, POSTINGS.c.entry_id == INCOMES.c.entry_id)
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(INCOMES.c.day == yesterday, INCOMES.c.superseded_at.is_(None), ACCOUNTS.c.user_id == user_id)
        .group_by(INCOMES.c.product_id),
    ]
    found = _Aggregates(units={}, flows={}, costs={}, loan_flows={}, incomes={}, priced={})
    for tag, product_id, day, asset, *values in session.execute(union_all(*parts)):
        a, b = int(values[0]), int(values[1] or 0)
        if tag == "units":
            if asset.startswith(FUND_ASSET_PREFIX):
                found.units[int(asset[len(FUND_ASSET_PREFIX) :])] = a
        elif tag == "orders":
            found.flows[product_id] = {name: int(value) for name, value in zip(_FLOWS, values, strict=True)}
        elif tag == "cost":
            found.costs[product_id] = a
        elif tag == "priced":
            found.priced.setdefault(product_id, {})[day] = a
        elif tag == "loans":
            found.loan_flows[product_id] = (a, b)
        else:
            found.incomes[product_id] = a
    return found


def portfolio_of(*, session: Session, user_id: int, clock: Clock, wallet: WalletSummary | None = None) -> PortfolioView:
    """The user's portfolio now; ``wallet``: their wallet's summary when the caller has just
    read it in the same transaction (a screen showing both reads it once)."""
    today = clock.today()
    yesterday = today - timedelta(days=1)
    sums = _aggregates(session, user_id, yesterday)
    units, flows, loan_flows, incomes = sums.units, sums.flows, sums.loan_flows, sums.incomes
    costs = {product_id: sums.costs.get(product_id, 0) for product_id in units}
    product_ids = set(units) | set(flows)
    products = prices.load_products(session=session, product_ids=product_ids)
    latest = _Prices(session, products, today)
    priced = sums.priced
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
    wallet = wallet if wallet is not None else wallet_summary(session, user_id)
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
