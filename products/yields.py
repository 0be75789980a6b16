"""The money fund's 7-day annualised yield, in exact decimals.

Daily carry-over convention (NOTES.md): ``(prod_{i=1..7} (1 + R_i / 10,000))^(365/7) - 1``
with ``R_i`` the income per 10,000 units of the 7 calendar days ending on the latest day.
Computed with 34 significant digits and rounded half-even to 6 places (0.018417 = 1.8417%);
like every figure, at most +1,000% (``products.estimates.MAX_ANNUAL_RETURN``: a week of
incomes near the 10,000 bound would otherwise annualise to over 10^100).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, localcontext

from core.money import RATE_PLACES, round_half_even
from products.estimates import MAX_ANNUAL_RETURN

DAYS = 7


def seven_day_annualized_yield(incomes_per_10k: Sequence[Decimal]) -> Decimal:
    """The yield from exactly 7 daily incomes per 10,000 units."""
    if len(incomes_per_10k) != DAYS:
        raise ValueError("the 7-day yield needs exactly 7 daily incomes")
    with localcontext() as context:
        context.prec = 34
        growth = Decimal(1)
        for income in incomes_per_10k:
            growth *= 1 + income / Decimal(10_000)
        annual = min((growth.ln() * Decimal(365) / Decimal(DAYS)).exp() - 1, Decimal(MAX_ANNUAL_RETURN))
    return round_half_even(annual, RATE_PLACES)


def last_seven_days(points: Sequence[tuple[date, Decimal]]) -> list[Decimal] | None:
    """The incomes of the 7 calendar days ending on the latest recorded day, or None when
    one of those days is missing. ``points`` are ascending by date."""
    if len(points) < DAYS:
        return None
    tail = points[-DAYS:]
    latest = tail[-1][0]
    expected = [latest - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    if [day for day, _ in tail] != expected:
        return None
    return [value for _, value in tail]
