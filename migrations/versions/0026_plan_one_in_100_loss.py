"""one set of figures (issue 13 follow-up): a plan keeps the loss exceeded 1 year in 100 of
its scenarios, as a product page shows it (null on plans made before)

Revision ID: 0026_plan_one_in_100_loss
Revises: 0025_loan_reviews
Create Date: 2026-12-04 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0026_plan_one_in_100_loss'
down_revision = '0025_loan_reviews'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('advisor_recommendations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('one_in_100_loss', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('one_in_100_loss_amount', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('advisor_recommendations', schema=None) as batch_op:
        batch_op.drop_column('one_in_100_loss_amount')
        batch_op.drop_column('one_in_100_loss')
