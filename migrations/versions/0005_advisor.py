"""advisor: stored recommendations (inputs, catalogue version, assumptions, solver, relaxations,
plain figures), their allocations, and the orders of rebalancing plans

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('advisor_recommendations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('based_on_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locale', sa.String(length=10), nullable=False),
    sa.Column('risk_category', sa.String(length=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('horizon_months', sa.Integer(), nullable=False),
    sa.Column('liquidity_need', sa.BigInteger(), nullable=False),
    sa.Column('goal_amount', sa.BigInteger(), nullable=True),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('catalogue_version', sa.String(length=32), nullable=False),
    sa.Column('assumptions', sa.JSON(), nullable=False),
    sa.Column('solver', sa.String(length=32), nullable=False),
    sa.Column('solver_status', sa.String(length=64), nullable=False),
    sa.Column('relaxations', sa.JSON(), nullable=False),
    sa.Column('expected_annual_return', sa.BigInteger(), nullable=False),
    sa.Column('typical_low', sa.BigInteger(), nullable=False),
    sa.Column('typical_high', sa.BigInteger(), nullable=False),
    sa.Column('bad_year_loss', sa.BigInteger(), nullable=False),
    sa.Column('bad_year_loss_amount', sa.BigInteger(), nullable=False),
    sa.Column('probability_of_loss', sa.BigInteger(), nullable=False),
    sa.Column('tail_loss', sa.BigInteger(), nullable=False),
    sa.Column('same_day_available', sa.BigInteger(), nullable=False),
    sa.Column('earliest_full_withdrawal', sa.Date(), nullable=False),
    sa.Column('goal_probability', sa.BigInteger(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('drift', sa.BigInteger(), nullable=True),
    sa.Column('figures_before', sa.JSON(), nullable=True),
    sa.Column('invested_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('RECOMMENDATION', 'REBALANCE')", name=op.f('ck_advisor_recommendations_kind_known')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_advisor_recommendations_amount_positive')),
    sa.ForeignKeyConstraint(['based_on_id'], ['advisor_recommendations.id'], name=op.f('fk_advisor_recommendations_based_on_id_advisor_recommendations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_advisor_recommendations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advisor_recommendations'))
    )
    with op.batch_alter_table('advisor_recommendations', schema=None) as batch_op:
        batch_op.create_index('ix_advisor_recommendations_user_id_id', ['user_id', 'id'], unique=False)
        batch_op.create_index('ix_advisor_recommendations_user_id_invested_at', ['user_id', 'invested_at'], unique=False)

    op.create_table('advisor_allocations',
    sa.Column('recommendation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('risk_level', sa.String(length=2), nullable=False),
    sa.Column('weight', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount > 0', name=op.f('ck_advisor_allocations_amount_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_advisor_allocations_product_id_products')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['advisor_recommendations.id'], name=op.f('fk_advisor_allocations_recommendation_id_advisor_recommendations')),
    sa.PrimaryKeyConstraint('recommendation_id', 'position', name=op.f('pk_advisor_allocations'))
    )
    op.create_table('advisor_plan_orders',
    sa.Column('recommendation_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_code', sa.String(length=32), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('units', sa.BigInteger(), nullable=True),
    sa.Column('fast', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('order_id', sa.BigInteger(), nullable=True),
    sa.CheckConstraint("side IN ('SUBSCRIBE', 'REDEEM')", name=op.f('ck_advisor_plan_orders_side_known')),
    sa.CheckConstraint('(amount IS NULL) <> (units IS NULL)', name=op.f('ck_advisor_plan_orders_amount_or_units')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_advisor_plan_orders_product_id_products')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['advisor_recommendations.id'], name=op.f('fk_advisor_plan_orders_recommendation_id_advisor_recommendations')),
    sa.PrimaryKeyConstraint('recommendation_id', 'position', name=op.f('pk_advisor_plan_orders'))
    )


def downgrade() -> None:
    op.drop_table('advisor_plan_orders')
    op.drop_table('advisor_allocations')
    with op.batch_alter_table('advisor_recommendations', schema=None) as batch_op:
        batch_op.drop_index('ix_advisor_recommendations_user_id_invested_at')
        batch_op.drop_index('ix_advisor_recommendations_user_id_id')

    op.drop_table('advisor_recommendations')
