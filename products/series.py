"""A product's history as a chart series: one statement for the range, then downsampled
(``core.series.downsample``) to the points a chart can show.

Metrics and the kinds they apply to (any other kind: an empty series, never an error):

- ``NAV``: equity funds, the NAV of each trading day recorded (a money fund's NAV is fixed at
  1.00 and has no history; loan products have none);
- ``INCOME_PER_10K``: money funds, the income per 10,000 units of each calendar day recorded;
- ``SEVEN_DAY_YIELD``: money funds, the 7-day annualised yield of each day whose 7 calendar
  days (the day and the 6 before it) all have an income, computed exactly as the product
  page's figure (``products.yields``), so the last point equals ``sevenDayAnnualizedYield``.

Days run from ``first_day`` to ``last_day``, both included.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.series import Point, downsample
from products import yields
from products.kinds import ProductKind
from products.models import IncomePoint, NavPoint


class Metric(StrEnum):
    NAV = "NAV"
    INCOME_PER_10K = "INCOME_PER_10K"
    SEVEN_DAY_YIELD = "SEVEN_DAY_YIELD"


APPLIES_TO = {
    Metric.NAV: ProductKind.EQUITY_FUND,
    Metric.INCOME_PER_10K: ProductKind.MONEY_FUND,
    Metric.SEVEN_DAY_YIELD: ProductKind.MONEY_FUND,
}


def _recorded(session: Session, metric: Metric, product_id: int, first_day: date, last_day: date) -> list[Point]:
    model, column = (NavPoint, NavPoint.nav) if metric is Metric.NAV else (IncomePoint, IncomePoint.income_per_10k)
    rows = session.execute(
        select(model.date, column)
        .where(model.product_id == product_id, model.date >= first_day, model.date <= last_day)
        .order_by(model.date)
    )
    return [(day, value) for day, value in rows]


def seven_day_yields(incomes: list[Point], first_day: date) -> list[Point]:
    """The 7-day yield of every day from ``first_day`` whose week of incomes is complete
    (``incomes`` ascending, one per day)."""
    found = []
    for i in range(yields.DAYS - 1, len(incomes)):
        day = incomes[i][0]
        # dates are distinct and ascending: 7 of them spanning 6 days are 7 consecutive days
        if day >= first_day and incomes[i - yields.DAYS + 1][0] == day - timedelta(days=yields.DAYS - 1):
            window = [value for _, value in incomes[i - yields.DAYS + 1 : i + 1]]
            found.append((day, yields.seven_day_annualized_yield(window)))
    return found


def product_series(
    *,
    session: Session,
    product_id: int,
    kind: ProductKind,
    metric: Metric,
    first_day: date,
    last_day: date,
    max_points: int,
) -> list[Point]:
    """The ``metric`` of the product from ``first_day`` to ``last_day``, at most
    ``max_points`` of them (empty when the metric does not apply to ``kind``)."""
    if APPLIES_TO[metric] is not kind or last_day < first_day:
        return []
    if metric is Metric.SEVEN_DAY_YIELD:
        incomes = _recorded(session, metric, product_id, first_day - timedelta(days=yields.DAYS - 1), last_day)
        points = seven_day_yields(incomes, first_day)
    else:
        points = _recorded(session, metric, product_id, first_day, last_day)
    return downsample(points, max_points)
