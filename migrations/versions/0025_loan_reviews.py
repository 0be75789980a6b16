"""loan reviews (issue 18): a person's decision on a declined application whose applicant
asked for one (PIPL Art. 24): the outcome, the reviewer, when, and the note the applicant reads

Revision ID: 0025_loan_reviews
Revises: 0024
Create Date: 2026-12-04 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0025_loan_reviews'
down_revision = '0024'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_outcome', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by', _ID, nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_loan_applications_reviewed_by_users'), 'users', ['reviewed_by'], ['id']
        )
        batch_op.create_index(
            'ix_loan_applications_review_requested_at', ['review_requested_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.drop_index('ix_loan_applications_review_requested_at')
        batch_op.drop_constraint(batch_op.f('fk_loan_applications_reviewed_by_users'), type_='foreignkey')
        batch_op.drop_column('review_note')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')
        batch_op.drop_column('review_outcome')
