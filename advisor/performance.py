"""Performance of the portfolio, a goal or a holding over a period (``core.returns`` states the
rules): time-weighted return by daily linking, money-weighted return (XIRR; null where it has
no root), and the profit in ¥ with its parts shown apart, plus the plan's expected path.

- Periods end today: ``ONE_MONTH`` and ``THREE_MONTHS`` start the same day 1 and 3 months
  earlier (the month's last day when shorter), ``YTD`` on 1 January, ``ONE_YEAR`` a year
  earlier, ``SINCE_START`` on the first day anything was held. The opening value is the value
  at the end of the day before the period.
- Profit = closing value - opening value - money in + money out. Its parts: ``income``
  (money-fund income and coupons credited), ``fees`` (subscription and redemption fees paid:
  a cost), ``dividends`` (distributions, cash and reinvested, on their pay date) and
  ``gain`` = profit - income - dividends + fees (what price moves made).
- XIRR's flows: the opening value as money put in on the opening day, money in (negative),
  money out (positive), the closing value taken out on the last day.
- The plan's expected path: the opening value and each inflow less outflow compounded at the
  plan's expected annual return from its day, sampled at up to 12 dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import major
from core.returns import annualised, money_weighted, rate, time_weighted
from investing.series import HoldingDay, holding_days


class Period(StrEnum):
    ONE_MONTH = "ONE_MONTH"
    THREE_MONTHS = "THREE_MONTHS"
    YTD = "YTD"
    ONE_YEAR = "ONE_YEAR"
    SINCE_START = "SINCE_START"


def _months_back(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def period_start(period: Period, today: date, first_activity: date | None) -> date:
    """The first day of the period (the opening value is the day before's)."""
    if period is Period.ONE_MONTH:
        return _months_back(today, 1) + timedelta(days=1)
    if period is Period.THREE_MONTHS:
        return _months_back(today, 3) + timedelta(days=1)
    if period is Period.YTD:
        return date(today.year, 1, 1)
    if period is Period.ONE_YEAR:
        return _months_back(today, 12) + timedelta(days=1)
    return first_activity or today


@dataclass(frozen=True, slots=True)
class ExpectedPoint:
    day: date
    value: Decimal


@dataclass(frozen=True, slots=True)
class Performance:
    period: Period
    first_day: date
    last_day: date
    opening_value: Decimal
    closing_value: Decimal
    money_in: Decimal
    money_out: Decimal
    profit: Decimal
    gain: Decimal
    income: Decimal
    fees: Decimal
    dividends: Decimal
    time_weighted_return: Decimal
    money_weighted_return: Decimal | None
    annualised: bool
    expected_path: list[ExpectedPoint]


def figures(days: list[HoldingDay], *, period: Period, expected_annual_return: Decimal | None = None) -> Performance:
    """The performance of ``days`` (the first is the opening day)."""
    opening, rest = days[0], days[1:]
    count = len(rest)
    money_in = sum(d.inflow for d in rest)
    money_out = sum(d.outflow for d in rest)
    profit = rest[-1].value - opening.value - money_in + money_out if rest else 0
    income = sum(d.income for d in rest)
    fees = sum(d.fees for d in rest)
    dividends = sum(d.dividends for d in rest)
    twr = time_weighted(major(opening.value), [(major(d.value), major(d.inflow), major(d.outflow)) for d in rest])
    flows = [(opening.day, -major(opening.value))] if opening.value else []
    flows += [(d.day, major(d.outflow - d.inflow)) for d in rest if d.outflow != d.inflow]
    if rest:
        flows.append((rest[-1].day, major(rest[-1].value)))
    mwr = money_weighted(flows, count)
    path: list[ExpectedPoint] = []
    if expected_annual_return is not None and rest:
        growth = float(1 + expected_annual_return)
        step = max(count // 12, 1)
        for i in list(range(step - 1, count, step))[:12] + ([count - 1] if (count - 1) % step else []):
            day = rest[i].day
            total = float(opening.value) * growth ** ((day - opening.day).days / 365)
            for d in rest[: i + 1]:
                total += float(d.inflow - d.outflow) * growth ** ((day - d.day).days / 365)
            path.append(ExpectedPoint(day, major(round(total))))
    return Performance(
        period=period,
        first_day=rest[0].day if rest else opening.day,
        last_day=rest[-1].day if rest else opening.day,
        opening_value=major(opening.value),
        closing_value=major(rest[-1].value if rest else opening.value),
        money_in=major(money_in),
        money_out=major(money_out),
        profit=major(profit),
        gain=major(profit - income - dividends + fees),
        income=major(income),
        fees=major(fees),
        dividends=major(dividends),
        time_weighted_return=rate(annualised(twr, count)),
        # ``money_weighted`` gives the annual XIRR for a year or more (de-annualised below): as it is
        money_weighted_return=None if mwr is None else rate(mwr),
        annualised=count >= 365,
        expected_path=path,
    )


def _first_activity(session: Session, user_id: int, order_ids: set[int] | None, clock: Clock) -> date | None:
    from investing.models import FundOrder

    statement = select(FundOrder.placed_at).where(FundOrder.user_id == user_id).order_by(FundOrder.placed_at).limit(1)
    if order_ids is not None:
        statement = statement.where(FundOrder.id.in_(order_ids or {0}))
    first = session.scalar(statement)
    return None if first is None else first.astimezone(clock.zone).date()


def performance(
    session: Session,
    *,
    clock: Clock,
    user_id: int,
    period: Period,
    product_ids: set[int] | None = None,
    order_ids: set[int] | None = None,
    expected_annual_return: Decimal | None = None,
) -> Performance:
    """The portfolio's (no filter), a holding's (``product_ids``) or a goal's (its ``order_ids``)."""
    today = clock.today()
    first = period_start(period, today, _first_activity(session, user_id, order_ids, clock))
    days = holding_days(
        session=session,
        user_id=user_id,
        first_day=min(first, today),
        last_day=today,
        zone=clock.zone,
        product_ids=product_ids,
        order_ids=order_ids,
    )
    return figures(days, period=period, expected_annual_return=expected_annual_return)


def goal_performance(session: Session, *, clock: Clock, goal, period: Period) -> Performance:
    from advisor.models import GoalOrder

    order_ids = set(session.scalars(select(GoalOrder.order_id).where(GoalOrder.goal_id == goal.id)))
    return performance(
        session,
        clock=clock,
        user_id=goal.user_id,
        period=period,
        order_ids=order_ids,
        expected_annual_return=goal.expected_annual_return,
    )
