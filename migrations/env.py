"""Alembic environment: runs migrations against ``database_url`` from the config attributes
(set by ``migrations.upgrade``) or ``ROBO_DATABASE_URL``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from db.session import make_engine
from db.types import ScaledDecimal, UTCDateTime
from migrations.models import metadata

config = context.config


def _url() -> str:
    url = config.attributes.get("database_url")
    if url:
        return url
    from core.settings import get_settings

    return get_settings().database_url


def render_item(type_, obj, autogen_context):
    """Render our Python-side column types as the plain types they store."""
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.BigInteger()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
