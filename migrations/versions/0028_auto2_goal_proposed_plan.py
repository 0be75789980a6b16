"""the way out of review (issue 17): a goal whose plan had a product withdrawn keeps the new
plan made for it (a stored recommendation) until the user accepts or declines it

Revision ID: 0028_auto2_goal_proposed_plan
Revises: 0027_credit2_repayments_early
Create Date: 2026-12-04 14:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0028_auto2_goal_proposed_plan'
down_revision = '0027_credit2_repayments_early'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposed_recommendation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_goals_proposed_recommendation_id_advisor_recommendations'),
            'advisor_recommendations',
            ['proposed_recommendation_id'],
            ['id'],
        )


def downgrade() -> None:
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_goals_proposed_recommendation_id_advisor_recommendations'), type_='foreignkey'
        )
        batch_op.drop_column('proposed_recommendation_id')
