"""the ledger's outbox: an event per journal entry (and any a domain emits), written in the
movement's transaction, for features that react to money moving

Revision ID: 0011
Revises: 0010

Entries booked before this revision announce nothing (their features did not exist yet).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ledger_outbox",
        sa.Column("id", ID, nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("entry_id", ID, nullable=True),
        sa.Column("user_ids", sa.JSON(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["journal_entries.id"], name=op.f("fk_ledger_outbox_entry_id_journal_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_outbox")),
    )


def downgrade() -> None:
    op.drop_table("ledger_outbox")
