"""PostgreSQL ``LISTEN``: wake-ups from the database, on a connection of their own.

A transaction-pooling PgBouncer cannot carry ``LISTEN`` (the session it would live in is
handed to others between transactions), so the listening connection goes to
``ROBO_DATABASE_DIRECT_URL`` when it is set, else to the database URL itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import psycopg
from sqlalchemy.engine import make_url

OUTBOX_CHANNEL = "robo_outbox"  # notified by a trigger on every insert into the ledger's outbox


def conninfo(url: str) -> str:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL (any driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def notifications(url: str, channel: str = OUTBOX_CHANNEL) -> AsyncIterator[None]:
    """Yields once right after ``LISTEN`` is in place (so a caller can catch up on what came
    before it) and then once per notification on ``channel``; ends with the connection."""
    async with await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True) as connection:
        await connection.execute(f"LISTEN {channel}")
        yield None
        async for _ in connection.notifies():
            yield None
