"""Loading products by id or code (with their terms and figures), for every module of the
domain and for the others (``service`` re-exports these)."""

from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.util import identity_key

from core.errors import DomainError, t
from db.session import lock_rows
from products.errors import ProductsErrorCode
from products.models import PRODUCT_DETAILS, Product


def get_product(*, session: Session, product_id: int, lock: bool = False, field: str = "productId") -> Product:
    """The product (with its terms and figures loaded), or PRODUCT_NOT_FOUND."""
    if lock:  # FOR UPDATE cannot take the outer joins of joinedload: one statement per relation
        query = lock_rows(
            session,
            select(Product)
            .where(Product.id == product_id)
            .options(
                selectinload(Product.redemption_fees), selectinload(Product.loan_terms), selectinload(Product.figures)
            ),
        )
    else:
        loaded = _loaded(session, product_id)
        if loaded is not None:
            return loaded
        query = select(Product).where(Product.id == product_id).options(*PRODUCT_DETAILS)
    product = session.scalar(query)
    if product is None:
        raise DomainError(ProductsErrorCode.PRODUCT_NOT_FOUND, t("No such product.", "产品不存在。"), field)
    return product


def _loaded(session: Session, product_id: int) -> Product | None:
    """The product already in the session with its details loaded: reading it again would give
    the same object without refreshing what it holds (the session's identity map), so a job
    placing many orders of one product reads it once per transaction."""
    product = session.identity_map.get(identity_key(Product, product_id))
    if product is None:
        return None
    state = inspect(product)
    if state.expired_attributes or {"redemption_fees", "loan_terms", "figures"} & state.unloaded:
        return None
    return product  # type: ignore[no-any-return]


def find_by_code(*, session: Session, code: str) -> Product | None:
    return session.scalar(select(Product).where(Product.code == code.strip().upper()))
