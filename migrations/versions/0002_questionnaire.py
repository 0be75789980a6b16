"""risk assessments (questionnaire answers, scores, category, expiry, history)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CURRENT_ONLY = sa.text("superseded_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("capacity_score", sa.Integer(), nullable=False),
        sa.Column("willingness_score", sa.Integer(), nullable=False),
        sa.Column("capacity_category", sa.String(length=2), nullable=False),
        sa.Column("willingness_category", sa.String(length=2), nullable=False),
        sa.Column("risk_category", sa.String(length=2), nullable=False),
        sa.Column("lowest_category", sa.Boolean(), nullable=False),
        sa.Column("flags", sa.String(length=200), nullable=False),
        sa.Column("qualified_investor", sa.Boolean(), nullable=False),
        sa.Column("horizon_months", sa.Integer(), nullable=False),
        sa.Column("liquidity_need", sa.BigInteger(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("assessed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("capacity_score BETWEEN 0 AND 100", name=op.f("ck_risk_assessments_capacity_score_range")),
        sa.CheckConstraint(
            "willingness_score BETWEEN 0 AND 100", name=op.f("ck_risk_assessments_willingness_score_range")
        ),
        sa.CheckConstraint(
            "risk_category IN ('C1', 'C2', 'C3', 'C4', 'C5')", name=op.f("ck_risk_assessments_risk_category_known")
        ),
        sa.CheckConstraint(
            "NOT lowest_category OR risk_category = 'C1'", name=op.f("ck_risk_assessments_lowest_category_is_c1")
        ),
        sa.CheckConstraint("liquidity_need >= 0", name=op.f("ck_risk_assessments_liquidity_need_not_negative")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_risk_assessments_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_assessments")),
    )
    with op.batch_alter_table("risk_assessments", schema=None) as batch_op:
        batch_op.create_index("ix_risk_assessments_user_id_id", ["user_id", "id"], unique=False)
        batch_op.create_index(
            "uq_risk_assessments_current_user_id",
            ["user_id"],
            unique=True,
            postgresql_where=CURRENT_ONLY,
            sqlite_where=CURRENT_ONLY,
        )


def downgrade() -> None:
    with op.batch_alter_table("risk_assessments", schema=None) as batch_op:
        batch_op.drop_index("uq_risk_assessments_current_user_id")
        batch_op.drop_index("ix_risk_assessments_user_id_id")
    op.drop_table("risk_assessments")
