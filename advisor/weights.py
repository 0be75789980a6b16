"""Weights hygiene: solver output turned into weights that are inside their bounds and add up
to 1 within 1e-9, and percentages for display that add up to exactly 100.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from core.money import largest_remainder

SOLVER_TOLERANCE = 1e-6  # how far a solver's answer may stray from a bound or the budget
_DUST = 1e-10  # weights this small (where the bound allows) are set to zero


class WeightsOutsideBounds(ValueError):
    """The raw answer breaks a bound or the budget by more than ``SOLVER_TOLERANCE``."""


def clean_weights(
    raw: np.ndarray, lower: np.ndarray, upper: np.ndarray, *, tolerance: float = SOLVER_TOLERANCE
) -> np.ndarray:
    """Clip a solver's weights into ``[lower, upper]``, zero the dust, and renormalise so they
    add up to 1 while staying inside the bounds.

    The shortfall (or excess) is spread over the weights in proportion to their room to the
    bound in that direction, preferring positions already held, so no new position is
    created out of rounding noise. Refuses an answer that strays further than ``tolerance``
    (that is a solver failure, not noise).
    """
    weights = np.asarray(raw, dtype=float)
    if weights.shape != lower.shape or not np.all(np.isfinite(weights)):
        raise WeightsOutsideBounds("the solver returned no usable weights")
    stray = max(
        float(np.max(lower - weights, initial=0.0)),
        float(np.max(weights - upper, initial=0.0)),
        abs(float(weights.sum()) - 1.0),
    )
    if stray > tolerance:
        raise WeightsOutsideBounds(f"weights break a bound or the budget by {stray:.2g}")
    weights = np.clip(weights, lower, upper)
    weights[(weights < _DUST) & (lower == 0)] = 0.0
    for _ in range(3):  # one pass is exact up to rounding; the others mop up the last ulp
        gap = 1.0 - float(weights.sum())
        if gap == 0.0:
            break
        room = (upper - weights) if gap > 0 else (weights - lower)
        held = room * (weights > 0)
        share = held if held.sum() >= abs(gap) else room
        if share.sum() <= 0:
            break
        weights = np.clip(weights + gap * share / share.sum(), lower, upper)
    return weights


def percentages(weights: np.ndarray | list[float], decimals: int = 1) -> list[Decimal]:
    """Displayed percentages with ``decimals`` places that add up to exactly 100
    (largest-remainder rounding of the weights' exact shares)."""
    return decimal_percentages([Decimal(repr(float(w))) for w in weights], decimals)


def decimal_percentages(values: list[Decimal], decimals: int = 1) -> list[Decimal]:
    """``percentages`` of exact weights (a stored plan's), in ``Decimal`` only."""
    if any(value < 0 for value in values):
        raise ValueError("percentages need non-negative weights")
    units = largest_remainder(values, 100 * 10**decimals)
    return [Decimal(unit).scaleb(-decimals) for unit in units]
