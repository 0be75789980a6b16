"""Solving one request, relaxing what cannot be met in a documented order before giving up.
Every relaxation is returned (code, products, plain message) and stored with the
recommendation.

The order:

1. ``LIQUIDITY_FLOOR_CAPPED``: the liquidity floor (what the user may need within a year,
   held in money funds) exceeds the amount: the whole amount goes to money funds.
2. ``LIQUIDITY_FLOOR_DROPPED``: no money fund is open to the user: no floor.
3. ``PRODUCT_SHARE_LIFTED``: the products open to the user cannot take the whole amount at
   30% each: that cap is lifted.
4. ``BELOW_MINIMUM_DROPPED``: products whose share comes out below their minimum amount are
   dropped and the problem is solved again (repeated until every holding meets its minimum;
   2 and 3 are checked again each time).

It gives up with an ``AdviceError`` naming the binding constraint when nothing is left to
recommend (``NO_ELIGIBLE_PRODUCT``, or ``AMOUNT_BELOW_MINIMUM`` when minimums are what
excluded them), when the category's illiquid or P2P share cannot be kept while fully
invested (``KIND_LIMITS_INFEASIBLE``), or when even the least risky portfolio's tail loss
is above the category's ceiling (``RISK_LIMIT_UNATTAINABLE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from operator import methodcaller

import numpy as np

from advisor import texts
from advisor.eligibility import Eligibility, Exclusion, Terms
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.platform import Bounds, Optimum, PlatformModel
from core.errors import t
from core.money import Money, largest_remainder

_FULL = 1.0 - 1e-9


class RelaxationCode(StrEnum):
    """The relaxations, in the order they are tried (see the module docstring)."""

    LIQUIDITY_FLOOR_CAPPED = "LIQUIDITY_FLOOR_CAPPED"
    LIQUIDITY_FLOOR_DROPPED = "LIQUIDITY_FLOOR_DROPPED"
    PRODUCT_SHARE_LIFTED = "PRODUCT_SHARE_LIFTED"
    BELOW_MINIMUM_DROPPED = "BELOW_MINIMUM_DROPPED"


@dataclass(frozen=True)
class Relaxation:
    code: RelaxationCode
    message: str
    products: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"code": str(self.code), "message": self.message, "products": list(self.products)}


@dataclass(frozen=True, eq=False)
class Solved:
    weights: np.ndarray  # per product (floats adding up to 1 within 1e-9)
    minor_amounts: list[int]  # per product, adding up exactly to the amount
    optimum: Optimum
    relaxations: list[Relaxation] = field(default_factory=list)


def _fill(
    upper: np.ndarray, illiquid: np.ndarray, p2p: np.ndarray, illiquid_cap: float, p2p_cap: float
) -> tuple[float, float, float]:
    """The largest share the products can take together within both group limits, and that
    share without each limit (to name the one that binds). Products in one group only go
    first: that never costs room in the other group."""
    liquid_other = float(upper[~illiquid & ~p2p].sum())
    locked_other = float(upper[illiquid & ~p2p].sum())
    liquid_p2p = float(upper[~illiquid & p2p].sum())
    locked_p2p = float(upper[illiquid & p2p].sum())

    def most(cap_illiquid: float, cap_p2p: float) -> float:
        b = min(locked_other, cap_illiquid)
        c = min(liquid_p2p, cap_p2p)
        d = max(0.0, min(locked_p2p, cap_illiquid - b, cap_p2p - c))
        return liquid_other + b + c + d

    return most(illiquid_cap, p2p_cap), most(np.inf, p2p_cap), most(illiquid_cap, np.inf)


def solve_request(model: PlatformModel, terms: Terms, eligible: Eligibility, *, locale: str) -> Solved:
    data = model.data
    products = data.scenarios.products
    limits = terms.limits
    money, illiquid, p2p = data.money, data.illiquid, data.p2p
    words = texts.of(locale)
    amount_minor = terms.amount.to_minor()
    minimums = data.minimums
    upper = eligible.upper.copy()
    relaxations: list[Relaxation] = []
    floor = terms.floor_fraction
    if floor > 1.0:
        relaxations.append(
            Relaxation(RelaxationCode.LIQUIDITY_FLOOR_CAPPED, words.floor_capped(terms.liquidity_need, terms.amount))
        )
        floor = 1.0
    dropped: list[int] = []
    for _ in range(len(products) + 1):
        if not (upper > 0).any():
            raise _nothing_left(eligible, dropped, products, terms)
        used_floor = floor
        if floor > 0 and not (upper[money] > 0).any():
            if not any(r.code == "LIQUIDITY_FLOOR_DROPPED" for r in relaxations):
                relaxations.append(
                    Relaxation(RelaxationCode.LIQUIDITY_FLOOR_DROPPED, words.floor_dropped(terms.liquidity_need))
                )
            used_floor = 0.0
        if upper.sum() < _FULL:
            upper = np.where(upper > 0, 1.0, 0.0)
            if not any(r.code == "PRODUCT_SHARE_LIFTED" for r in relaxations):
                relaxations.append(Relaxation(RelaxationCode.PRODUCT_SHARE_LIFTED, words.share_lifted()))
        both, without_illiquid, without_p2p = _fill(upper, illiquid, p2p, limits.illiquid_share, limits.p2p_share)
        if both < _FULL:
            illiquid_binds = without_illiquid - both >= without_p2p - both
            raise AdviceError(
                AdvisorErrorCode.KIND_LIMITS_INFEASIBLE,
                texts.both(methodcaller("kind_limits", limits, illiquid_binds)),
                constraint="illiquidShare" if illiquid_binds else "p2pShare",
            )
        bounds = Bounds(
            upper=upper,
            floor=used_floor,
            illiquid_cap=limits.illiquid_share,
            p2p_cap=limits.p2p_share,
            tail_cap=limits.tail_loss,
            risk_aversion=limits.risk_aversion,
        )
        optimum = model.optimise(bounds, affinity=limits.category)
        if not optimum.feasible:
            least = model.optimise(
                Bounds(
                    upper=upper,
                    floor=used_floor,
                    illiquid_cap=limits.illiquid_share,
                    p2p_cap=limits.p2p_share,
                    tail_cap=10.0,
                    risk_aversion=1.0,
                    return_weight=1e-6,
                ),
                affinity=limits.category,
            )
            raise AdviceError(
                AdvisorErrorCode.RISK_LIMIT_UNATTAINABLE,
                texts.both(methodcaller("risk_limit", limits, least.cvar)),
                constraint="tailLoss",
            )
        minor = largest_remainder([Decimal(repr(float(w))) for w in optimum.weights], amount_minor)
        minor_array = np.array(minor, dtype=np.int64)
        below = np.nonzero((optimum.weights > 0) & ((minor_array < minimums) | (minor_array == 0)))[0]
        if not len(below):
            if dropped:
                codes = tuple(products[j].code for j in dropped)
                relaxations.append(Relaxation(RelaxationCode.BELOW_MINIMUM_DROPPED, words.below_minimum(codes), codes))
            return Solved(optimum.weights, minor, optimum, relaxations)
        upper[below] = 0.0
        dropped.extend(int(j) for j in below)
    raise AdviceError(  # pragma: no cover
        AdvisorErrorCode.SOLVER_FAILED, t("the minimum amounts could not be met", "无法满足起购金额要求")
    )


def _nothing_left(eligible: Eligibility, dropped: list[int], products, terms: Terms) -> AdviceError:
    minimum_bound = dropped or any(why is Exclusion.MINIMUM_ABOVE_SHARE for why in eligible.excluded.values())
    if minimum_bound:
        candidates = [j for j, why in eligible.excluded.items() if why is Exclusion.MINIMUM_ABOVE_SHARE] + dropped
        smallest = min(Money(products[j].minimum_amount, products[j].currency) for j in candidates)
        return AdviceError(
            AdvisorErrorCode.AMOUNT_BELOW_MINIMUM,
            texts.both(methodcaller("amount_below_minimum", terms.amount, smallest)),
            "amount",
            constraint="minimumAmount",
        )
    return AdviceError(
        AdvisorErrorCode.NO_ELIGIBLE_PRODUCT,
        texts.both(methodcaller("no_product", terms)),
        constraint="suitability",
    )
