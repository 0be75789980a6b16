"""Inserting a row whose key must be unique when a concurrent transaction may insert the same
key between our check and our insert.

Services check first (``find_by_email``, ``find_by_code``) to refuse the ordinary duplicate
with a clear error. On PostgreSQL two transactions can both pass that check; the second
insert then waits for the first to commit and fails with a unique violation. ``unique_insert``
runs the insert in a savepoint and turns exactly that violation into the same ``DomainError``
the check raises, so the loser of the race gets the ordinary answer instead of a server
error, and the session stays usable. Any other integrity error is re-raised unchanged.
(SQLite serialises writers with ``BEGIN IMMEDIATE``, so there the check alone decides.)

    with unique_insert(session, User.__table__, ("email",), error=lambda: DomainError(...)):
        session.add(user)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Table, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def _unique_names(table: Table, columns: Sequence[str]) -> set[str]:
    """The names of ``table``'s unique constraints and unique indexes on exactly ``columns``."""
    wanted = set(columns)
    names = {
        str(constraint.name)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint) and {c.name for c in constraint.columns} == wanted
    }
    names |= {str(index.name) for index in table.indexes if index.unique and {c.name for c in index.columns} == wanted}
    return names


def is_unique_violation(error: IntegrityError, table: Table, columns: Sequence[str]) -> bool:
    """Whether ``error`` is a violation of the unique key ``table(columns)``."""
    diag = getattr(error.orig, "diag", None)
    if diag is not None:  # psycopg: the violated constraint by name
        return getattr(diag, "constraint_name", None) in _unique_names(table, columns)
    message = str(error.orig)  # sqlite3: "UNIQUE constraint failed: users.email"
    prefix = "UNIQUE constraint failed: "
    if not message.startswith(prefix):
        return False
    failed = {part.strip() for part in message[len(prefix) :].split(",")}
    return failed == {f"{table.name}.{column}" for column in columns}


@contextmanager
def unique_insert(
    session: Session, table: Table, columns: Sequence[str], *, error: Callable[[], Exception]
) -> Iterator[None]:
    """Run the block (which adds the row) and flush it inside a savepoint; a violation of the
    unique key ``table(columns)`` rolls the savepoint back and raises ``error()``."""
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError as exc:
        if not is_unique_violation(exc, table, columns):
            raise
        raise error() from None
