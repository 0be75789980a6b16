"""Walking the ids of a table in batches (keyset order), each batch read in its own short
transaction, optionally one shard of them (``id % n == k``, filtered in SQL) so that several
workers can split a nightly job without overlapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, select

from db.session import Database


def ids_in_batches(
    database: Database,
    column: Any,
    *conditions: ColumnElement[bool],
    batch: int = 200,
    shard: tuple[int, int] = (0, 1),
) -> Iterator[int]:
    """The distinct values of the integer ``column`` meeting ``conditions``, ascending, read
    ``batch`` at a time (ids seen by one batch's query are never read again); with
    ``shard=(k, n)`` only those equal to k modulo n."""
    for ids in id_batches(database, column, *conditions, batch=batch, shard=shard):
        yield from ids


def id_batches(
    database: Database,
    column: Any,
    *conditions: ColumnElement[bool],
    batch: int = 200,
    shard: tuple[int, int] = (0, 1),
) -> Iterator[list[int]]:
    """``ids_in_batches``, one list per batch (for jobs that read or write a batch at once)."""
    k, n = shard
    if not 0 <= k < n:
        raise ValueError(f"shard {k} of {n}: give 0 <= k < n")
    after = 0
    while True:
        statement = select(column).where(column > after, *conditions)
        if n > 1:
            statement = statement.where(column % n == k)
        with database.read() as session:
            ids = list(session.scalars(statement.distinct().order_by(column).limit(batch)))
        if not ids:
            return
        after = ids[-1]
        yield ids
