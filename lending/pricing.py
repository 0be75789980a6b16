"""The price of a loan by grade, and the penalty rate; both within ``ROBO_LENDING_MAX_APR``
(24% by default: the APR, penalty interest included, never exceeds it). Grade E gets no
offer. With no fees the APR of a loan equals its annual rate (``schedule.apr`` computes it).

What "within the cap" means, and why the two ceilings below keep it: the borrower's cost is
the APR of what they actually pay, measured as the quoted APR is (the monthly internal rate
of return of every cash flow x 12, a day inside a month counting as its share of that month's
days), and it never exceeds the cap ``m``, however late or early they pay:

- penalty interest accrues only on overdue principal (never on interest or on penalties: no
  compounding), per calendar day, truncated to the fen, and overdue principal stops bearing
  the contract rate at its due date (the schedule's later interest is on the scheduled
  balance), so the penalty rate is all an overdue fen costs;
- a day of penalty at ``p`` costs ``p / 365``; a day at the cap, in a month of 31 days (the
  shortest share of a month a day can be), grows money by ``(1 + m/12)^(1/31) - 1``. The
  penalty rate is at most ``365 x ((1 + m/12)^(1/31) - 1)`` (23.3234% for a 24% cap), so no
  day of penalty costs more than a day at the cap;
- interest to the day on an early repayment is the period's interest pro rata of its days,
  ``r/12 x f``, truncated; compounding at the cap gives ``(1 + m/12)^f - 1 >= f ln(1 + m/12)``.
  The contract rate is at most ``12 ln(1 + m/12)`` (23.7631% for 24%), so no part of a month
  costs more than the cap either. The grades' prices (7.2%-18%) are below both ceilings at the
  default cap; a lower ``ROBO_LENDING_MAX_APR`` lowers them.

Paying late, or early, therefore replaces a flow worth its value at the cap by one worth no
more, and the schedule itself costs at most the cap: the whole never does
(``tests/lending/test_cost_cap.py`` checks it over grades, terms, caps and payment patterns).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from core.settings import Settings

RATES = {"A": Decimal("0.072"), "B": Decimal("0.108"), "C": Decimal("0.144"), "D": Decimal("0.18")}
MIN_TERM, MAX_TERM = 1, 12
PLACES = Decimal("0.000001")
LONGEST_MONTH = 31


def contract_ceiling(max_apr: Decimal) -> Decimal:
    """The highest contract rate whose interest to the day never costs more than ``max_apr``."""
    return (12 * (1 + Decimal(max_apr) / 12).ln()).quantize(PLACES, rounding=ROUND_DOWN)


def penalty_ceiling(max_apr: Decimal) -> Decimal:
    """The highest penalty rate of which no day costs more than a day at ``max_apr``."""
    day = (1 + Decimal(max_apr) / 12) ** (Decimal(1) / LONGEST_MONTH) - 1
    return (365 * day).quantize(PLACES, rounding=ROUND_DOWN)


def annual_rate(grade: str, settings: Settings) -> Decimal | None:
    rate = RATES.get(grade)
    return None if rate is None else min(rate, contract_ceiling(settings.lending_max_apr))


def penalty_rate(rate: Decimal, settings: Settings) -> Decimal:
    """The loan's rate x ``ROBO_LENDING_PENALTY_MULTIPLE``, within the penalty ceiling."""
    return min((rate * settings.lending_penalty_multiple).quantize(PLACES), penalty_ceiling(settings.lending_max_apr))
