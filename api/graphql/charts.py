"""Chart series over GraphQL: ``Product.series(metric, from, to, maxPoints)`` and
``me.portfolio { valueSeries incomeSeries }`` answer with ``[SeriesPoint!]!`` (a date and an
exact decimal as a string), downsampled to ``maxPoints`` (largest-triangle-three-buckets,
``core.series``).

The range: ``to`` defaults to today (days after today have nothing yet), ``from`` to one year
before ``to``; both are included. ``to`` before ``from``, or more than ten years at once, is
refused with ``INVALID_INPUT`` naming the argument (like ``tradingCalendar.closures``).
``maxPoints`` defaults to 250 and is kept within 2..1000 (never an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import strawberry

from core.errors import CommonErrorCode, DomainError, t
from core.series import Point
from products.service import SeriesMetric as Metric

SeriesMetric = strawberry.enum(
    Metric,
    name="SeriesMetric",
    description="NAV (equity funds), INCOME_PER_10K and SEVEN_DAY_YIELD (money funds; a fraction, 0.018417 = "
    "1.8417%). A metric of another kind of product gives an empty series.",
)

DEFAULT_MAX_POINTS = 250
MIN_POINTS, MAX_POINTS = 2, 1000
MAX_RANGE_DAYS = 3653  # ten years


@strawberry.type(description="One point of a chart: a day and its value (an exact decimal).")
class SeriesPoint:
    date: date
    value: Decimal


def points(found: list[Point]) -> list[SeriesPoint]:
    return [SeriesPoint(date=day, value=value) for day, value in found]


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True, slots=True)
class ChartRange:
    first_day: date
    last_day: date
    max_points: int

    @classmethod
    def of(cls, first: date | None, last: date | None, max_points: int | None, *, today: date) -> ChartRange:
        end = last if last is not None else today
        first_day = first if first is not None else _year_before(end)
        if first_day > end and last is not None:
            raise DomainError(CommonErrorCode.INVALID_INPUT, t("`to` is before `from`.", "`to` 早于 `from`。"), "to")
        if (end - first_day).days > MAX_RANGE_DAYS:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT, t("Ask for at most ten years at a time.", "一次最多查询十年。"), "from"
            )
        wanted = DEFAULT_MAX_POINTS if max_points is None else max_points
        return cls(first_day, min(end, today), min(MAX_POINTS, max(MIN_POINTS, wanted)))

    def until(self, day: date) -> ChartRange:
        """The same range ending on ``day`` at the latest."""
        return ChartRange(self.first_day, min(self.last_day, day), self.max_points)
