"""The servicer waterfall's rules as pure functions of whole fen (no rounding inside: every
amount allocated is a minimum of what is due and what is left, so the parts always add up to
what came in; the property tests check it).

Interest (available funds: the month's interest and penalties, recoveries on loans already
recognised as defaulted, and last month's residue), in order:

1. fees (servicing) due;
2. senior interest due; a shortfall of 1-2 is drawn from the reserve;
3. mezzanine interest due (also from the reserve when short);
4. the principal-deficiency ledger: this month's defaulted principal plus any deficiency
   carried, cured by moving excess spread to the principal side;
5. the reserve topped up to its target;
6. the rest to the subordinated tranche (the lender).

Principal (collected principal plus what step 4 moved plus cash not spent before): during
the revolving period it buys new eligible loans (the purchase is the caller's: what it could
find); after it, or once a trigger fired, it pays down senior, then mezzanine, then
subordinated (sequential). Losses not cured are written down subordinated first, then
mezzanine, then senior.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

DAYS_PER_YEAR = 365


def accrual(balance: int, rate: Decimal, start: date, end: date) -> int:
    """Interest of ``balance`` fen at ``rate`` a year over ``(start, end]``, actual/365,
    truncated to the fen."""
    days = max(0, (end - start).days)
    return int((Decimal(balance) * rate * days / DAYS_PER_YEAR).to_integral_value(rounding=ROUND_DOWN))


@dataclass(frozen=True, slots=True)
class InterestDue:
    available: int  # interest funds
    reserve: int  # the reserve's balance before the month
    reserve_target: int
    fees: int
    senior: int
    mezzanine: int
    deficiency: int  # this month's defaults plus the deficiency carried


@dataclass(frozen=True, slots=True)
class InterestAllocation:
    fees: int
    senior: int
    mezzanine: int
    reserve_draw: int
    cured: int
    reserve_topup: int
    subordinated: int

    @property
    def allocated(self) -> int:
        return self.fees + self.senior + self.mezzanine + self.cured + self.reserve_topup + self.subordinated


def allocate_interest(due: InterestDue) -> InterestAllocation:
    """Allocate ``due.available`` (plus what the reserve gives for a shortfall of fees,
    senior or mezzanine interest): ``allocated == available + reserve_draw``."""
    left, reserve, draw = due.available, due.reserve, 0
    paid = []
    for amount in (due.fees, due.senior, due.mezzanine):
        take = min(left, amount)
        left -= take
        short = amount - take
        if short and reserve:
            from_reserve = min(short, reserve)
            reserve -= from_reserve
            draw += from_reserve
            take += from_reserve
        paid.append(take)
    cured = min(left, due.deficiency)
    left -= cured
    topup = min(left, max(0, due.reserve_target - reserve))
    left -= topup
    return InterestAllocation(paid[0], paid[1], paid[2], draw, cured, topup, left)


def pay_down(available: int, balances: Sequence[int]) -> list[int]:
    """Sequential pay-down of the tranches (most senior first) with ``available`` fen."""
    paid, left = [], available
    for balance in balances:
        take = min(left, balance)
        paid.append(take)
        left -= take
    return paid


def write_down(loss: int, balances: Sequence[int]) -> list[int]:
    """A loss written down on the tranches, most junior first (``balances`` most senior
    first); what exceeds every tranche is not written (nothing is left to write it on)."""
    cuts, left = [0] * len(balances), loss
    for index in range(len(balances) - 1, -1, -1):
        take = min(left, balances[index])
        cuts[index] = take
        left -= take
    return cuts


def guarantee(loss: int, share: Decimal) -> int:
    """The guarantor's part of a senior loss, truncated to the fen."""
    return int((Decimal(loss) * share).to_integral_value(rounding=ROUND_DOWN))
