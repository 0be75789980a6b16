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

from core.settings import Settings
from db import routing

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


def make_engine(url: str, *, pgbouncer: bool = False, **kwargs) -> Engine:
    """An engine for ``url``. ``pgbouncer``: the server is a transaction-pooling PgBouncer, so
    psycopg never prepares statements on the server (``prepare_threshold=None``): a prepared
    statement lives on one server connection, and the next transaction may run on another."""
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
        if pgbouncer:
            kwargs["connect_args"]["prepare_threshold"] = None
    return create_engine(url, **kwargs)


class Database:
    """One engine and its session factory; create one per process (or per test). With a
    ``replica_url`` (a streaming replica), ``read(replica=True)`` reads there (``db.routing``)."""

    def __init__(self, url: str, *, replica_url: str | None = None, pgbouncer: bool = False, **engine_kwargs) -> None:
        self.url = url
        self.pgbouncer = pgbouncer
        self.engine = make_engine(url, pgbouncer=pgbouncer, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self.replica_url = replica_url
        self.replica_engine: Engine | None = None
        self.replica_sessions: sessionmaker[Session] | None = None
        if replica_url:
            self.replica_engine = make_engine(replica_url, pgbouncer=pgbouncer, **engine_kwargs)
            self.replica_sessions = sessionmaker(self.replica_engine, expire_on_commit=False, autoflush=False)
        # Shares the engine's pool; its connections run each statement on its own.
        if self.engine.dialect.name == "sqlite":
            self._autocommit = self.engine.execution_options(**{AUTOCOMMIT_OPTION: True})
        else:
            self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """The process's database as the ``ROBO_DATABASE_*`` settings describe it."""
        options: dict[str, int] = {}
        if not settings.is_sqlite:
            options = {"pool_size": settings.database_pool_size, "max_overflow": settings.database_max_overflow}
        return cls(
            settings.database_url,
            replica_url=settings.database_read_url,
            pgbouncer=settings.database_pgbouncer,
            **options,
        )

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
    def read(self, *, replica: bool = False) -> Iterator[Session]:
        """A session for reading; any transaction it opened is rolled back at the end. With
        ``replica`` (a read that tolerates the replica's lag) it reads the replica, if any."""
        sessions = self.replica_sessions if replica and self.replica_sessions is not None else self.sessions
        with sessions() as session:
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
        routing.write_committed()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.replica_engine is not None:
            self.replica_engine.dispose()


def write_transaction(session: Session) -> None:
    """Begin ``session``'s transaction as a write transaction (``BEGIN IMMEDIATE`` on SQLite).
    Must be called before the session touches the database."""
    session.connection(execution_options={WRITE_OPTION: True})


def lock_rows(session: Session, statement, *, no_key: bool = False):
    """``statement.with_for_update()`` on PostgreSQL; on SQLite the write transaction already
    holds the database's writer lock. Callers lock rows in ascending id order. ``no_key``
    takes ``FOR NO KEY UPDATE``: it does not conflict with the ``FOR KEY SHARE`` lock that a
    foreign key to the row takes (see ``users.service.lock_user``)."""
    if is_sqlite(session):
        return statement
    return statement.with_for_update(key_share=no_key)  # key_share without read: FOR NO KEY UPDATE


def insert_if_absent(session: Session, model, values: dict, *, unique: list[str]) -> None:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING`` on SQLite and PostgreSQL: creates the
    row unless one with the same ``unique`` columns exists, without failing the transaction
    when a concurrent transaction inserted it first (follow it with a locking ``SELECT``)."""
    if is_sqlite(session):
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    session.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=unique))
