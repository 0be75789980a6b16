"""ABS units backed by a real pool (securitisation): linking a catalogue product to its pool,
and feeding the default model the inputs the pool's own loans show.

The pool-backed unit keeps its plain figures from the same default model as every loan
product (``products.loan_model``); ``set_model_inputs`` replaces the assumed default
probability and loss given default with estimates once the pool has enough history, and the
figures are recomputed as for any change of terms."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from products import figures
from products.errors import ProductsErrorCode
from products.kinds import ProductKind
from products.models import Product


def link_pool(*, session: Session, product_id: int, pool_id: int) -> Product:
    """Make ``product_id`` (an ABS unit not tied to another pool) the senior units of
    ``pool_id``."""
    product = session.get(Product, product_id, with_for_update=False)
    if product is None:
        raise DomainError(ProductsErrorCode.PRODUCT_NOT_FOUND, t("No such product.", "找不到这个产品。"), "productId")
    if product.kind != ProductKind.ABS_UNIT:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("The senior tranche is sold as an ABS_UNIT product.", "优先级份额须以 ABS 产品（ABS_UNIT）发售。"),
            "productId",
        )
    if product.abs_pool_id is not None and product.abs_pool_id != pool_id:
        raise DomainError(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t("This product already belongs to another pool.", "该产品已属于另一个资产池。"),
            "productId",
        )
    product.abs_pool_id = pool_id
    session.flush()
    return product


def set_model_inputs(
    *, session: Session, clock: Clock, product_id: int, default_probability: Decimal, loss_given_default: Decimal
) -> None:
    """The default model's inputs estimated from the pool's own loans; the figures follow."""
    product = session.get(Product, product_id)
    if product is None or product.loan_terms is None:
        return
    terms = product.loan_terms
    if terms.default_probability == default_probability and terms.loss_given_default == loss_given_default:
        return
    terms.default_probability = default_probability
    terms.loss_given_default = loss_given_default
    session.flush()
    figures.refresh(session=session, clock=clock, product=product)
