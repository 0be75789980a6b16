"""The Alembic migrations create exactly the tables, columns, indexes and constraints the
models declare (on SQLite and PostgreSQL), and downgrade all the way back."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

import migrations
from migrations.models import metadata
from tests.conftest import _postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def empty_database_url(request, tmp_path):
    """A brand-new, empty database of each kind (not the shared, already migrated one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    base = _postgres_url()
    if base is None:
        pytest.skip("PostgreSQL not reachable: set ROBO_TEST_POSTGRES_URL or start it on 127.0.0.1:5432")
    parsed = make_url(base)
    name = f"robo_migrations_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_migrations_agree_with_the_models(empty_database_url):
    migrations.upgrade(empty_database_url)
    diff = differences(empty_database_url)
    assert diff == [], "models and migrations disagree; write a migration in migrations/versions/ for:\n" + "\n".join(
        map(str, diff)
    )


def test_migrations_downgrade_to_base_and_up_again(empty_database_url):
    migrations.upgrade(empty_database_url)
    migrations.downgrade(empty_database_url, "base")
    engine = create_engine(empty_database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    migrations.upgrade(empty_database_url)
    assert differences(empty_database_url) == []


def test_the_revisions_form_one_chain():
    assert len(migrations.current_heads()) == 1
