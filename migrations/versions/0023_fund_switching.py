"""fund switching (转换, issue 17): a fund's registrar and whether it allows switching, and
the two legs of a switch (the redemption names the fund switched into, the subscription the
redemption it came from)

Revision ID: 0023
Revises: 0021_job_engine
Create Date: 2026-12-04 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0023'
down_revision = '0021_job_engine'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registrar', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('switchable', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('fund_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('switch_to_product_id', _ID, nullable=True))
        batch_op.add_column(sa.Column('switch_of', _ID, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_fund_orders_switch_to_product_id_products'), 'products', ['switch_to_product_id'], ['id']
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_fund_orders_switch_of_fund_orders'), 'fund_orders', ['switch_of'], ['id']
        )
        batch_op.create_index(batch_op.f('ix_fund_orders_switch_of'), ['switch_of'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fund_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_orders_switch_of'))
        batch_op.drop_constraint(batch_op.f('fk_fund_orders_switch_of_fund_orders'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_fund_orders_switch_to_product_id_products'), type_='foreignkey')
        batch_op.drop_column('switch_of')
        batch_op.drop_column('switch_to_product_id')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('switchable')
        batch_op.drop_column('registrar')
