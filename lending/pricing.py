"""The price of a loan by grade, and the penalty rate; both within ``ROBO_LENDING_MAX_APR``
(24% by default: the APR, penalty interest included, never exceeds it). Grade E gets no
offer. With no fees the APR of a loan equals its annual rate (``schedule.apr`` computes it)."""

from __future__ import annotations

from decimal import Decimal

from core.settings import Settings

RATES = {"A": Decimal("0.072"), "B": Decimal("0.108"), "C": Decimal("0.144"), "D": Decimal("0.18")}
MIN_TERM, MAX_TERM = 1, 12


def annual_rate(grade: str, settings: Settings) -> Decimal | None:
    rate = RATES.get(grade)
    return None if rate is None else min(rate, settings.lending_max_apr)


def penalty_rate(rate: Decimal, settings: Settings) -> Decimal:
    return min((rate * settings.lending_penalty_multiple).quantize(Decimal("0.000001")), settings.lending_max_apr)
