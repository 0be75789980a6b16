"""The portfolio over time, for charts: the total value at the end of each day and the income
credited for each day, computed for a whole range in a fixed number of statements (the
ledger's postings and the orders and guarantee payments that were in flight), never one
query per day.

- ``value_series``: for each day, what ``portfolio.portfolio_of`` would have shown as
  ``totalValue`` at the end of that day (midnight in the platform's zone): the wallet's
  balance (available + held in escrow) + each holding's units x its price of record that day
  (money funds 1.00; equity funds the NAV of that day or the last trading day before it;
  loan products par less the losses of the defaults recorded up to that day) + what was in
  transit (pending subscriptions, pending redemptions at that day's price, redemption cash
  on its way). Balances are the postings written before the day ended; a NAV counts by its
  date, so one recorded the next morning values the day it belongs to.
- ``income_series``: for each day up to yesterday (a day's income is distributed after it
  ends), the money-fund income distributed for that day (a corrected day: its current
  distribution) and the coupons of loan products due that day, in CNY. An equity fund's
  price moves are no credited income: they show in the value.

Both start on the day of the user's first posting (nothing to chart before) and end on
``last_day`` or today, whichever is earlier; every calendar day in between has a point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.money import UNITS_PLACES, major, round_half_even
from core.series import Point, downsample
from db.base import table_of
from investing import pricing
from investing.kinds import OrderSide, OrderStatus
from investing.models import DistributionPayment, FundDistribution
from investing.order_rows import ORDERS
from investing.portfolio import INCOMES, LOAN_PAYMENTS
from ledger.accounts import ACCOUNTS
from ledger.entries import ENTRIES, POSTINGS
from ledger.kinds import CNY, FUND_ASSET_PREFIX, Purpose
from products import credit_events, prices
from products.kinds import ProductKind
from wallet.queries import escrow_holds

DISTRIBUTIONS, PAID = table_of(FundDistribution), table_of(DistributionPayment)
CASH = "cash"  # the wallet's balance and the cash in transit, in fen
UNITS, REDEEMING = "units", "redeeming"  # (kind, product id): hundredths of units


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _end_of(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), zone)


def _first_posting(session: Session, user_id: int) -> datetime | None:
    first: datetime | None = session.scalar(
        select(func.min(ENTRIES.c.created_at))
        .select_from(POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id))
        .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
        .where(ACCOUNTS.c.user_id == user_id)
    )
    return first


def _span(session: Session, user_id: int, first_day: date, last_day: date, zone: tzinfo) -> tuple[date, date] | None:
    """The days to chart: from the first posting's day (or ``first_day``) to ``last_day``."""
    first_posting = _first_posting(session, user_id)
    if first_posting is None:
        return None
    first = max(first_day, first_posting.astimezone(zone).date())
    return (first, last_day) if first <= last_day else None


def _key(purpose: str, asset: str) -> str | tuple[str, int] | None:
    if purpose == Purpose.CASH and asset == CNY:
        return CASH
    if purpose == Purpose.FUND_UNITS and asset.startswith(FUND_ASSET_PREFIX):
        return (UNITS, int(asset[len(FUND_ASSET_PREFIX) :]))
    return None


Key = str | tuple[str, int]
Change = tuple[datetime, Key, int]


def _ledger(session: Session, user_id: int, start: datetime, end: datetime) -> tuple[dict[Key, int], list[Change]]:
    """The user's balances when ``start`` came, and each posting from then until ``end``."""
    accounts = select(ACCOUNTS.c.id, ACCOUNTS.c.purpose, ACCOUNTS.c.asset).where(ACCOUNTS.c.user_id == user_id)
    keys = {row.id: _key(row.purpose, row.asset) for row in session.execute(accounts)}
    ids = [account_id for account_id, key in keys.items() if key is not None]
    opening: dict[Key, int] = defaultdict(int)
    changes: list[Change] = []
    if not ids:
        return opening, changes
    joined = POSTINGS.join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
    for account_id, total in session.execute(
        select(POSTINGS.c.account_id, func.sum(POSTINGS.c.amount))
        .select_from(joined)
        .where(POSTINGS.c.account_id.in_(ids), ENTRIES.c.created_at < start)
        .group_by(POSTINGS.c.account_id)
    ):
        opening[keys[account_id]] += int(total)  # type: ignore[index]
    for account_id, at, amount in session.execute(
        select(POSTINGS.c.account_id, ENTRIES.c.created_at, POSTINGS.c.amount)
        .select_from(joined)
        .where(POSTINGS.c.account_id.in_(ids), ENTRIES.c.created_at >= start, ENTRIES.c.created_at < end)
    ):
        changes.append((at, keys[account_id], int(amount)))  # type: ignore[arg-type]
    return opening, changes


def _in_flight(session: Session, user_id: int, end: datetime) -> list[tuple[datetime, datetime | None, Key, int]]:
    """What was in flight between two moments (from, until or None, key, amount): guarantee
    payments held in escrow, subscriptions' cash and redemptions' units waiting for their
    price, and redemption cash on its way."""
    found: list[tuple[datetime, datetime | None, Key, int]] = [
        (held_from, held_until, CASH, amount)
        for held_from, held_until, amount in escrow_holds(session, user_id, until=end)
    ]
    failed = str(OrderStatus.FAILED)
    rows = session.execute(
        select(
            ORDERS.c.product_id,
            ORDERS.c.side,
            ORDERS.c.status,
            ORDERS.c.amount,
            ORDERS.c.units,
            ORDERS.c.cash,
            ORDERS.c.entry_id,
            ORDERS.c.placed_at,
            ORDERS.c.confirmed_at,
            ORDERS.c.cancelled_at,
            ORDERS.c.cash_settled_at,
        ).where(ORDERS.c.user_id == user_id, ORDERS.c.placed_at < end)
    ).all()
    # a failed order's cash or units came back with the entry reversing its own (no timestamp on the order)
    failed_entries = [row.entry_id for row in rows if row.status == failed and row.entry_id is not None]
    given_back: dict[int, datetime] = {}
    if failed_entries:
        given_back = dict(
            session.execute(
                select(ENTRIES.c.reverses_entry_id, func.min(ENTRIES.c.created_at))
                .where(ENTRIES.c.reverses_entry_id.in_(failed_entries))
                .group_by(ENTRIES.c.reverses_entry_id)
            ).all()
        )
    for row in rows:
        ends = [at for at in (row.confirmed_at, row.cancelled_at, given_back.get(row.entry_id)) if at is not None]
        waited_until = min(ends) if ends else None
        if row.side == OrderSide.SUBSCRIBE:
            if row.amount:
                found.append((row.placed_at, waited_until, CASH, int(row.amount)))
        else:
            if row.units:
                found.append((row.placed_at, waited_until, (REDEEMING, row.product_id), int(row.units)))
            if row.confirmed_at is not None and row.cash:
                found.append((row.confirmed_at, row.cash_settled_at, CASH, int(row.cash)))
    return found


def _pricer(session: Session, product_ids: set[int], first: date, last: date) -> Callable[[int, date], Decimal]:
    """The price of record of each product on a day (see the module docstring)."""
    products = prices.load_products(session=session, product_ids=product_ids)
    equity = [pid for pid, p in products.items() if ProductKind(p.kind) is ProductKind.EQUITY_FUND]
    loans = [pid for pid, p in products.items() if ProductKind(p.kind).is_loan]
    navs = prices.navs_between(session=session, product_ids=equity, first_day=first, last_day=last)
    events = credit_events.events_of(session=session, product_ids=loans)
    position = dict.fromkeys(equity, -1)  # the last NAV of record so far, days being asked in order

    def price(product_id: int, day: date) -> Decimal:
        product = products.get(product_id)
        if product is None:
            return pricing.PAR
        kind = ProductKind(product.kind)
        if kind is ProductKind.EQUITY_FUND:
            history, i = navs[product_id], position[product_id]
            while i + 1 < len(history) and history[i + 1][0] <= day:
                i += 1
            position[product_id] = i
            return history[i][1] if i >= 0 else pricing.PAR
        if kind.is_loan and events[product_id]:
            loss = credit_events.loss_fraction(product=product, events=events[product_id], day=day)
            return round_half_even(pricing.PAR * (1 - loss), 4)
        return pricing.PAR

    return price


def _worth(units: int, price: Decimal) -> int:
    """Fen: units (hundredths) x price, half-even (as ``portfolio._worth``)."""
    return int(round_half_even(Decimal(units).scaleb(-UNITS_PLACES) * price, 2).scaleb(2))


def value_series(
    *, session: Session, user_id: int, first_day: date, last_day: date, zone: tzinfo, max_points: int | None = None
) -> list[Point]:
    """The portfolio's total value at the end of each day from ``first_day`` to ``last_day``
    (the caller caps it at today), CNY; downsampled to ``max_points`` when given."""
    span = _span(session, user_id, first_day, last_day, zone)
    if span is None:
        return []
    first, last = span
    start, end = _end_of(first - timedelta(days=1), zone), _end_of(last, zone)
    balances, changes = _ledger(session, user_id, start, end)
    for held_from, held_until, key, amount in _in_flight(session, user_id, end):
        if held_until is not None and held_until < start:
            continue
        if held_from < start:
            balances[key] = balances.get(key, 0) + amount
        else:
            changes.append((held_from, key, amount))
        if held_until is not None and held_until < end:
            changes.append((held_until, key, -amount))
    by_day: dict[date, list[tuple[Key, int]]] = defaultdict(list)  # a change counts from the day it happened
    for at, key, amount in changes:
        by_day[at.astimezone(zone).date()].append((key, amount))
    product_ids = {key[1] for key in balances if isinstance(key, tuple)}
    product_ids |= {key[1] for _, key, _ in changes if isinstance(key, tuple)}
    price = _pricer(session, product_ids, first, last)
    points: list[Point] = []
    for day in _days(first, last):
        for key, amount in by_day.get(day, ()):
            balances[key] = balances.get(key, 0) + amount
        total = balances.get(CASH, 0)
        for key, held in balances.items():
            if isinstance(key, tuple) and held:
                total += _worth(held, price(key[1], day))
        points.append((day, major(total)))
    return points if max_points is None else downsample(points, max_points)


def income_series(
    *, session: Session, user_id: int, first_day: date, last_day: date, zone: tzinfo, max_points: int | None = None
) -> list[Point]:
    """The income credited for each day from ``first_day`` to ``last_day`` (the caller caps it
    at yesterday), CNY: money-fund income and loan coupons; downsampled to ``max_points``
    when given."""
    span = _span(session, user_id, first_day, last_day, zone)
    if span is None:
        return []
    first, last = span
    earned: dict[date, int] = defaultdict(int)
    for day, amount in session.execute(
        select(INCOMES.c.day, func.sum(POSTINGS.c.amount))
        .join(POSTINGS, POSTINGS.c.entry_id == INCOMES.c.entry_id)
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(
            ACCOUNTS.c.user_id == user_id,
            INCOMES.c.superseded_at.is_(None),
            INCOMES.c.day >= first,
            INCOMES.c.day <= last,
        )
        .group_by(INCOMES.c.day)
    ):
        earned[day] += int(amount)
    for day, amount in session.execute(
        select(LOAN_PAYMENTS.c.due_day, func.sum(LOAN_PAYMENTS.c.interest))
        .where(LOAN_PAYMENTS.c.user_id == user_id, LOAN_PAYMENTS.c.due_day >= first, LOAN_PAYMENTS.c.due_day <= last)
        .group_by(LOAN_PAYMENTS.c.due_day)
    ):
        earned[day] += int(amount)
    points = [(day, major(earned.get(day, 0))) for day in _days(first, last)]
    return points if max_points is None else downsample(points, max_points)


# --- performance: a holding's (or a set of orders') value and flows, day by day ---------------

PENDING = "pending"  # (PENDING, product id): subscriptions' gross cash waiting for their price
RECEIVABLE = "receivable"  # (RECEIVABLE, product id): a distribution's amount from its ex-date to its pay date


@dataclass(frozen=True, slots=True)
class HoldingDay:
    """One day of a holding (or of several, or of a goal's orders), fen: the value at the
    day's end, the money that came in (subscriptions placed) and went out (redemption proceeds,
    coupons and principal paid, subscriptions given back), and what the day earned as
    money-fund income and coupons and paid in fees."""

    day: date
    value: int
    inflow: int
    outflow: int
    income: int
    fees: int
    dividends: int = 0


def holding_days(
    *,
    session: Session,
    user_id: int,
    first_day: date,
    last_day: date,
    zone: tzinfo,
    product_ids: set[int] | None = None,
    order_ids: set[int] | None = None,
) -> list[HoldingDay]:
    """``first_day - 1`` (the opening value) to ``last_day``, every calendar day.

    Holdings (``order_ids`` None): the ledger's units of ``product_ids`` (every product when
    None) at each day's price of record, the redemptions' units still waiting for their price,
    and the subscriptions' gross cash waiting for theirs. Money-fund income and principal
    retired show in the units. With ``order_ids`` (a goal's): only what those orders bought and
    sold (units from their confirmation, gone when a redemption is placed), no income.
    Flows: a subscription's gross amount comes in when placed (and goes out again if it is
    cancelled or fails), a redemption's net cash goes out when it is confirmed (a fast one when
    placed), a loan payment's interest and principal go out when paid."""
    start, end = _end_of(first_day - timedelta(days=2), zone), _end_of(last_day, zone)
    balances: dict[Key, int] = defaultdict(int)
    changes: list[Change] = []
    if order_ids is None:
        opening, moved = _ledger(session, user_id, start, end)
        for key, amount in opening.items():
            if isinstance(key, tuple) and (product_ids is None or key[1] in product_ids):
                balances[key] += amount
        changes = [c for c in moved if isinstance(c[1], tuple) and (product_ids is None or c[1][1] in product_ids)]
    inflows: list[tuple[datetime, int]] = []
    outflows: list[tuple[datetime, int]] = []
    incomes: list[tuple[datetime, int]] = []
    fees: list[tuple[datetime, int]] = []
    statement = select(ORDERS).where(ORDERS.c.user_id == user_id, ORDERS.c.placed_at < end)
    if order_ids is not None:
        statement = statement.where(ORDERS.c.id.in_(order_ids or {0}))
    elif product_ids is not None:
        statement = statement.where(ORDERS.c.product_id.in_(product_ids or {0}))
    rows = session.execute(statement).all()
    failed_entries = [row.entry_id for row in rows if row.status == OrderStatus.FAILED and row.entry_id is not None]
    given_back: dict[int, datetime] = {}
    if failed_entries:
        given_back = dict(
            session.execute(
                select(ENTRIES.c.reverses_entry_id, func.min(ENTRIES.c.created_at))
                .where(ENTRIES.c.reverses_entry_id.in_(failed_entries))
                .group_by(ENTRIES.c.reverses_entry_id)
            ).all()
        )

    def change(at: datetime, key: Key, amount: int) -> None:
        if at < start:
            balances[key] += amount
        elif at < end:
            changes.append((at, key, amount))

    # A switch (``investing.switching``) moves money between two holdings: no flow where both
    # are in view (the portfolio), an outflow of the one and an inflow of the other otherwise.
    switched_from = dict(  # a switch's subscription -> the fund it came from
        session.execute(
            select(ORDERS.c.id, ORDERS.c.product_id).where(
                ORDERS.c.id.in_({row.switch_of for row in rows if row.switch_of is not None} or {0})
            )
        ).all()
    )
    switched_into = dict(  # a switch's redemption -> the fund it bought (not one whose target closed)
        session.execute(
            select(ORDERS.c.switch_of, ORDERS.c.product_id).where(
                ORDERS.c.switch_of.in_({row.id for row in rows if row.switch_to_product_id is not None} or {0})
            )
        ).all()
    )

    def in_view(product_id: int | None) -> bool:
        return order_ids is None and product_id is not None and (product_ids is None or product_id in product_ids)

    for row in rows:
        undone = row.cancelled_at or given_back.get(row.entry_id)
        ends = [at for at in (row.confirmed_at, undone) if at is not None]
        until = min(ends) if ends else None
        if row.side == OrderSide.SUBSCRIBE:
            amount = int(row.amount or 0)
            change(row.placed_at, (PENDING, row.product_id), amount)
            if until is not None:
                change(until, (PENDING, row.product_id), -amount)
            if row.switch_of is None or not in_view(switched_from.get(row.switch_of)):
                inflows.append((row.placed_at, amount))
            if undone is not None:
                outflows.append((undone, amount))
            else:
                fees.append((row.placed_at, int(row.fee or 0)))
                if order_ids is not None and row.confirmed_at is not None and row.units:
                    change(row.confirmed_at, (UNITS, row.product_id), int(row.units))
            continue
        units = int(row.units or 0)
        if order_ids is not None:
            change(row.placed_at, (UNITS, row.product_id), -units)
            if undone is not None:
                change(undone, (UNITS, row.product_id), units)
        if row.fast:
            outflows.append((row.placed_at, int(row.cash or 0)))
            fees.append((row.placed_at, int(row.fee or 0)))
            continue
        change(row.placed_at, (REDEEMING, row.product_id), units)
        if until is not None:
            change(until, (REDEEMING, row.product_id), -units)
        if row.confirmed_at is not None:
            if not in_view(switched_into.get(row.id)):
                outflows.append((row.confirmed_at, int(row.cash or 0)))
            fees.append((row.confirmed_at, int(row.fee or 0)))
    if order_ids is None:
        payments = select(LOAN_PAYMENTS.c.paid_at, LOAN_PAYMENTS.c.interest, LOAN_PAYMENTS.c.principal).where(
            LOAN_PAYMENTS.c.user_id == user_id, LOAN_PAYMENTS.c.paid_at >= start, LOAN_PAYMENTS.c.paid_at < end
        )
        if product_ids is not None:
            payments = payments.where(LOAN_PAYMENTS.c.product_id.in_(product_ids or {0}))
        for paid_at, interest, principal in session.execute(payments):
            outflows.append((paid_at, int(interest) + int(principal)))
            incomes.append((paid_at, int(interest)))
        earned = (
            select(INCOMES.c.day, ACCOUNTS.c.asset, func.sum(POSTINGS.c.amount))
            .join(POSTINGS, POSTINGS.c.entry_id == INCOMES.c.entry_id)
            .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
            .where(
                ACCOUNTS.c.user_id == user_id,
                INCOMES.c.superseded_at.is_(None),
                INCOMES.c.day >= first_day,
                INCOMES.c.day <= last_day,
            )
            .group_by(INCOMES.c.day, ACCOUNTS.c.asset)
        )
        for day, asset, amount in session.execute(earned):
            if product_ids is None or int(asset[len(FUND_ASSET_PREFIX) :]) in product_ids:
                incomes.append((_end_of(day, zone) - timedelta(seconds=1), int(amount)))

    dividends: list[tuple[datetime, int]] = []
    if order_ids is None:
        paid = (
            select(DISTRIBUTIONS.c.ex_date, DISTRIBUTIONS.c.pay_date, PAID.c.product_id, PAID.c.amount, PAID.c.cash)
            .join(DISTRIBUTIONS, DISTRIBUTIONS.c.id == PAID.c.distribution_id)
            .where(PAID.c.user_id == user_id)
        )
        if product_ids is not None:
            paid = paid.where(PAID.c.product_id.in_(product_ids or {0}))
        for ex_date, pay_date, product_id, amount, cash in session.execute(paid):
            opens, closes = _end_of(ex_date - timedelta(days=1), zone), _end_of(pay_date - timedelta(days=1), zone)
            change(opens, (RECEIVABLE, product_id), int(amount))
            change(closes, (RECEIVABLE, product_id), -int(amount))
            if closes >= start:
                outflows.append((closes, int(cash)))
                dividends.append((closes, int(amount)))

    def by_day(items: list[tuple[datetime, int]]) -> dict[date, int]:
        found: dict[date, int] = defaultdict(int)
        for at, amount in items:
            found[at.astimezone(zone).date()] += amount
        return found

    moves: dict[date, list[tuple[Key, int]]] = defaultdict(list)
    for at, key, amount in changes:
        moves[at.astimezone(zone).date()].append((key, amount))
    ins, outs, earned_by_day, fees_by_day = by_day(inflows), by_day(outflows), by_day(incomes), by_day(fees)
    dividends_by_day = by_day(dividends)
    products = {key[1] for key in balances if isinstance(key, tuple)} | {
        key[1] for _, key, _ in changes if isinstance(key, tuple)
    }
    opening_day = first_day - timedelta(days=1)
    price = _pricer(session, products, opening_day, last_day)
    out: list[HoldingDay] = []
    for day in _days(opening_day, last_day):
        for key, amount in moves.get(day, ()):
            balances[key] += amount
        value = 0
        for key, held in balances.items():
            if not isinstance(key, tuple) or not held:
                continue
            value += held if key[0] in (PENDING, RECEIVABLE) else _worth(held, price(key[1], day))
        out.append(
            HoldingDay(
                day,
                value,
                ins.get(day, 0) if day != opening_day else 0,
                outs.get(day, 0) if day != opening_day else 0,
                earned_by_day.get(day, 0) if day != opening_day else 0,
                fees_by_day.get(day, 0) if day != opening_day else 0,
                dividends_by_day.get(day, 0) if day != opening_day else 0,
            )
        )
    return out
