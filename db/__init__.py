"""Database plumbing: the declarative base and its naming convention, column types for exact
decimals and aware datetimes, the engine/session factory and the write-transaction helper
(``BEGIN IMMEDIATE`` on SQLite, ready for ``SELECT ... FOR UPDATE`` on PostgreSQL), and
``db.unique.unique_insert`` for inserts whose unique key a concurrent transaction may take."""

from db.base import Base
from db.session import Database, is_sqlite, write_transaction

__all__ = ["Base", "Database", "is_sqlite", "write_transaction"]
