"""Engine and session factory.

``Database.read()`` gives a session for queries; ``Database.write()`` a session inside a write
transaction that commits on success and rolls back on any exception, so nothing is ever
half-written. On SQLite the write transaction starts with ``BEGIN IMMEDIATE`` (the writer
lock is taken up front, so a read-check-write cannot be overtaken by another writer); on
PostgreSQL domain code locks the rows it changes with ``SELECT ... FOR UPDATE`` in a fixed
order (see ``lock_rows``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

WRITE_OPTION = "robo_write"
AUTOCOMMIT_OPTION = "robo_autocommit"


def is_sqlite(bind: Engine | Session) -> bool:
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    return engine.dialect.name == "sqlite"


def _prepare_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - driver glue
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        options = connection.get_execution_options()
        if options.get(AUTOCOMMIT_OPTION, False):
            return  # one statement on its own: SQLite runs it atomically without BEGIN
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE_OPTION, False) else "BEGIN")


def make_engine(url: str, **kwargs) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        _prepare_sqlite(engine)
        return engine
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
    if parsed.get_backend_name() == "postgresql":
        # An unreachable server fails fast (health checks answer 503 instead of hanging).
        kwargs["connect_args"] = {"connect_timeout": 10, **kwargs.get("connect_args", {})}
    return create_engine(url, **kwargs)


class Database:
    """One engine and its session factory; create one per process (or per test)."""

    def __init__(self, url: str, **engine_kwargs) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        # Shares the engine's pool; its connections run each statement on its own.
        if self.engine.dialect.name == "sqlite":
            self._autocommit = self.engine.execution_options(**{AUTOCOMMIT_OPTION: True})
        else:
            self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def capacity(self) -> int | None:
        """How many connections the pool holds at most (its size and overflow), or None when
        it has no fixed bound (an in-memory SQLite database's single connection, no pool)."""
        pool = self.engine.pool
        if isinstance(pool, QueuePool):
            return pool.size() + max(0, pool._max_overflow)
        return None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; any transaction it opened is rolled back at the end."""
        with self.sessions() as session:
            yield session

    def single_read(self) -> Connection:
        """A connection for one read statement outside any transaction: no BEGIN and
        ROLLBACK around it (the viewer lookup of every request). Use it as a context
        manager; for several statements that must agree, use ``read()``."""
        return self._autocommit.connect()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session inside one write transaction: commit on success, roll back on error."""
        with self.sessions() as session:
            write_transaction(session)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def write_transaction(session: Session) -> None:
    """Begin ``session``'s transaction as a write transaction (``BEGIN IMMEDIATE`` on SQLite).
    Must be called before the session touches the database."""
    session.connection(execution_options={WRITE_OPTION: True})


def lock_rows(session: Session, statement):
    """``statement.with_for_update()`` on PostgreSQL; on SQLite the write transaction already
    holds the database's writer lock. Callers lock rows in ascending id order."""
    if is_sqlite(session):
        return statement
    return statement.with_for_update()


def insert_if_absent(session: Session, model, values: dict, *, unique: list[str]) -> None:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING`` on SQLite and PostgreSQL: creates the
    row unless one with the same ``unique`` columns exists, without failing the transaction
    when a concurrent transaction inserted it first (follow it with a locking ``SELECT``)."""
    if is_sqlite(session):
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    session.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=unique))
