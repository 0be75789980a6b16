"""credit features as of the scoring date (issue 18 follow-up): a loan repayment records
whether it paid principal ahead of the schedule, so the early repayments made by a date can be
counted (the loan's counter only says how many there are now). Rows booked before this
migration stay false: which of them were early is not recorded anywhere.

Revision ID: 0027_credit2_repayments_early
Revises: 0026_plan_one_in_100_loss
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0027_credit2_repayments_early"
down_revision = "0026_plan_one_in_100_loss"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loan_repayments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("early", sa.Boolean(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("loan_repayments", schema=None) as batch_op:
        batch_op.drop_column("early")
