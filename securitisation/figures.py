"""The plain figures of a pool-backed unit: the same default model as every loan product
(``products.loan_model``, documented there), with its inputs estimated from the pool's own
loans once there is enough history, and a statement of what is observed and what assumed.

Estimates (once the pool is at least ``MIN_MONTHS`` months old and ``MIN_RESOLVED`` of its
loans are resolved: paid off or in default):

- default probability: defaulted / resolved loans (terms of 1-12 months: about a year's
  default rate), smoothed as the scorecard's grades are (``(defaults + 1) / (n + 2)``);
- loss given default: 1 - (principal recovered after default / principal at default);
- prepayment: the share of resolved loans repaid early at least once (reported; the model
  keeps amortising on schedule, so prepayment does not move the figures).

Before that the product manager's assumptions stand, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from core.clock import Clock
from lending import sales
from products import service as products
from securitisation.models import AbsPool, AbsTranche

MIN_MONTHS = 12
MIN_RESOLVED = 500
PLACES = Decimal("0.000001")


@dataclass(frozen=True, slots=True)
class Basis:
    observed: bool
    months: int
    resolved_loans: int
    defaulted_loans: int
    default_probability: Decimal | None
    loss_given_default: Decimal | None
    prepayment: Decimal | None
    note: str


def basis(session: Session, *, clock: Clock, pool: AbsPool) -> Basis:
    resolved = sales.resolved(session, pool_id=pool.id)
    months = 0 if pool.closed_on is None else max(0, (clock.today() - pool.closed_on).days * 12 // 365)
    if resolved.loans == 0:
        return Basis(False, months, 0, 0, None, None, None, _note(False, months, 0))
    pd = (Decimal(resolved.defaulted + 1) / (resolved.loans + 2)).quantize(PLACES)
    lgd = (
        Decimal(1) - Decimal(resolved.recovered) / resolved.defaulted_principal
        if resolved.defaulted_principal
        else Decimal(1)
    )
    lgd = min(Decimal(1), max(Decimal(0), lgd)).quantize(PLACES)
    prepay = (Decimal(resolved.prepaid) / resolved.loans).quantize(PLACES)
    observed = months >= MIN_MONTHS and resolved.loans >= MIN_RESOLVED
    return Basis(
        observed, months, resolved.loans, resolved.defaulted, pd, lgd, prepay, _note(observed, months, resolved.loans)
    )


def _note(observed: bool, months: int, resolved: int) -> str:
    if observed:
        return (
            f"Default probability and loss given default are observed in the pool's own {resolved} resolved loans "
            f"over {months} months; the correlation and the loan count are assumed."
        )
    return (
        f"Assumed by the product manager: the pool has {months} month(s) and {resolved} resolved loan(s); "
        f"its own figures are used from {MIN_MONTHS} months and {MIN_RESOLVED} resolved loans."
    )


def refresh(session: Session, *, clock: Clock, pool: AbsPool, senior: AbsTranche) -> Basis:
    """Feed the observed inputs to the senior product's figures once they are observed."""
    found = basis(session, clock=clock, pool=pool)
    if found.observed and senior.product_id is not None and found.default_probability is not None:
        products.set_model_inputs(
            session=session,
            clock=clock,
            product_id=senior.product_id,
            default_probability=found.default_probability,
            loss_given_default=found.loss_given_default or Decimal(1),
        )
    return found
