"""credit and lending (issue 18): consents, versioned scorecard models and scores; the
lender's funding, loan applications, loans (with their owner, for a later sale to an ABS
pool), instalments, repayments and the collection days done

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('credit_models',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('card', sa.JSON(), nullable=False),
    sa.Column('grades', sa.JSON(), nullable=False),
    sa.Column('metrics', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('fitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_models')),
    sa.UniqueConstraint('version', name=op.f('uq_credit_models_version'))
    )
    op.create_table('credit_consents',
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('granted', sa.Boolean(), nullable=False),
    sa.Column('money_fund_autopay', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credit_consents_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_credit_consents'))
    )
    op.create_table('credit_scores',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('model_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('model_version', sa.String(length=40), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=2), nullable=False),
    sa.Column('pd', sa.BigInteger(), nullable=False),
    sa.Column('limit_amount', sa.BigInteger(), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['model_id'], ['credit_models.id'], name=op.f('fk_credit_scores_model_id_credit_models')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credit_scores_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_scores')),
    sa.UniqueConstraint('user_id', 'as_of', 'model_id', name=op.f('uq_credit_scores_user_id_as_of_model_id'))
    )
    with op.batch_alter_table('credit_scores', schema=None) as batch_op:
        batch_op.create_index('ix_credit_scores_user_id_as_of', ['user_id', 'as_of'], unique=False)

    op.create_table('lender_funding',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('entry_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_lender_funding_entry_id_journal_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lender_funding'))
    )
    op.create_table('loan_applications',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('repayment', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('score_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('grade', sa.String(length=2), nullable=True),
    sa.Column('loan_id', sa.BigInteger(), nullable=True),
    sa.Column('review_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['score_id'], ['credit_scores.id'], name=op.f('fk_loan_applications_score_id_credit_scores')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_loan_applications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_applications'))
    )
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_applications_user_id'), ['user_id'], unique=False)

    op.create_table('loans',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('borrower_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('application_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('owner', sa.String(length=16), server_default='LENDER', nullable=False),
    sa.Column('pool_id', sa.BigInteger(), nullable=True),
    sa.Column('grade', sa.String(length=2), nullable=False),
    sa.Column('model_version', sa.String(length=40), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('annual_rate', sa.BigInteger(), nullable=False),
    sa.Column('penalty_rate', sa.BigInteger(), nullable=False),
    sa.Column('apr', sa.BigInteger(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('repayment', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('maturity_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('principal_outstanding', sa.BigInteger(), nullable=False),
    sa.Column('provision', sa.BigInteger(), nullable=False),
    sa.Column('written_off', sa.BigInteger(), nullable=False),
    sa.Column('recovered', sa.BigInteger(), nullable=False),
    sa.Column('max_days_past_due', sa.Integer(), nullable=False),
    sa.Column('early_repayments', sa.Integer(), nullable=False),
    sa.Column('defaulted_on', sa.Date(), nullable=True),
    sa.Column('written_off_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('last_collected_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['loan_applications.id'], name=op.f('fk_loans_application_id_loan_applications')),
    sa.ForeignKeyConstraint(['borrower_id'], ['users.id'], name=op.f('fk_loans_borrower_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loans'))
    )
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loans_borrower_id'), ['borrower_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loans_status'), ['status'], unique=False)

    op.create_table('loan_collection_days',
    sa.Column('loan_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('collected', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_loan_collection_days_loan_id_loans')),
    sa.PrimaryKeyConstraint('loan_id', 'day', name=op.f('pk_loan_collection_days'))
    )
    op.create_table('loan_instalments',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('loan_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('interest', sa.BigInteger(), nullable=False),
    sa.Column('penalty', sa.BigInteger(), nullable=False),
    sa.Column('paid_principal', sa.BigInteger(), nullable=False),
    sa.Column('paid_interest', sa.BigInteger(), nullable=False),
    sa.Column('paid_penalty', sa.BigInteger(), nullable=False),
    sa.Column('penalty_through', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_loan_instalments_loan_id_loans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_instalments'))
    )
    with op.batch_alter_table('loan_instalments', schema=None) as batch_op:
        batch_op.create_index('ix_loan_instalments_loan_id_seq', ['loan_id', 'seq'], unique=True)
        batch_op.create_index('ix_loan_instalments_open_due', ['due_date', 'loan_id'], unique=False, postgresql_where=sa.text("status = 'DUE'"), sqlite_where=sa.text("status = 'DUE'"))

    op.create_table('loan_repayments',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('loan_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('interest', sa.BigInteger(), nullable=False),
    sa.Column('penalty', sa.BigInteger(), nullable=False),
    sa.Column('recovery', sa.BigInteger(), nullable=False),
    sa.Column('entry_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_loan_repayments_entry_id_journal_entries')),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_loan_repayments_loan_id_loans')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_loan_repayments_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_repayments'))
    )
    with op.batch_alter_table('loan_repayments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_repayments_loan_id'), ['loan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('loan_repayments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_repayments_loan_id'))

    op.drop_table('loan_repayments')
    with op.batch_alter_table('loan_instalments', schema=None) as batch_op:
        batch_op.drop_index('ix_loan_instalments_open_due', postgresql_where=sa.text("status = 'DUE'"), sqlite_where=sa.text("status = 'DUE'"))
        batch_op.drop_index('ix_loan_instalments_loan_id_seq')

    op.drop_table('loan_instalments')
    op.drop_table('loan_collection_days')
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loans_status'))
        batch_op.drop_index(batch_op.f('ix_loans_borrower_id'))

    op.drop_table('loans')
    with op.batch_alter_table('loan_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_applications_user_id'))

    op.drop_table('loan_applications')
    op.drop_table('lender_funding')
    with op.batch_alter_table('credit_scores', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_scores_user_id_as_of')

    op.drop_table('credit_scores')
    op.drop_table('credit_consents')
    op.drop_table('credit_models')
