"""products: catalogue, redemption fees, loan terms, NAV and income history, figures, audit log

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('products',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('issuer', sa.String(length=100), nullable=False),
    sa.Column('risk_level', sa.String(length=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('minimum_amount', sa.BigInteger(), nullable=False),
    sa.Column('qualified_only', sa.Boolean(), nullable=False),
    sa.Column('subscription_fee_rate', sa.BigInteger(), nullable=False),
    sa.Column('management_fee_rate', sa.BigInteger(), nullable=False),
    sa.Column('liquidity', sa.String(length=10), nullable=False),
    sa.Column('lock_days', sa.Integer(), nullable=True),
    sa.Column('maturity_date', sa.Date(), nullable=True),
    sa.Column('settlement_days', sa.Integer(), nullable=False),
    sa.Column('fast_redemption_limit', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('pending_from', sa.String(length=20), nullable=True),
    sa.Column('pending_requested_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('pending_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pending_requested_by'], ['users.id'], name=op.f('fk_products_pending_requested_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('code', name=op.f('uq_products_code'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_status'), ['status'], unique=False)

    op.create_table('product_audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_product_audit_log_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_audit_log_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_audit_log'))
    )
    with op.batch_alter_table('product_audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_product_audit_log_product_id_id', ['product_id', 'id'], unique=False)

    op.create_table('product_figures',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('model', sa.String(length=40), nullable=False),
    sa.Column('expected_annual_return', sa.BigInteger(), nullable=False),
    sa.Column('typical_low', sa.BigInteger(), nullable=False),
    sa.Column('typical_high', sa.BigInteger(), nullable=False),
    sa.Column('bad_year_loss', sa.BigInteger(), nullable=False),
    sa.Column('volatility', sa.BigInteger(), nullable=False),
    sa.Column('max_drawdown', sa.BigInteger(), nullable=True),
    sa.Column('suggested_risk_level', sa.String(length=2), nullable=False),
    sa.Column('seven_day_yield', sa.BigInteger(), nullable=True),
    sa.Column('latest_value', sa.BigInteger(), nullable=True),
    sa.Column('latest_value_date', sa.Date(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_figures_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_figures'))
    )
    op.create_table('product_incomes',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('income_per_10k', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_incomes_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'date', name=op.f('pk_product_incomes'))
    )
    op.create_table('product_loan_terms',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('rate', sa.BigInteger(), nullable=True),
    sa.Column('term_months', sa.Integer(), nullable=True),
    sa.Column('revolving_months', sa.Integer(), nullable=True),
    sa.Column('repayment_method', sa.String(length=20), nullable=True),
    sa.Column('default_probability', sa.BigInteger(), nullable=True),
    sa.Column('loss_given_default', sa.BigInteger(), nullable=True),
    sa.Column('credit_enhancement', sa.BigInteger(), nullable=True),
    sa.Column('detachment', sa.BigInteger(), nullable=True),
    sa.Column('early_amortisation_trigger', sa.BigInteger(), nullable=True),
    sa.Column('loss_cover', sa.String(length=16), nullable=True),
    sa.Column('loss_cover_ratio', sa.BigInteger(), nullable=True),
    sa.Column('early_exit', sa.Boolean(), nullable=True),
    sa.Column('loan_count', sa.Integer(), nullable=True),
    sa.Column('asset_correlation', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_loan_terms_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_loan_terms'))
    )
    op.create_table('product_navs',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('nav', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_navs_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'date', name=op.f('pk_product_navs'))
    )
    op.create_table('product_redemption_fees',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('min_holding_days', sa.Integer(), nullable=False),
    sa.Column('rate', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_redemption_fees_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_redemption_fees')),
    sa.UniqueConstraint('product_id', 'min_holding_days', name=op.f('uq_product_redemption_fees_product_id_min_holding_days'))
    )
    with op.batch_alter_table('product_redemption_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_redemption_fees_product_id'), ['product_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('product_redemption_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_redemption_fees_product_id'))

    op.drop_table('product_redemption_fees')
    op.drop_table('product_navs')
    op.drop_table('product_loan_terms')
    op.drop_table('product_incomes')
    op.drop_table('product_figures')
    with op.batch_alter_table('product_audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_product_audit_log_product_id_id')

    op.drop_table('product_audit_log')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_status'))
        batch_op.drop_index(batch_op.f('ix_products_kind'))

    op.drop_table('products')
