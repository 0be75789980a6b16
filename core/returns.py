"""Investment returns: time-weighted (daily linking) and money-weighted (XIRR), exact to the
rules stated here, so every caller (portfolio, goal, holding) gets the same figures.

- **Time-weighted return** over days d = 1..n with end-of-day values ``V_d`` (``V_0``: the
  value at the end of the day before the period) and net external flows ``F_d`` into the
  holding on day d, split into inflows ``I_d >= 0`` and outflows ``O_d >= 0``: money coming in
  counts at the start of its day and money going out at its end, so
  ``r_d = (V_d + O_d) / (V_(d-1) + I_d) - 1``; a day that starts with nothing
  (``V_(d-1) + I_d = 0``) has ``r_d = 0``. The period's return is ``prod(1 + r_d) - 1``.
  Inflows first and outflows last is what makes a full redemption (value 0 at the day's end)
  and a first subscription (value 0 at the start) both well defined.
- **Money-weighted return** (XIRR): the annual rate ``x`` with
  ``sum_i c_i / (1 + x)^(t_i / 365) = 0`` over the cash flows ``c_i`` seen from the investor
  (money put in negative, money taken out and the value at the end positive), ``t_i`` days
  after the first. None when it has no root (all flows of one sign) or none in
  ``(-0.9999, 10^6)``. Solved by Brent's method to 1e-12 (scipy).
- A period shorter than a year is **not annualised**: the time-weighted return is the
  period's, and the money-weighted one is ``(1 + x)^(days / 365) - 1``. A year or more is
  annualised: ``(1 + R)^(365 / days) - 1``. Rates are rounded half-even to 8 decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

RATE_QUANTUM = Decimal("0.00000001")
YEAR_DAYS = 365


def rate(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(RATE_QUANTUM)


def daily_returns(start_value: Decimal, days: Sequence[tuple[Decimal, Decimal, Decimal]]) -> list[float]:
    """``r_d`` for each day given as ``(value at its end, inflow, outflow)``."""
    previous = start_value
    out: list[float] = []
    for value, inflow, outflow in days:
        base = previous + inflow
        out.append(0.0 if base <= 0 else float((value + outflow) / base) - 1.0)
        previous = value
    return out


def time_weighted(start_value: Decimal, days: Sequence[tuple[Decimal, Decimal, Decimal]]) -> float:
    """The period's time-weighted return (not annualised): the days' growth factors linked in
    exact decimals (a float ``1 + r`` of a day that lost almost everything keeps too few digits)."""
    growth, previous = Decimal(1), start_value
    for value, inflow, outflow in days:
        base = previous + inflow
        if base > 0:
            growth *= (value + outflow) / base
        previous = value
    return float(growth - 1)


def annualised(period_return: float, days: int) -> float:
    if days < YEAR_DAYS:
        return period_return
    return float((1.0 + period_return) ** (YEAR_DAYS / days) - 1.0) if period_return > -1.0 else -1.0


def xirr(flows: Sequence[tuple[date, Decimal]]) -> float | None:
    """The annual money-weighted rate of ``flows`` (see the module docstring), or None."""
    from scipy.optimize import brentq

    given = [(d, float(c)) for d, c in flows if c != 0]
    if not given or all(c > 0 for _, c in given) or all(c < 0 for _, c in given):
        return None
    first = min(d for d, _ in given)
    times = [((d - first).days / YEAR_DAYS, c) for d, c in given]

    def npv(x: float) -> float:
        return sum(c / math.pow(1.0 + x, t) for t, c in times)

    low, high = -0.9999, 1e6
    try:
        if npv(low) * npv(high) > 0:
            return None
        return float(brentq(npv, low, high, xtol=1e-14, rtol=1e-15, maxiter=500))
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def money_weighted(flows: Sequence[tuple[date, Decimal]], days: int) -> float | None:
    """XIRR, de-annualised for a period under a year (see the module docstring)."""
    x = xirr(flows)
    if x is None:
        return None
    return x if days >= YEAR_DAYS else float((1.0 + x) ** (days / YEAR_DAYS) - 1.0)
