"""``Performance``: how the money actually did over a period (``advisor.performance`` computes
it): time-weighted and money-weighted returns, and the profit with its parts shown apart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from advisor.service import performance as performance_module
from api.graphql.money import Money

Period = performance_module.Period
PerformanceValue = performance_module.Performance

PerformancePeriod = strawberry.enum(
    Period,
    name="PerformancePeriod",
    description="Periods end today; the opening value is the one at the end of the day before the first day.",
)


@strawberry.type
class ExpectedPathPoint:
    date: date
    value: Money


@strawberry.type(
    description="Returns and profit over a period. Under a year returns are for the period; a year or more: a year."
)
class Performance:
    period: PerformancePeriod  # type: ignore[valid-type]
    first_day: date
    last_day: date
    opening_value: Money
    closing_value: Money
    money_in: Money
    money_out: Money
    profit: Money = strawberry.field(description="closingValue - openingValue - moneyIn + moneyOut.")
    gain: Money = strawberry.field(description="What price moves made: profit - income - dividends + fees.")
    income: Money = strawberry.field(description="Money-fund income and coupons credited.")
    fees: Money = strawberry.field(description="Subscription and redemption fees paid (a cost).")
    dividends: Money
    time_weighted_return: Decimal = strawberry.field(description="Daily linking of values net of flows (8 decimals).")
    money_weighted_return: Decimal | None = strawberry.field(description="XIRR; null where it has no root.")
    annualised: bool
    expected_path: list[ExpectedPathPoint] = strawberry.field(
        description="What the plan's expected return would have made of the same money (goals)."
    )

    @classmethod
    def of(cls, value: PerformanceValue) -> Performance:
        return cls(
            period=value.period,
            first_day=value.first_day,
            last_day=value.last_day,
            opening_value=Money.cny(value.opening_value),
            closing_value=Money.cny(value.closing_value),
            money_in=Money.cny(value.money_in),
            money_out=Money.cny(value.money_out),
            profit=Money.cny(value.profit),
            gain=Money.cny(value.gain),
            income=Money.cny(value.income),
            fees=Money.cny(value.fees),
            dividends=Money.cny(value.dividends),
            time_weighted_return=value.time_weighted_return,
            money_weighted_return=value.money_weighted_return,
            annualised=value.annualised,
            expected_path=[ExpectedPathPoint(date=p.day, value=Money.cny(p.value)) for p in value.expected_path],
        )


async def resolve(info: Info, compute) -> Performance:
    """``compute(session)`` in a read transaction off the event loop."""

    def run() -> Performance:
        with info.context.db.read() as session:
            return Performance.of(compute(session))

    return await run_in_threadpool(run)
