"""Prices for orders and holdings, read from the recorded history: the NAV of a trade day,
a money fund's income per 10,000 units of a day, the latest two NAVs of many products at
once, and many products with their terms and figures at once (for valuing holdings without
one query per product), and the NAVs of many products over a range (charts)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from products.models import PRODUCT_DETAILS, IncomePoint, NavPoint, Product


def load_products(*, session: Session, product_ids: Iterable[int]) -> dict[int, Product]:
    """Products by id with their fee schedules, loan terms and figures, in a fixed number of
    statements whatever their number."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    query = select(Product).where(Product.id.in_(ids)).options(*PRODUCT_DETAILS)
    return {product.id: product for product in session.scalars(query).unique()}


def nav_on(*, session: Session, product_id: int, day: date) -> Decimal | None:
    """An equity fund's NAV recorded for ``day`` (None while it is not recorded)."""
    return session.scalar(select(NavPoint.nav).where(NavPoint.product_id == product_id, NavPoint.date == day))


def income_on(*, session: Session, product_id: int, day: date) -> Decimal | None:
    """A money fund's income per 10,000 units recorded for ``day`` (None while not recorded)."""
    return session.scalar(
        select(IncomePoint.income_per_10k).where(IncomePoint.product_id == product_id, IncomePoint.date == day)
    )


def latest_navs(*, session: Session, product_ids: Iterable[int], up_to: date) -> dict[int, list[tuple[date, Decimal]]]:
    """For each product the last two NAVs recorded on or before ``up_to`` (newest first; an
    empty list without NAVs), in one statement."""
    ids = list(product_ids)
    if not ids:
        return {}
    rank = func.row_number().over(partition_by=NavPoint.product_id, order_by=NavPoint.date.desc()).label("rank")
    inner = (
        select(NavPoint.product_id, NavPoint.date, NavPoint.nav, rank)
        .where(NavPoint.product_id.in_(ids), NavPoint.date <= up_to)
        .subquery()
    )
    found: dict[int, list[tuple[date, Decimal]]] = {product_id: [] for product_id in ids}
    rows = session.execute(
        select(inner.c.product_id, inner.c.date, inner.c.nav)
        .where(inner.c.rank <= 2)
        .order_by(inner.c.product_id, inner.c.date.desc())
    )
    for product_id, day, nav in rows:
        found[product_id].append((day, nav))
    return found


def navs_between(
    *, session: Session, product_ids: Iterable[int], first_day: date, last_day: date
) -> dict[int, list[tuple[date, Decimal]]]:
    """For each product its NAVs from ``first_day`` to ``last_day`` (ascending), preceded by the
    last one recorded before ``first_day`` if any (the price of record on ``first_day``), in
    two statements."""
    ids = list(product_ids)
    before = latest_navs(session=session, product_ids=ids, up_to=first_day - timedelta(days=1)) if ids else {}
    found: dict[int, list[tuple[date, Decimal]]] = {pid: before[pid][:1] for pid in ids}
    if ids:
        rows = session.execute(
            select(NavPoint.product_id, NavPoint.date, NavPoint.nav)
            .where(NavPoint.product_id.in_(ids), NavPoint.date >= first_day, NavPoint.date <= last_day)
            .order_by(NavPoint.product_id, NavPoint.date)
        )
        for product_id, day, nav in rows:
            found[product_id].append((day, nav))
    return found
