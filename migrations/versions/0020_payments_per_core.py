"""payments per core (issue 20): a payee's payments indexed with their payer, so the check
whether two users know each other (the payment shown to its payer, masked names) probes the
index instead of scanning everything the payee ever received

Revision ID: 0020_payments_per_core
Revises: 0019_securitisation

The index replaces ``ix_payments_payee_id`` (its leading column serves the same lookups), so a
payment writes no more index entries than before.
"""

from __future__ import annotations

from alembic import op

revision = "0020_payments_per_core"
down_revision = "0019_securitisation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_payments_payee_id_payer_id", "payments", ["payee_id", "payer_id"], unique=False)
    op.drop_index("ix_payments_payee_id", table_name="payments")


def downgrade() -> None:
    op.create_index("ix_payments_payee_id", "payments", ["payee_id"], unique=False)
    op.drop_index("ix_payments_payee_id_payer_id", table_name="payments")
