"""ledger_checks: each run of the ledger's verification and what it found (the operators'
console shows the latest; ``robo ledger verify`` and ``runLedgerCheck`` add one)

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ledger_checks",
        sa.Column("id", ID, nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ran_by", sa.String(length=254), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_checks")),
    )
    op.create_index(op.f("ix_ledger_checks_ran_at"), "ledger_checks", ["ran_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ledger_checks_ran_at"), table_name="ledger_checks")
    op.drop_table("ledger_checks")
