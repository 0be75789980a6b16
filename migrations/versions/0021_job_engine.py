"""daily jobs on a job engine (issue 21): the operators' record of job runs and their tasks,
and the staging table of a money fund's income computed in parallel (unlogged on PostgreSQL:
scratch rows, counted before they are booked). procrastinate's own tables are not here: the
worker, the scheduler and `robo migrate` apply its schema (``jobs.engine.install_schema``).

Revision ID: 0021_job_engine
Revises: 0020_payments_per_core
Create Date: 2026-12-04 04:15:18.526692
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0021_job_engine'
down_revision = '0020_payments_per_core'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job_runs',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('job', sa.String(length=30), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('product_id', sa.BigInteger(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('tasks_total', sa.Integer(), nullable=False),
    sa.Column('tasks_done', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_runs')),
    sa.UniqueConstraint('job', 'day', 'scope', name=op.f('uq_job_runs_job_day_scope'))
    )
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_runs_day'), ['day'], unique=False)

    op.create_table('money_fund_income_shares',
    sa.Column('batch_id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('part', sa.BigInteger(), nullable=False),
    sa.Column('remainder', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('batch_id', 'account_id', name=op.f('pk_money_fund_income_shares'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE money_fund_income_shares SET UNLOGGED')
    op.create_table('job_tasks',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('run_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('first_id', sa.BigInteger(), nullable=True),
    sa.Column('last_id', sa.BigInteger(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=True),
    sa.Column('figure', sa.String(length=40), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['job_runs.id'], name=op.f('fk_job_tasks_run_id_job_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_tasks')),
    sa.UniqueConstraint('run_id', 'seq', name=op.f('uq_job_tasks_run_id_seq'))
    )
    with op.batch_alter_table('job_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_tasks_run_id'), ['run_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('job_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_tasks_run_id'))

    op.drop_table('job_tasks')
    op.drop_table('money_fund_income_shares')
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_runs_day'))

    op.drop_table('job_runs')
