"""hardening: log-in throttle per account and per address (unreported failures), rate limits,
identity fingerprints (one identity per person), four eyes on launched products' terms
(terms revisions, change requests) and on unusual income figures, and each lot's own lock-up

Revision ID: 0009
Revises: 0008

Backfills: products that have been on sale get ``launched_at`` (their last update); lots get
``locked_until`` from their product's terms as they are at the upgrade.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("login_throttle") as batch:
        batch.add_column(sa.Column("unreported", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "rate_limits",
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_rate_limits")),
    )
    with op.batch_alter_table("wallet_profiles") as batch:
        batch.add_column(sa.Column("id_fingerprint", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(op.f("uq_wallet_profiles_id_fingerprint"), ["id_fingerprint"])
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("pending_terms_revision", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("terms_revision", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("launched_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "product_change_requests",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("base_terms_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.Column("shown", sa.Text(), nullable=False),
        sa.Column("requested_by", ID, nullable=True),
        sa.Column("requested_by_label", sa.String(length=254), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("decided_by_label", sa.String(length=254), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_product_change_requests_product_id_products"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"], name=op.f("fk_product_change_requests_requested_by_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_product_change_requests_decided_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_change_requests")),
    )
    op.create_index(op.f("ix_product_change_requests_product_id"), "product_change_requests", ["product_id"])
    op.create_index(op.f("ix_product_change_requests_status"), "product_change_requests", ["status"])
    op.create_table(
        "product_income_requests",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("income_per_10k", sa.BigInteger(), nullable=False),
        sa.Column("correction", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by", ID, nullable=True),
        sa.Column("requested_by_label", sa.String(length=254), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_product_income_requests_product_id_products"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"], name=op.f("fk_product_income_requests_requested_by_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_product_income_requests_decided_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_income_requests")),
    )
    op.create_index(op.f("ix_product_income_requests_product_id"), "product_income_requests", ["product_id"])
    op.create_index(op.f("ix_product_income_requests_status"), "product_income_requests", ["status"])
    with op.batch_alter_table("fund_lots") as batch:
        batch.add_column(sa.Column("locked_until", sa.Date(), nullable=True))
    _backfill()


def _backfill() -> None:
    connection = op.get_bind()
    products = sa.table("products", sa.column("id"), sa.column("status"), sa.column("pending_from"),
                        sa.column("updated_at"), sa.column("launched_at"), sa.column("liquidity"),
                        sa.column("lock_days"), sa.column("maturity_date"))
    launched = sa.or_(products.c.status.in_(["ON_SALE", "SUSPENDED", "CLOSED"]),
                      sa.and_(products.c.status == "PENDING_APPROVAL", products.c.pending_from == "SUSPENDED"))
    connection.execute(products.update().where(launched).values(launched_at=products.c.updated_at))
    lots = sa.table("fund_lots", sa.column("id"), sa.column("product_id"), sa.column("acquired_on"),
                    sa.column("locked_until"))
    locked = connection.execute(
        sa.select(products.c.id, products.c.lock_days, products.c.maturity_date).where(products.c.liquidity == "LOCKED")
    ).all()
    for product_id, lock_days, maturity in locked:
        if maturity is not None:
            connection.execute(lots.update().where(lots.c.product_id == product_id).values(locked_until=maturity))
            continue
        rows = connection.execute(sa.select(lots.c.id, lots.c.acquired_on).where(lots.c.product_id == product_id)).all()
        for lot_id, acquired_on in rows:
            connection.execute(lots.update().where(lots.c.id == lot_id)
                               .values(locked_until=acquired_on + timedelta(days=lock_days or 0)))


def downgrade() -> None:
    with op.batch_alter_table("fund_lots") as batch:
        batch.drop_column("locked_until")
    op.drop_index(op.f("ix_product_income_requests_status"), table_name="product_income_requests")
    op.drop_index(op.f("ix_product_income_requests_product_id"), table_name="product_income_requests")
    op.drop_table("product_income_requests")
    op.drop_index(op.f("ix_product_change_requests_status"), table_name="product_change_requests")
    op.drop_index(op.f("ix_product_change_requests_product_id"), table_name="product_change_requests")
    op.drop_table("product_change_requests")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("launched_at")
        batch.drop_column("terms_revision")
        batch.drop_column("pending_terms_revision")
    with op.batch_alter_table("wallet_profiles") as batch:
        batch.drop_constraint(op.f("uq_wallet_profiles_id_fingerprint"), type_="unique")
        batch.drop_column("id_fingerprint")
    op.drop_table("rate_limits")
    with op.batch_alter_table("login_throttle") as batch:
        batch.drop_column("unreported")
