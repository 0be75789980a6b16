"""The reference model of the simulated year: what a year of orders, jobs and income should
give, written from the platform's published rules in plain Python. It shares no code with the
service (not even the calendar or the money helpers), so a mistake in one does not hide in both.

The rules it encodes (README, "Conventions of record"):
- the exchange is closed on weekends and on the listed closures; an order placed on a trading
  day before 15:00 belongs to that day (T), else to the next trading day; it is confirmed on
  the trading day after T, whenever the confirmation job runs;
- a money-fund unit is worth 1.00; units earn a calendar day's income when held at the end of
  the day: a subscription from its confirmation day, a normal redemption until the day before
  its confirmation day, a fast redemption or a payment from the fund not on the day it is
  placed; income is reinvested as units the day after;
- a day's income per 10,000 units, r (4 decimals), gives each holding units x r / 10,000
  truncated to the fen; the fund's total is the sum of the exact shares truncated, and the fen
  left over go one each to the largest remainders (ties: the lower account id);
- a P2P bullet loan pays, on its due date (the confirmation day plus the term in months, the
  31st becoming the month's last day), the principal and interest of principal x rate x days /
  365 truncated to the fen;
- fast redemptions (not payments from the fund) are capped at 10,000.00 a user and calendar day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

CUT_OFF = time(15, 0)
FAST_CAP = 1_000_000  # fen a day
ONE = 10**8  # hundredths of a unit x (income per 10,000 units in 1/10,000) -> fen


class Calendar:
    """Weekends and the listed weekday closures."""

    def __init__(self, closures: set[date]) -> None:
        self.closures = set(closures)

    def is_open(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closures

    def next_open(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_open(day):
            day += timedelta(days=1)
        return day

    def trade_day(self, placed: datetime) -> date:
        """``placed`` in the exchange's local time (naive)."""
        day = placed.date()
        if self.is_open(day) and placed.time() < CUT_OFF:
            return day
        return self.next_open(day)


def months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


@dataclass
class Order:
    id: int
    user: int
    product: str  # "mmf" or "p2p"
    side: str  # "SUBSCRIBE" or "REDEEM"
    amount: int  # fen (units for the money fund and the loan: worth 1.00 each)
    placed: datetime  # local, naive
    trade_day: date | None
    confirm_day: date | None
    fast: bool = False
    status: str = "PENDING"


@dataclass
class Lot:
    user: int
    units: int
    due: date
    interest: int
    paid: bool = False


@dataclass
class Holder:
    cash: int = 0
    units: int = 0  # money-fund units in the holding now
    p2p_units: int = 0
    income: int = 0  # money-fund income received
    fast_today: dict[date, int] = field(default_factory=dict)


class Reference:
    def __init__(self, calendar: Calendar, *, p2p_rate_ppm: int, p2p_months: int) -> None:
        self.calendar = calendar
        self.p2p_rate_ppm, self.p2p_months = p2p_rate_ppm, p2p_months
        self.holders: dict[int, Holder] = defaultdict(Holder)
        self.orders: dict[int, Order] = {}
        self.pending: dict[int, Order] = {}  # normal orders not confirmed or cancelled yet
        self.lots: list[Lot] = []
        self.rates: dict[date, int] = {}  # income per 10,000 units, in 1/10,000
        self.earning_moves: dict[date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.earning: dict[int, int] = defaultdict(int)  # units earning on the last distributed day
        self.distributed_through: date | None = None

    # --- what users do ----------------------------------------------------------------------
    def deposit(self, user: int, fen: int) -> None:
        self.holders[user].cash += fen

    def place(self, order: Order) -> None:
        """A normal order (subscription or redemption) placed: dates of record fixed now."""
        order.trade_day = self.calendar.trade_day(order.placed)
        order.confirm_day = self.calendar.next_open(order.trade_day)
        self.orders[order.id] = order
        self.pending[order.id] = order
        holder = self.holders[order.user]
        if order.side == "SUBSCRIBE":
            holder.cash -= order.amount
        else:  # a normal redemption: out of the holding now, earning until its confirmation day
            holder.units -= order.amount
            self._move(order.confirm_day, order.user, -order.amount)

    def _move(self, day: date, user: int, change: int) -> None:
        """Change what ``user`` earns from ``day`` on (a day not distributed yet)."""
        assert self.distributed_through is None or day > self.distributed_through, (day, self.distributed_through)
        self.earning_moves[day][user] += change

    def fast_out(self, user: int, fen: int, placed: datetime, *, payment: bool) -> None:
        """A fast redemption (cash now) or a payment from the fund: no income from today."""
        holder = self.holders[user]
        holder.units -= fen
        if not payment:
            holder.cash += fen
            holder.fast_today[placed.date()] = holder.fast_today.get(placed.date(), 0) + fen
        self._move(placed.date(), user, -fen)

    def fast_left(self, user: int, day: date) -> int:
        return FAST_CAP - self.holders[user].fast_today.get(day, 0)

    def pay(self, payer: int, payee: int, fen: int) -> None:
        self.holders[payee].cash += fen  # (the payer's side: fast_out with payment=True)

    def cancellable(self, order: Order, now: datetime) -> bool:
        return order.status == "PENDING" and not order.fast and now < datetime.combine(order.trade_day, CUT_OFF)

    def cancel(self, order: Order) -> None:
        order.status = "CANCELLED"
        del self.pending[order.id]
        holder = self.holders[order.user]
        if order.side == "SUBSCRIBE":
            holder.cash += order.amount
        else:
            holder.units += order.amount
            self._move(order.confirm_day, order.user, order.amount)

    # --- what the jobs do -------------------------------------------------------------------
    def confirm_run(self, day: date) -> list[Order]:
        """A confirmation run for ``day``: every pending order due by then, at its own date."""
        done = []
        for order in sorted(self.pending.values(), key=lambda o: o.id):
            if order.confirm_day > day:
                continue
            order.status = "CONFIRMED"
            del self.pending[order.id]
            holder = self.holders[order.user]
            if order.side == "REDEEM":
                holder.cash += order.amount  # a money fund pays on its confirmation day
            elif order.product == "mmf":
                holder.units += order.amount
                self._move(order.confirm_day, order.user, order.amount)
            else:
                holder.p2p_units += order.amount
                due = months_later(order.confirm_day, self.p2p_months)
                interest = order.amount * self.p2p_rate_ppm * (due - order.confirm_day).days // (10**6 * 365)
                self.lots.append(Lot(order.user, order.amount, due, interest))
            done.append(order)
        return done

    def can_distribute(self, day: date) -> bool:
        """Whether the income job may distribute ``day``: its income is recorded and every
        subscription due by it is confirmed."""
        return day in self.rates and not any(
            o.side == "SUBSCRIBE" and o.product == "mmf" and o.confirm_day <= day for o in self.pending.values()
        )

    def distribute(self, day: date, account_of: dict[int, int]) -> tuple[dict[int, int], int]:
        """Each holder's income of ``day`` and the fund's total (``account_of``: the holders'
        unit account ids, for ties)."""
        assert self.distributed_through is None or day == self.distributed_through + timedelta(days=1), day
        for user, change in self.earning_moves.pop(day, {}).items():
            self.earning[user] += change
        rate = self.rates[day]
        exact = {user: units * rate for user, units in self.earning.items() if units > 0}
        shares = {user: value // ONE for user, value in exact.items()}
        total = sum(exact.values()) // ONE
        left = total - sum(shares.values())
        by_remainder = sorted(exact, key=lambda user: (-(exact[user] % ONE), account_of[user]))
        for user in by_remainder[:left]:
            shares[user] += 1
        for user, share in shares.items():
            holder = self.holders[user]
            holder.units += share
            holder.income += share
            self.earning_moves[day + timedelta(days=1)][user] += share  # reinvested: earns from tomorrow
        self.distributed_through = day
        return {user: share for user, share in shares.items() if share}, total

    def loans_run(self, day: date) -> int:
        paid = 0
        for lot in self.lots:
            if not lot.paid and lot.due <= day:
                lot.paid = True
                holder = self.holders[lot.user]
                holder.cash += lot.units + lot.interest
                holder.p2p_units -= lot.units
                paid += 1
        return paid
