"""The plain figures of a pool-backed unit: the same default model as every loan product
(``products.loan_model``, documented there), with its inputs estimated from the pool's own
loans once there is enough history, and a statement of what is observed and what assumed.

Estimates (once the pool is at least ``MIN_MONTHS`` whole calendar months past its closing and
``MIN_RESOLVED`` of its loans are resolved: paid off or in default, both counted as of the
month's payment date, so a month run late counts the same loans):

- default probability: defaulted / resolved loans (terms of 1-12 months: about a year's
  default rate), smoothed as the scorecard's grades are (``(defaults + 1) / (n + 2)``);
- loss given default: 1 - (principal recovered after default / principal at default);
- prepayment: the share of resolved loans repaid early at least once (reported; the model
  keeps amortising on schedule, so prepayment does not move the figures).

Before that the product manager's assumptions stand, and the page says so. The switch happens
at a monthly run (``refresh``, as of its payment date); the product page reads the basis as of
the last run (``in_force``), so what it says is what the figures in force were computed from.
The correlation of defaults, the number of loans, the credit enhancement and the trigger stay
the product's terms (assumed) either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import Text, t
from lending import sales, schedule
from products import service as products
from securitisation.models import AbsPool, AbsTranche
from securitisation.pools import SENIOR

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
    note: Text
    as_of: date | None = None


def months_between(first: date, last: date) -> int:
    """Whole calendar months from ``first`` to ``last`` (the same day of a later month counts;
    the 31st's month ends on the last day of a shorter month)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if months > 0 and schedule.add_months(first, months) > last:
        months -= 1
    return max(0, months)


def basis(session: Session, *, pool: AbsPool, as_of: date) -> Basis:
    """What the pool's own loans say as of the end of ``as_of``, and whether that is enough to
    replace the product manager's assumptions."""
    months = 0 if pool.closed_on is None else months_between(pool.closed_on, as_of)
    if pool.closed_on is None:
        return Basis(False, 0, 0, 0, None, None, None, _note(False, 0, 0), as_of)
    resolved = sales.resolved(session, pool_id=pool.id, as_of=as_of)
    if resolved.loans == 0:
        return Basis(False, months, 0, 0, None, None, None, _note(False, months, 0), as_of)
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
        observed,
        months,
        resolved.loans,
        resolved.defaulted,
        pd,
        lgd,
        prepay,
        _note(observed, months, resolved.loans),
        as_of,
    )


def in_force(session: Session, *, pool: AbsPool) -> Basis:
    """The basis of the figures in force: as of the pool's last run (its closing before the
    first), when ``refresh`` last looked."""
    day = pool.last_run_date or pool.closed_on or pool.closing_date
    return basis(session, pool=pool, as_of=day)


def _note(observed: bool, months: int, resolved: int) -> Text:
    if observed:
        return t(
            f"Default probability and loss given default are observed in the pool's own {resolved} resolved loans "
            f"over {months} months; the correlation of defaults, the loan count and the credit enhancement are "
            "assumed (the product's terms).",
            f"违约概率和违约损失率取自本资产池自身 {months} 个月内已结清或违约的 {resolved} 笔贷款的实际表现；"
            "违约相关性、贷款笔数和信用增级为假设值（产品条款）。",
        )
    return t(
        f"Assumed by the product manager: the pool has {months} month(s) and {resolved} resolved loan(s); "
        f"its own figures are used from {MIN_MONTHS} months and {MIN_RESOLVED} resolved loans.",
        f"目前为产品经理的假设值：本资产池已运行 {months} 个月、{resolved} 笔贷款已结清或违约；"
        f"满 {MIN_MONTHS} 个月且达到 {MIN_RESOLVED} 笔后改用资产池自身数据。",
    )


def refresh(session: Session, *, clock: Clock, pool: AbsPool, senior: AbsTranche, day: date) -> Basis:
    """At the month whose payment date is ``day``: feed the observed inputs to the senior
    product's figures once they are observed (from then on every month, as they move)."""
    found = basis(session, pool=pool, as_of=day)
    if found.observed and senior.product_id is not None and found.default_probability is not None:
        products.set_model_inputs(
            session=session,
            clock=clock,
            product_id=senior.product_id,
            default_probability=found.default_probability,
            loss_given_default=found.loss_given_default or Decimal(1),
        )
    return found


OBSERVED = "OBSERVED"
ASSUMED = "ASSUMED"


@dataclass(frozen=True, slots=True)
class ModelInput:
    """One input of the default model behind the senior unit's figures: the value the figures
    in force use, where it comes from, and the pool's own estimate so far (None: not estimated
    from the loans)."""

    name: str
    value: Decimal | None
    source: str  # OBSERVED | ASSUMED
    estimate: Decimal | None


def inputs_in_force(session: Session, *, pool: AbsPool) -> tuple[Basis, list[ModelInput]]:
    """The basis in force (``in_force``) and each input of the figures with its source: default
    probability and loss given default are OBSERVED once the basis is, the rest stay ASSUMED."""
    found = in_force(session, pool=pool)
    senior = session.execute(
        select(AbsTranche).where(AbsTranche.pool_id == pool.id, AbsTranche.name == SENIOR)
    ).scalar_one_or_none()
    product = None
    if senior is not None and senior.product_id is not None:
        product = products.load_product(session=session, product_id=senior.product_id)
    terms = None if product is None else product.loan_terms
    source = OBSERVED if found.observed else ASSUMED

    def value(name: str) -> Decimal | None:
        raw = None if terms is None else getattr(terms, name)
        return None if raw is None else Decimal(raw)

    return found, [
        ModelInput("DEFAULT_PROBABILITY", value("default_probability"), source, found.default_probability),
        ModelInput("LOSS_GIVEN_DEFAULT", value("loss_given_default"), source, found.loss_given_default),
        ModelInput("ASSET_CORRELATION", value("asset_correlation"), ASSUMED, None),
        ModelInput("LOAN_COUNT", value("loan_count"), ASSUMED, None),
        ModelInput("CREDIT_ENHANCEMENT", value("credit_enhancement"), ASSUMED, None),
    ]
