"""an index for the ABS pool's choice of loans (issue 19): a loan is for sale only if it has no
open instalment past due; ``ix_loan_instalments_loan_open`` (loan_id, due_date WHERE status =
'DUE') answers that with one probe per loan, so the candidates' anti-join stays cheap whatever
the statistics say (the existing ``ix_loan_instalments_open_due`` leads with the date).

Revision ID: 0029_abs3_loan_open_index
Revises: 0028_auto2_goal_proposed_plan
Create Date: 2026-12-04 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0029_abs3_loan_open_index"
down_revision = "0028_auto2_goal_proposed_plan"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_loan_instalments_loan_open",
        "loan_instalments",
        ["loan_id", "due_date"],
        unique=False,
        postgresql_where=sa.text("status = 'DUE'"),
        sqlite_where=sa.text("status = 'DUE'"),
    )


def downgrade() -> None:
    op.drop_index("ix_loan_instalments_loan_open", table_name="loan_instalments")
