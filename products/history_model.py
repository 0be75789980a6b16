"""Figures from a history of returns: equity funds (daily NAVs) and money funds (daily
income per 10,000 units).

Model and assumptions
---------------------
- Equity fund: daily log returns ``ln(NAV_t / NAV_t-1)`` over the whole recorded history.
  Published NAVs are already net of the yearly management and custody fees, so those are
  not deducted again. Returns are taken as independent and normal: over one year
  (``P`` returns a year, measured from the dates) the log return is normal with mean
  ``P * mean`` and volatility ``sqrt(P) * std``.
- Money fund: the daily return is ``income per 10,000 units / 10,000`` per calendar day.
  Daily money-fund returns are strongly persistent (the yield level moves slowly), so the
  year's volatility is taken as ``365 * std`` of the daily return (a whole year at the
  lower or higher yields of the past), not the much smaller ``sqrt(365) * std``.
- Fees charged to the investor on top (both kinds): the subscription fee is paid on entry
  (net amount = amount / (1 + rate)) and the redemption fee of the schedule for units held
  one year on exit; both scale the one-year value.
- From the normal log return: expected return ``exp(mu + s^2/2) - 1``, the typical range is
  the 10th to 90th percentile, the bad year the 5th percentile, and the VaR-equivalent
  volatility is ``s``.
- Maximum drawdown: the largest fall from a previous peak of the value series
  (the NAVs, or the money fund's accumulated value), over the recorded history.
- Extreme histories (a day losing almost everything, NAVs near zero, wild swings): the
  normal model stops being believable beyond a yearly volatility of 80% (where the PRIIPs
  top class starts), so the expected return takes no more convexity than that (``s^2/2``
  with ``s`` at most 0.8): wild swings never promise a windfall the history did not earn,
  while the percentiles keep the full volatility, so a product that lost almost everything
  shows a loss of almost everything. No figure exceeds +1,000% a year (a history implying
  more extrapolates a short trend); losses need no cap, -100% being the worst. Every
  figure is finite for any history the catalogue accepts (NAVs above 0, incomes above
  -10,000 per 10,000 units).

History is no promise: the figures say what the recorded past implies, nothing more.
"""

from __future__ import annotations

import math

import numpy as np

from products.estimates import MAX_ANNUAL_RETURN, Z_05, Z_10, Estimate

CONVEXITY_VOLATILITY_CAP = 0.8  # see "Extreme histories" above
MAX_RETURN = float(MAX_ANNUAL_RETURN)
_MAX_LOG_GROWTH = math.log1p(MAX_RETURN)


def _growth_to_return(log_growth: float) -> float:
    """A one-year log growth as a return, capped at ``MAX_RETURN`` (never overflows)."""
    return min(math.expm1(min(log_growth, _MAX_LOG_GROWTH)), MAX_RETURN)


def max_drawdown(levels: np.ndarray) -> float:
    """The largest relative fall from a running peak (0 for a series that never falls)."""
    if len(levels) < 2:
        return 0.0
    peaks = np.maximum.accumulate(levels)
    return float(np.max(1.0 - levels / peaks))


def estimate_from_log_returns(
    log_returns: np.ndarray,
    *,
    periods_per_year: float,
    persistent: bool = False,
    entry_fee: float = 0.0,
    exit_fee: float = 0.0,
    drawdown: float | None = None,
) -> Estimate:
    """One-year figures from per-period log returns (see the module docstring)."""
    if len(log_returns) < 2:
        raise ValueError("at least two returns are needed")
    mean = float(np.mean(log_returns)) * periods_per_year
    std = float(np.std(log_returns, ddof=1))
    sigma = std * (periods_per_year if persistent else math.sqrt(periods_per_year))
    fees = math.log1p(-exit_fee) - math.log1p(entry_fee)

    convexity = min(sigma, CONVEXITY_VOLATILITY_CAP) ** 2 / 2

    def at(z: float) -> float:
        return _growth_to_return(mean + z * sigma + fees)

    return Estimate(
        expected_return=_growth_to_return(mean + convexity + fees),
        low=at(Z_10),
        high=at(-Z_10),
        bad_year_return=at(Z_05),
        volatility=sigma,
        var_equivalent_volatility=sigma,
        max_drawdown=drawdown,
    )


def nav_estimate(days: list, navs: np.ndarray, *, entry_fee: float, exit_fee: float) -> Estimate:
    """Equity fund figures from NAVs on ``days`` (ascending dates)."""
    log_returns = np.diff(np.log(navs))
    span_years = (days[-1] - days[0]).days / 365.25
    periods_per_year = len(log_returns) / span_years
    return estimate_from_log_returns(
        log_returns,
        periods_per_year=periods_per_year,
        entry_fee=entry_fee,
        exit_fee=exit_fee,
        drawdown=max_drawdown(navs),
    )


def income_estimate(incomes_per_10k: np.ndarray, *, entry_fee: float, exit_fee: float) -> Estimate:
    """Money fund figures from daily incomes per 10,000 units (one per calendar day)."""
    daily = incomes_per_10k / 10_000.0
    log_returns = np.log1p(daily)
    levels = np.exp(np.concatenate(([0.0], np.cumsum(log_returns))))
    return estimate_from_log_returns(
        log_returns,
        periods_per_year=365.0,
        persistent=True,
        entry_fee=entry_fee,
        exit_fee=exit_fee,
        drawdown=max_drawdown(levels),
    )
