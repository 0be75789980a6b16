"""Shared fixtures: settings, a manual clock, a migrated database per test (SQLite, and
PostgreSQL where reachable), the app with a GraphQL client, and small factories.

Every test that takes ``db`` runs twice: on a fresh SQLite file and on PostgreSQL. The
PostgreSQL run uses a database created for this test session (so parallel runs never
collide) and empties every table after each test. Without a reachable server those runs
skip with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

import migrations
from core.clock import ManualClock
from core.settings import Settings
from db.session import Database
from migrations.models import metadata

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Thursday morning: a trading day before the 15:00 cut-off.
DEFAULT_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Hypothesis judges no example by its wall-clock time: the suite runs on shared, loaded machines
# (every core busy under xdist), where a 200 ms deadline fails tests that are right.
hypothesis_settings.register_profile("robo", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("robo")


def test_settings(**overrides) -> Settings:
    """Settings for tests: cheap password hashing, test environment, demo defaults."""
    values = dict(
        env="test",
        argon2_time_cost=1,
        argon2_memory_cost_kib=1024,
        database_url="sqlite://",
        cors_origins=["http://localhost:3000"],
        web_dist="",  # the API alone (tests/api/test_web_app_serving.py serves a built app)
    )
    values.update(overrides)
    return Settings(**values)


test_settings.__test__ = False  # a helper, not a test, wherever it is imported


@pytest.fixture
def settings() -> Settings:
    return test_settings()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(DEFAULT_NOW)


# --- databases ---------------------------------------------------------------------------


def _postgres_url() -> str | None:
    url = os.environ.get("ROBO_TEST_POSTGRES_URL")
    if url:
        return url
    parsed = make_url(DEFAULT_PG_URL)
    try:
        with socket.create_connection((parsed.host, parsed.port or 5432), timeout=0.5):
            return DEFAULT_PG_URL
    except OSError:
        return None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file that each test copies (migrating once per session)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    migrations.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A PostgreSQL database for this test session, migrated once, dropped at the end."""
    base = _postgres_url()
    if base is None:
        pytest.skip(
            "PostgreSQL not reachable: set ROBO_TEST_POSTGRES_URL or start the server on "
            "127.0.0.1:5432 (.ci/run exports the URL when it is up)"
        )
    parsed = make_url(base)
    name = f"robo_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            # A throwaway database: commits need not wait for the disk (the suite runs faster).
            connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    except Exception as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {parsed.render_as_string(hide_password=True)} unusable: {error}")
    url = parsed.set(database=name).render_as_string(hide_password=False)
    try:
        migrations.upgrade(url)
        _remember_seeded_rows(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# Reference data the migrations seed (the trading calendar): kept as migrated, restored after
# every test empties the tables.
SEEDED_TABLES = ("trading_calendar_state", "trading_closures")
_seeded_rows: dict[str, dict[str, list]] = {}


def _remember_seeded_rows(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        _seeded_rows[url] = {
            name: [dict(row) for row in connection.execute(metadata.tables[name].select()).mappings()]
            for name in SEEDED_TABLES
        }
    engine.dispose()


def _truncate_all(database: Database) -> None:
    """Empty every table the migrations created (a model whose migration is not written yet
    is left to ``tests/test_migrations.py`` to report), then put the seeded reference data
    back as the migrations left it.

    ``TRUNCATE`` waits for every transaction that touched a table: one left open by an earlier
    test (a thread or a server it did not stop) would stall this worker for good. So the wait
    is bounded; then the leftovers are named in a warning, ended, and the tables emptied."""
    try:
        _truncate_and_restore(database, lock_timeout="30s")
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        leftovers = _end_other_connections(database)
        warnings.warn(f"an earlier test left transactions open on {database.url}, ended now: {leftovers}", stacklevel=2)
        _truncate_and_restore(database, lock_timeout="0")


def _truncate_and_restore(database: Database, *, lock_timeout: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(f"SET LOCAL lock_timeout = '{lock_timeout}'"))
        existing = set(inspect(connection).get_table_names()) - {"alembic_version"}
        names = [table.name for table in metadata.sorted_tables if table.name in existing]
        names += sorted(existing - set(names))
        if names:
            tables = ", ".join(f'"{name}"' for name in names)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for name, rows in _seeded_rows.get(database.url, {}).items():
            if rows:
                connection.execute(metadata.tables[name].insert(), rows)


def _end_other_connections(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT pid, state, left(query, 200) AS query, pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE '%transaction%'"
            )
        ).all()
    return [f"pid {row.pid} ({row.state}): {row.query}" for row in rows]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db(request, tmp_path) -> Iterator[Database]:
    """A freshly migrated, empty database: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "robo.db"
        shutil.copyfile(template, path)
        database = Database(f"sqlite:///{path}")
        yield database
        database.dispose()
    else:
        url = request.getfixturevalue("postgres_database")
        database = Database(url, pool_size=20, max_overflow=20)
        _truncate_all(database)
        yield database
        database.dispose()


@pytest.fixture
def sqlite_db(tmp_path, sqlite_template) -> Iterator[Database]:
    """SQLite only: for tests of SQLite-specific behaviour."""
    path = tmp_path / "robo.db"
    shutil.copyfile(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def pg_db(postgres_database) -> Iterator[Database]:
    """PostgreSQL only: for tests that need real concurrency."""
    database = Database(postgres_database, pool_size=20, max_overflow=20)
    _truncate_all(database)
    yield database
    database.dispose()


# --- the app -----------------------------------------------------------------------------


class GraphQLClient:
    """Posts GraphQL to the app; remembers a bearer token after ``sign_in``. It asks for
    English (``Accept-Language: en``; the users of ``make_user`` speak English too), so tests
    read English messages; the tests of Chinese messages ask for them."""

    def __init__(self, http, language: str | None = "en") -> None:
        self.http = http
        self.token: str | None = None
        self.language = language

    def post(self, query: str, variables: dict | None = None, *, token: str | None = None, headers=None):
        all_headers = dict(headers or {})
        if self.language is not None:
            all_headers.setdefault("Accept-Language", self.language)
        bearer = token if token is not None else self.token
        if bearer:
            all_headers["Authorization"] = f"Bearer {bearer}"
        return self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=all_headers)

    def execute(self, query: str, variables: dict | None = None, **kwargs) -> dict:
        """The JSON answer (``data`` and ``errors``); asserts the HTTP layer said 200."""
        response = self.post(query, variables, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict | None = None, **kwargs) -> dict:
        """``data`` of an answer that must have no top-level errors."""
        body = self.execute(query, variables, **kwargs)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def sign_in(self, email: str, password: str) -> str:
        data = self.data(
            "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code message } } }",
            {"i": {"email": email, "password": password}},
            token="",
        )
        assert data["login"]["userErrors"] == [], data
        self.token = data["login"]["token"]
        return self.token

    def as_user(self, email: str, password: str = "correct-horse-battery") -> GraphQLClient:
        other = GraphQLClient(self.http, self.language)
        other.sign_in(email, password)
        return other


@pytest.fixture
def app(db, settings, clock):
    from api.app import create_app

    return create_app(settings, db=db, clock=clock, run_periodic_jobs=False)


@pytest.fixture
def http(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        yield client


@pytest.fixture
def gql(http) -> GraphQLClient:
    return GraphQLClient(http)


# --- the command line --------------------------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    """What a ``robo`` run printed and its exit code (unpacks as ``code, output``)."""

    exit_code: int
    output: str

    def __iter__(self):
        return iter((self.exit_code, self.output))


@pytest.fixture
def robo(db, monkeypatch):
    """``robo(*args, clock_at=None)`` runs the CLI against the test database, with only test
    settings (cheap password hashing), ``ROBO_CLOCK`` pinned at ``clock_at`` (default: the
    tests' Thursday 10:00) and consoles wide enough that no table wraps."""
    from typer.testing import CliRunner

    from api.cli import app as cli
    from api.cli import common
    from core.settings import get_settings

    for name in list(os.environ):
        if name.startswith("ROBO_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("ROBO_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("ROBO_ENV", "test")
    monkeypatch.setenv("ROBO_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ROBO_ARGON2_MEMORY_COST_KIB", "1024")
    monkeypatch.setattr(common.console, "width", 240)
    monkeypatch.setattr(common.error_console, "width", 240)
    runner = CliRunner()

    def invoke(*args: str, clock_at: datetime | None = None) -> CliResult:
        if os.environ.get("ROBO_ENV") == "production":  # a pinned clock is refused there
            monkeypatch.delenv("ROBO_CLOCK", raising=False)
        else:
            monkeypatch.setenv("ROBO_CLOCK", (clock_at or DEFAULT_NOW).isoformat())
        get_settings.cache_clear()
        try:
            result = runner.invoke(cli, [str(arg) for arg in args])
        finally:
            get_settings.cache_clear()
        return CliResult(result.exit_code, result.output)

    yield invoke
    get_settings.cache_clear()


# --- factories ---------------------------------------------------------------------------

PASSWORD = "correct-horse-battery"


@pytest.fixture
def make_user(db, settings, clock):
    """``make_user(email, roles={Role.CUSTOMER}, **kwargs)`` -> the committed user."""
    from users import service
    from users.roles import Role

    def make(email: str | None = None, *, roles=None, password: str = PASSWORD, **kwargs):
        email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
        kwargs.setdefault("locale", "en")  # locale=None: the service's own default (Chinese)
        if kwargs["locale"] is None:
            del kwargs["locale"]
        with db.write() as session:
            user = service.create_user(
                session=session,
                email=email,
                password=password,
                roles=roles or {Role.CUSTOMER},
                clock=clock,
                settings=settings,
                **kwargs,
            )
        return user

    return make
