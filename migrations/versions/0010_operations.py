"""a year of operations: every order carries its confirmation day from placement; NAV
corrections with four eyes and the orders re-priced by them; products' asset classes; the
private-fund test and the answered age on assessments; the verified birth date; escrow
refund-request deadlines and hold extensions

Revision ID: 0010
Revises: 0009

Backfills: pending orders placed before this revision get their confirmation day, the trading
day after their trade day, from the platform's trading calendar (weekends and the stored
closures); one the calendar cannot name is left empty and is confirmed on the first run after
its trade day. Refund
requests already waiting get 5 days from the upgrade for an answer (and, if withdrawn, a day
of hold). Products get the asset class of their kind (equity funds EQUITY, ABS units
SECURITISATION, others FIXED_INCOME): product managers correct it where the kind misleads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "product_nav_corrections",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("old_nav", sa.BigInteger(), nullable=False),
        sa.Column("new_nav", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by", ID, nullable=True),
        sa.Column("requested_by_label", sa.String(length=254), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_product_nav_corrections_product_id_products"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"], name=op.f("fk_product_nav_corrections_requested_by_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_product_nav_corrections_decided_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_nav_corrections")),
    )
    op.create_index(op.f("ix_product_nav_corrections_product_id"), "product_nav_corrections", ["product_id"])
    op.create_index(op.f("ix_product_nav_corrections_status"), "product_nav_corrections", ["status"])
    op.create_table(
        "order_repricings",
        sa.Column("id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("correction_id", ID, nullable=False),
        sa.Column("old_nav", sa.BigInteger(), nullable=False),
        sa.Column("new_nav", sa.BigInteger(), nullable=False),
        sa.Column("units_delta", sa.BigInteger(), nullable=False),
        sa.Column("cash_delta", sa.BigInteger(), nullable=False),
        sa.Column("borne", sa.BigInteger(), nullable=False),
        sa.Column("entry_id", ID, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["fund_orders.id"], name=op.f("fk_order_repricings_order_id_fund_orders")),
        sa.ForeignKeyConstraint(["correction_id"], ["product_nav_corrections.id"],
                                name=op.f("fk_order_repricings_correction_id_product_nav_corrections")),
        sa.ForeignKeyConstraint(["entry_id"], ["journal_entries.id"], name=op.f("fk_order_repricings_entry_id_journal_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_repricings")),
    )
    op.create_index(op.f("ix_order_repricings_order_id"), "order_repricings", ["order_id"])
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("asset_class", sa.String(length=16), server_default="FIXED_INCOME", nullable=False))
    products = sa.table("products", sa.column("kind"), sa.column("asset_class"))
    for kind, asset_class in (("EQUITY_FUND", "EQUITY"), ("ABS_UNIT", "SECURITISATION")):
        op.get_bind().execute(products.update().where(products.c.kind == kind).values(asset_class=asset_class))
    with op.batch_alter_table("risk_assessments") as batch:
        batch.add_column(sa.Column("qualified_private_fund", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("age", sa.Integer(), nullable=True))
    with op.batch_alter_table("wallet_profiles") as batch:
        batch.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
    with op.batch_alter_table("product_figures") as batch:
        batch.add_column(sa.Column("probability_of_loss", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("one_in_100_loss", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("respond_by", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("hold_left_seconds", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("disputed_at", sa.DateTime(timezone=True), nullable=True))
    payments = sa.table("payments", sa.column("status"), sa.column("respond_by", sa.DateTime(timezone=True)),
                        sa.column("hold_left_seconds"))
    op.get_bind().execute(payments.update().where(payments.c.status == "REFUND_REQUESTED").values(
        respond_by=datetime.now(UTC) + timedelta(days=5), hold_left_seconds=86_400))
    _backfill_confirm_days()


def _backfill_confirm_days() -> None:
    connection = op.get_bind()
    orders = sa.table("fund_orders", sa.column("id"), sa.column("status"), sa.column("trade_day", sa.Date()),
                      sa.column("confirm_day", sa.Date()))
    calendar = sa.table("trading_calendar_state", sa.column("id"), sa.column("known_through", sa.Date()))
    closures = sa.table("trading_closures", sa.column("day", sa.Date()))
    known_through = connection.execute(sa.select(calendar.c.known_through).where(calendar.c.id == 1)).scalar()
    if known_through is None:
        return
    closed = set(connection.execute(sa.select(closures.c.day)).scalars())
    pending = connection.execute(
        sa.select(orders.c.id, orders.c.trade_day).where(orders.c.status == "PENDING", orders.c.confirm_day.is_(None))
    ).all()
    for order_id, trade_day in pending:
        day = trade_day + timedelta(days=1)
        while day <= known_through and (day.weekday() >= 5 or day in closed):
            day += timedelta(days=1)
        if day <= known_through:
            connection.execute(orders.update().where(orders.c.id == order_id).values(confirm_day=day))


def downgrade() -> None:
    with op.batch_alter_table("product_figures") as batch:
        batch.drop_column("one_in_100_loss")
        batch.drop_column("probability_of_loss")
    with op.batch_alter_table("payments") as batch:
        for column in ("disputed_at", "extended_at", "hold_left_seconds", "respond_by"):
            batch.drop_column(column)
    with op.batch_alter_table("wallet_profiles") as batch:
        batch.drop_column("birth_date")
    with op.batch_alter_table("risk_assessments") as batch:
        batch.drop_column("age")
        batch.drop_column("qualified_private_fund")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("asset_class")
    op.drop_index(op.f("ix_order_repricings_order_id"), table_name="order_repricings")
    op.drop_table("order_repricings")
    op.drop_index(op.f("ix_product_nav_corrections_status"), table_name="product_nav_corrections")
    op.drop_index(op.f("ix_product_nav_corrections_product_id"), table_name="product_nav_corrections")
    op.drop_table("product_nav_corrections")
