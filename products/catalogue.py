"""Reading the catalogue: filtered, sorted, keyset-paged product lists with terms and
figures loaded in a fixed number of statements (never one per product), pages of NAV and
income history for many products at once, and the catalogue version.

``catalogue_version`` changes whenever a product goes on sale or leaves it, or an on-sale
product's terms, data or figures change (every such change bumps the product's
``revision``). The advisor caches on it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, func, or_, select, type_coerce
from sqlalchemy.orm import Session, contains_eager, selectinload

from core.errors import CommonErrorCode, DomainError, t
from core.money import RATE_PLACES, to_scaled_int
from core.risk import Qualification, RiskLevel
from db import keyset
from db.counting import count_rows
from products.kinds import LiquidityKind, ProductKind, ProductStatus
from products.models import IncomePoint, NavPoint, Product, ProductFigures

NO_RETURN = -(10**15)  # sorts products without figures after every real return


class SortBy(StrEnum):
    NAME = "NAME"  # English name, A to Z
    RISK_LEVEL = "RISK_LEVEL"  # R1 first
    EXPECTED_RETURN = "EXPECTED_RETURN"  # highest first; products without figures last
    MINIMUM_AMOUNT = "MINIMUM_AMOUNT"  # smallest first


@dataclass(frozen=True, slots=True)
class ProductFilter:
    statuses: frozenset[ProductStatus] = frozenset({ProductStatus.ON_SALE})
    # The qualified-investor tests the viewer passes (None: every product, for staff).
    qualifications: frozenset[Qualification] | None = frozenset()
    kind: ProductKind | None = None
    max_risk_level: RiskLevel | None = None
    liquidity: LiquidityKind | None = None
    search: str | None = None  # in the code and both names, any case


def _sort_column(sort: SortBy):
    if sort is SortBy.NAME:
        return Product.name_en
    if sort is SortBy.RISK_LEVEL:
        return Product.risk_level
    if sort is SortBy.MINIMUM_AMOUNT:
        return type_coerce(Product.minimum_amount, BigInteger)
    return func.coalesce(type_coerce(ProductFigures.expected_annual_return, BigInteger), NO_RETURN)


def sort_key(product: Product, sort: SortBy) -> list[Any]:
    """The cursor of a product in a list sorted by ``sort``."""
    if sort is SortBy.NAME:
        value: Any = product.name_en
    elif sort is SortBy.RISK_LEVEL:
        value = product.risk_level
    elif sort is SortBy.MINIMUM_AMOUNT:
        value = to_scaled_int(product.minimum_amount, 2)
    else:
        figures = product.figures
        value = NO_RETURN if figures is None else to_scaled_int(figures.expected_annual_return, RATE_PLACES)
    return [value, product.id]


def cursor_types(sort: SortBy) -> tuple[type, type]:
    """The types of the cursor key of a list sorted by ``sort`` (see ``sort_key``): the sort
    value (text for names and risk levels, a scaled integer otherwise) and the product id."""
    return (str if sort in (SortBy.NAME, SortBy.RISK_LEVEL) else int, int)


def _check_cursor(after: list[Any], sort: SortBy) -> tuple[Any, int]:
    types = cursor_types(sort)
    if len(after) != 2 or any(isinstance(v, bool) or not isinstance(v, t) for v, t in zip(after, types)):
        raise DomainError(
            CommonErrorCode.INVALID_CURSOR,
            t("The cursor does not belong to this sort order.", "该游标不属于当前排序方式。"),
            "after",
        )
    return after[0], after[1]


def _with_terms(query):
    return query.options(selectinload(Product.redemption_fees), selectinload(Product.loan_terms))


def list_products(
    *,
    session: Session,
    filters: ProductFilter,
    sort: SortBy,
    limit: int,
    after: list[Any] | None = None,
    backward: bool = False,
) -> list[Product]:
    """Up to ``limit`` products after the cursor ``after`` (``backward``: before it, in the
    reverse order; see ``db.keyset``), with terms and figures loaded in three statements
    whatever the number of products."""
    query = _with_terms(select(Product).outerjoin(Product.figures).options(contains_eager(Product.figures))).where(
        *_conditions(filters)
    )
    column = _sort_column(sort)
    descending = sort is SortBy.EXPECTED_RETURN
    key = None if after is None else _check_cursor(after, sort)
    query = keyset.page(
        query, [column, Product.id], descending=[descending, False], key=key, backward=backward, limit=limit
    )
    return list(session.scalars(query).unique())


def _conditions(filters: ProductFilter) -> list[Any]:
    """What ``filters`` ask of a product, as SQL conditions."""
    conditions: list[Any] = [Product.status.in_([status.value for status in filters.statuses])]
    if filters.qualifications is not None:
        shown = [Product.qualified_only.is_(False)]
        if Qualification.ASSET_MANAGEMENT in filters.qualifications:
            shown.append(Product.kind != ProductKind.ABS_UNIT.value)
        if Qualification.PRIVATE_FUND in filters.qualifications:
            shown.append(Product.kind == ProductKind.ABS_UNIT.value)
        conditions.append(or_(*shown))
    if filters.kind is not None:
        conditions.append(Product.kind == filters.kind.value)
    if filters.max_risk_level is not None:
        allowed = [level.value for level in RiskLevel if level.rank <= filters.max_risk_level.rank]
        conditions.append(Product.risk_level.in_(allowed))
    if filters.liquidity is not None:
        conditions.append(Product.liquidity == filters.liquidity.value)
    if filters.search:
        pattern = "%" + filters.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(*(column.ilike(pattern, escape="\\") for column in (Product.code, Product.name_zh, Product.name_en)))
        )
    return conditions


def count_products(*, session: Session, filters: ProductFilter) -> int:
    """How many products ``filters`` select (all pages)."""
    return count_rows(session, select(Product.id).where(*_conditions(filters)))


def load_product(*, session: Session, product_id: int) -> Product | None:
    """One product with its terms and figures, or None."""
    query = _with_terms(select(Product).where(Product.id == product_id)).options(selectinload(Product.figures))
    return session.scalar(query)


def catalogue_version(*, session: Session) -> str:
    """A short fingerprint of everything on sale (see the module docstring)."""
    rows = session.execute(
        select(Product.id, Product.revision).where(Product.status == ProductStatus.ON_SALE.value).order_by(Product.id)
    ).all()
    digest = hashlib.sha256(",".join(f"{row.id}:{row.revision}" for row in rows).encode())
    return digest.hexdigest()[:16]


# --- history pages -----------------------------------------------------------------------

PageKey = tuple[int, int, date | None, bool]  # (product id, limit, boundary date, backward)


def count_history(*, session: Session, kind: ProductKind, product_id: int) -> int:
    """How many NAVs (equity funds) or incomes (money funds) the product has."""
    model = NavPoint if kind is ProductKind.EQUITY_FUND else IncomePoint
    return count_rows(session, select(model.date).where(model.product_id == product_id))


def history_pages(
    *, session: Session, kind: ProductKind, keys: Iterable[PageKey]
) -> dict[PageKey, list[tuple[date, Decimal]]]:
    """Newest-first pages of NAVs (equity funds) or incomes (money funds) for many products,
    each before its boundary date (``backward``: after it, oldest first; see ``db.keyset``):
    one statement per distinct (limit, boundary, direction), so a list of products costs one."""
    model, column = (
        (NavPoint, NavPoint.nav) if kind is ProductKind.EQUITY_FUND else (IncomePoint, IncomePoint.income_per_10k)
    )
    groups: dict[tuple[int, date | None, bool], list[int]] = defaultdict(list)
    for product_id, limit, boundary, backward in keys:
        groups[(limit, boundary, backward)].append(product_id)
    pages: dict[PageKey, list[tuple[date, Decimal]]] = {}
    for (limit, boundary, backward), product_ids in groups.items():
        order = model.date.asc() if backward else model.date.desc()
        rank = func.row_number().over(partition_by=model.product_id, order_by=order).label("rank")
        inner = select(model.product_id, model.date, column.label("value"), rank).where(
            model.product_id.in_(product_ids)
        )
        if boundary is not None:
            inner = inner.where(model.date > boundary if backward else model.date < boundary)
        inner = inner.subquery()
        rows = session.execute(
            select(inner.c.product_id, inner.c.date, inner.c.value)
            .where(inner.c.rank <= limit)
            .order_by(inner.c.product_id, inner.c.rank)
        ).all()
        found: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
        for row in rows:
            found[row.product_id].append((row.date, row.value))
        for product_id in product_ids:
            pages[(product_id, limit, boundary, backward)] = found.get(product_id, [])
    return pages
