"""Repayment schedules and the APR, from the contract alone (pure functions, fen as integers).

- Due dates: the start date's day of month in each following month, on the month's last day
  when the month is shorter (31 January -> 28/29 February -> 31 March). Collections run every
  calendar day, so due dates are calendar dates, not trading days (the issue asks for no
  business-day shift; a due date is never moved).
- ``EQUAL_PAYMENTS`` (等额本息): the monthly rate is the annual rate / 12; the payment
  P r / (1 - (1 + r)^-n) is rounded half-even to the fen; each month's interest is the
  outstanding principal x r (half-even) and its principal the payment minus the interest; the
  last instalment takes whatever principal is left, so principals add up to P exactly.
- ``INTEREST_ONLY``: each month the interest P x r (half-even); the principal at maturity.
- APR (PBoC Announcement [2021] No. 3): the monthly internal rate of return of every cash flow
  of the borrower (the drawdown, every instalment; there are no fees) x 12, by bisection.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

EQUAL_PAYMENTS, INTEREST_ONLY = "EQUAL_PAYMENTS", "INTEREST_ONLY"
REPAYMENTS = (EQUAL_PAYMENTS, INTEREST_ONLY)


@dataclass(frozen=True, slots=True)
class Instalment:
    seq: int
    due_date: date
    principal: int
    interest: int

    @property
    def total(self) -> int:
        return self.principal + self.interest


def add_months(start: date, months: int, *, day: int | None = None) -> date:
    """``start`` moved by ``months``, on ``day`` (default: start's day) or the month's last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day or start.day, last))


def half_even(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def build(
    *, principal: int, annual_rate: Decimal, term_months: int, repayment: str, start: date, first_seq: int = 1
) -> list[Instalment]:
    """The instalments of a loan of ``principal`` fen drawn on ``start``."""
    if principal <= 0 or term_months < 1:
        raise ValueError("a schedule needs a positive principal and at least one month")
    r = Decimal(annual_rate) / 12
    dates = [add_months(start, k) for k in range(1, term_months + 1)]
    out: list[Instalment] = []
    if repayment == INTEREST_ONLY:
        interest = half_even(principal * r)
        for k, due in enumerate(dates):
            last = k == term_months - 1
            out.append(Instalment(first_seq + k, due, principal if last else 0, interest))
        return out
    if repayment != EQUAL_PAYMENTS:
        raise ValueError(f"unknown repayment {repayment!r}")
    if r == 0:
        payment = Decimal(principal) / term_months
    else:
        payment = principal * r / (1 - (1 + r) ** -term_months)
    payment_fen = half_even(payment)
    left = principal
    for k, due in enumerate(dates):
        interest = half_even(left * r)
        part = left if k == term_months - 1 else min(left, max(payment_fen - interest, 0))
        out.append(Instalment(first_seq + k, due, part, interest))
        left -= part
    return out


def apr(principal: int, instalments: list[Instalment]) -> Decimal:
    """Monthly IRR of the borrower's cash flows x 12, to 6 places (instalments are monthly)."""
    flows = [Decimal(-principal)] + [Decimal(0)] * len(instalments)
    for i, instalment in enumerate(instalments, 1):
        flows[i] += instalment.total

    def npv(rate: Decimal) -> Decimal:
        return sum((flow / (1 + rate) ** k for k, flow in enumerate(flows)), Decimal(0))

    low, high = Decimal("-0.5"), Decimal("1")
    for _ in range(80):
        mid = (low + high) / 2
        if npv(mid) > 0:
            low = mid
        else:
            high = mid
    return ((low + high) / 2 * 12).quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)


def daily_rate(annual: Decimal) -> Decimal:
    """The day rate shown beside the APR (annual / 365, 6 places: e.g. 0.000329 = 0.0329%)."""
    return (annual / 365).quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)
