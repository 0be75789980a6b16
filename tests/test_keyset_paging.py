"""Keyset paging (``db.keyset``) in both directions over listings with ties: paging forward
with ``first/after`` and backward with ``last/before`` both see every row once, in the
listing's order, whatever the page size."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select

from db import keyset

METADATA = MetaData()
ROWS = Table("rows", METADATA, Column("id", Integer, primary_key=True), Column("n", Integer), Column("s", String))


def _listing(rows, descending_value: bool):
    """The reference order: by ``n`` (descending or not), then by id ascending."""
    return sorted(rows, key=lambda row: ((-row[1] if descending_value else row[1]), row[0]))


def _pages(connection, *, descending_value: bool, size: int, backward: bool):
    columns, directions = [ROWS.c.n, ROWS.c.id], [descending_value, False]
    seen, key = [], None
    while True:
        statement = keyset.page(
            select(ROWS.c.id, ROWS.c.n), columns, descending=directions, key=key, backward=backward, limit=size + 1
        )
        rows = [tuple(row) for row in connection.execute(statement)]
        page = rows[:size]
        if backward:
            page.reverse()
            seen = page + seen
        else:
            seen += page
        if len(rows) <= size:
            return seen
        boundary = page[0] if backward else page[-1]
        key = boundary[1], boundary[0]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(-3, 3), max_size=25),
    size=st.integers(1, 6),
    descending_value=st.booleans(),
    backward=st.booleans(),
)
def test_paging_either_way_sees_every_row_once_in_order(values, size, descending_value, backward):
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as connection:
        if values:
            connection.execute(insert(ROWS), [{"id": i + 1, "n": n, "s": "x"} for i, n in enumerate(values)])
        expected = _listing([(i + 1, n) for i, n in enumerate(values)], descending_value)
        assert _pages(connection, descending_value=descending_value, size=size, backward=backward) == expected
