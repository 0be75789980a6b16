"""PostgreSQL: every insert into the ledger's outbox notifies the channel ``robo_outbox`` at
commit, so server processes that LISTEN wake at once instead of polling

Revision ID: 0012
Revises: 0011

A statement-level trigger covers every writer (single entries, the one-statement fast path and
the set-based income job) without their knowing; notifications with the same payload in one
transaction are folded into one by PostgreSQL. SQLite has no LISTEN: nothing to do there.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION robo_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('robo_outbox', '');
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER ledger_outbox_notify AFTER INSERT ON ledger_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION robo_outbox_notify()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS ledger_outbox_notify ON ledger_outbox")
    op.execute("DROP FUNCTION IF EXISTS robo_outbox_notify()")
