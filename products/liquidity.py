"""When the money can be back: the liquidity of a product as of a day.

``available_after_days`` counts calendar days from ``today`` until redemption cash arrives
if the holder asks today: same-day products pay on the trade day, next-day products are
confirmed the trading day after the trade day, locked products unlock after their lock or
at maturity; then the product's settlement days (trading days, Shanghai calendar) follow.

This figure only informs (it is no date of record), so it is computed on the calendar's
``estimate()`` view: where it needs days beyond the known calendar it takes weekdays for
trading days and says so (``estimated``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.calendar import TradingCalendar
from products.kinds import LiquidityKind


@dataclass(frozen=True, slots=True)
class Liquidity:
    kind: LiquidityKind
    available_after_days: int
    lock_days: int | None
    maturity_date: date | None
    settlement_days: int
    estimated: bool = False  # the day rests on weekdays beyond the known trading calendar


def liquidity_of(
    *,
    kind: LiquidityKind | str,
    lock_days: int | None,
    maturity_date: date | None,
    settlement_days: int,
    today: date,
    calendar: TradingCalendar,
) -> Liquidity:
    kind = LiquidityKind(kind)
    days = calendar.estimate()
    if kind is LiquidityKind.SAME_DAY:
        start = today if settlement_days == 0 else days.trading_day_on_or_after(today)
    elif kind is LiquidityKind.NEXT_DAY:
        start = days.next_trading_day(days.trading_day_on_or_after(today))
    else:
        unlock = today + timedelta(days=lock_days) if lock_days is not None else max(maturity_date or today, today)
        start = unlock if settlement_days == 0 else days.trading_day_on_or_after(unlock)
    cash_day = days.add_trading_days(start, settlement_days)
    return Liquidity(kind, (cash_day - today).days, lock_days, maturity_date, settlement_days, days.estimated)
