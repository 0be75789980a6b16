"""Keyset paging in either direction over a listing ordered by a few columns.

A listing has an order (``columns``, each ascending or descending, the last one unique). A page
starts past a boundary row's key: forward, the rows after it in the listing's order; backward
(``last/before``), the rows before it, read in the reverse order so that ``LIMIT`` takes the
ones nearest to the boundary. The caller turns a backward page round again (the API's
``build_connection`` does), so pages always read in the listing's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, and_, false, or_
from sqlalchemy.sql.elements import ColumnElement

S = TypeVar("S", bound=Select[Any])


def page(
    statement: S,
    columns: Sequence[ColumnElement[Any]],
    *,
    descending: Sequence[bool],
    key: Sequence[Any] | None,
    backward: bool = False,
    limit: int,
) -> S:
    """``statement`` limited to ``limit`` rows past ``key`` (none: from the start, or from the
    end when ``backward``), ordered by ``columns`` (reversed when ``backward``)."""
    if len(columns) != len(descending) or (key is not None and len(key) != len(columns)):
        raise ValueError("a keyset names one direction and one key value per column")
    # Reading backward is reading forward in the opposite order.
    order = [desc != backward for desc in descending]
    if key is not None:
        statement = statement.where(_beyond(columns, order, key))
    return statement.order_by(*(c.desc() if d else c.asc() for c, d in zip(columns, order))).limit(limit)


def _beyond(columns: Sequence[ColumnElement[Any]], descending: Sequence[bool], key: Sequence[Any]) -> Any:
    """Rows strictly past ``key`` in the order ``columns``/``descending`` (lexicographic)."""
    condition: Any = false()
    for column, desc, value in reversed(list(zip(columns, descending, key))):
        past = column < value if desc else column > value
        condition = or_(past, and_(column == value, condition))
    return condition
