"""Credit events of loan products (ABS units and P2P products): on a day, a fraction of the
pool's loans defaulted. Product managers record them (audited), one per product and day; the
wallet's loan job reads them and reduces every payment due on or after the event.

The loss a payment suffers (``loss_fraction``): the pool loses L = min(1, sum of the
defaulted fractions recorded up to the payment's day) x the loss given default; an ABS
tranche with attachment A (its credit enhancement) and detachment D loses
clip((L - A) / (D - A), 0, 1) (NOTES.md, "ABS and P2P"); a P2P product with a guarantor
loses L x (1 - the guarantor's share), with a risk reserve max(0, L - the reserve); without
cover, L. The platform never guarantees principal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import RATE_PLACES
from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime
from products import audit
from products.audit import Actor
from products.errors import ProductsErrorCode
from products.kinds import LossCover, ProductKind
from products.models import Product
from products.records import get_product

AUDIT_ACTION = "CREDIT_EVENT_RECORDED"


class CreditEvent(Base):
    """``defaulted_fraction`` of the product's pool defaulted on ``day``."""

    __tablename__ = "product_credit_events"
    __table_args__ = (UniqueConstraint("product_id", "day"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    defaulted_fraction: Mapped[Decimal] = mapped_column(ScaledDecimal(RATE_PLACES))
    recorded_by: Mapped[int | None] = mapped_column(
        BigIntPK, ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


def record_credit_event(
    *, session: Session, clock: Clock, actor: Actor, product_id: int, day: date, defaulted_fraction: Decimal
) -> CreditEvent:
    """Record that ``defaulted_fraction`` (0 < f <= 1) of the pool defaulted on ``day`` (not
    after today). Recording the same event again changes nothing; another fraction for a day
    already recorded is refused (payments may already have used it)."""
    product = get_product(session=session, product_id=product_id, lock=True)
    if not ProductKind(product.kind).is_loan:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Credit events belong to ABS units and P2P products.", "只有 ABS 份额和 P2P 产品才有信用事件。"),
            "productId",
        )
    if not isinstance(defaulted_fraction, Decimal) or not (0 < defaulted_fraction <= 1):
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                "The defaulted fraction is above 0 and at most 1 (0.02 = 2%).",
                "违约比例须大于 0 且不超过 1（0.02 = 2%）。",
            ),
            "defaultedFraction",
        )
    if day > clock.today():
        raise DomainError(
            ProductsErrorCode.DATE_IN_FUTURE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来日期。"),
            "date",
        )
    existing = session.scalar(select(CreditEvent).where(CreditEvent.product_id == product.id, CreditEvent.day == day))
    if existing is not None:
        if existing.defaulted_fraction == defaulted_fraction:
            return existing
        raise DomainError(
            ProductsErrorCode.DUPLICATE_DATE,
            t(
                f"{day.isoformat()} already has a credit event of {existing.defaulted_fraction}; recorded events are not changed.",
                f"{day.isoformat()} 已记录违约比例为 {existing.defaulted_fraction} 的信用事件；已记录的事件不可修改。",
            ),
            "date",
        )
    earlier = session.scalar(
        select(func.coalesce(func.sum(CreditEvent.defaulted_fraction), 0)).where(CreditEvent.product_id == product.id)
    )
    if Decimal(earlier) + defaulted_fraction > 1:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                f"Together with the events already recorded ({Decimal(earlier)}) this is more than the whole pool.",
                f"加上已记录的事件（{Decimal(earlier)}），违约比例将超过整个资产池。",
            ),
            "defaultedFraction",
        )
    event = CreditEvent(
        product_id=product.id,
        day=day,
        defaulted_fraction=defaulted_fraction,
        recorded_by=actor.id,
        recorded_at=clock.now(),
    )
    session.add(event)
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=AUDIT_ACTION,
        changes={f"defaulted_fraction@{day.isoformat()}": (None, defaulted_fraction)},
    )
    session.flush()
    return event


Events = list[tuple[date, Decimal]]


def events_of(*, session: Session, product_ids: Iterable[int]) -> dict[int, Events]:
    """The credit events of each product, oldest first (one statement)."""
    ids = list(product_ids)
    found: dict[int, Events] = defaultdict(list)
    if ids:
        rows = session.execute(
            select(CreditEvent.product_id, CreditEvent.day, CreditEvent.defaulted_fraction)
            .where(CreditEvent.product_id.in_(ids))
            .order_by(CreditEvent.product_id, CreditEvent.day)
        )
        for product_id, day, fraction in rows:
            found[product_id].append((day, fraction))
    return {product_id: found.get(product_id, []) for product_id in ids}


def loss_fraction(*, product: Product, events: Events, day: date) -> Decimal:
    """The share of a payment due on ``day`` that the defaults recorded so far take (exact)."""
    defaulted = min(Decimal(1), sum((fraction for when, fraction in events if when <= day), Decimal(0)))
    terms = product.loan_terms
    if defaulted == 0 or terms is None:
        return Decimal(0)
    pool_loss = defaulted * (terms.loss_given_default if terms.loss_given_default is not None else Decimal(1))
    if ProductKind(product.kind) is ProductKind.ABS_UNIT:
        attach = terms.credit_enhancement or Decimal(0)
        detach = terms.detachment if terms.detachment is not None else Decimal(1)
        return min(Decimal(1), max(Decimal(0), (pool_loss - attach) / (detach - attach)))
    cover = LossCover(terms.loss_cover) if terms.loss_cover is not None else LossCover.NONE
    ratio = terms.loss_cover_ratio or Decimal(0)
    if cover is LossCover.GUARANTOR:
        return pool_loss * (1 - ratio)
    if cover is LossCover.RISK_RESERVE:
        return max(Decimal(0), pool_loss - ratio)
    return pool_loss
