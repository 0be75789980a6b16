"""investing: fund orders, lots, money-fund income days, loan payments, daily job runs, the
products' credit events, and an index of holdings by asset

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str, column: str, target: str, **kwargs) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{referred}"), **kwargs)


def upgrade() -> None:
    op.create_table(
        "product_credit_events",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("defaulted_fraction", sa.BigInteger(), nullable=False),
        sa.Column("recorded_by", ID, nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _fk("product_credit_events", "product_id", "products.id", ondelete="CASCADE"),
        _fk("product_credit_events", "recorded_by", "users.id", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_credit_events")),
        sa.UniqueConstraint("product_id", "day", name=op.f("uq_product_credit_events_product_id_day")),
    )
    op.create_table(
        "fund_orders",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("fast", sa.Boolean(), nullable=False),
        sa.Column("for_payment", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("fee", sa.BigInteger(), nullable=True),
        sa.Column("units", sa.BigInteger(), nullable=True),
        sa.Column("expected_units", sa.BigInteger(), nullable=True),
        sa.Column("nav", sa.BigInteger(), nullable=True),
        sa.Column("cash", sa.BigInteger(), nullable=True),
        sa.Column("cost_released", sa.BigInteger(), nullable=True),
        sa.Column("trade_day", sa.Date(), nullable=False),
        sa.Column("confirm_day", sa.Date(), nullable=True),
        sa.Column("cash_day", sa.Date(), nullable=True),
        sa.Column("acknowledged_warning_id", sa.String(length=80), nullable=True),
        sa.Column("entry_id", ID, nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cash_settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount IS NULL OR amount > 0", name=op.f("ck_fund_orders_amount_positive")),
        sa.CheckConstraint("units IS NULL OR units >= 0", name=op.f("ck_fund_orders_units_not_negative")),
        _fk("fund_orders", "user_id", "users.id"),
        _fk("fund_orders", "product_id", "products.id"),
        _fk("fund_orders", "entry_id", "journal_entries.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_orders")),
    )
    op.create_index("ix_fund_orders_user_id_id", "fund_orders", ["user_id", "id"])
    op.create_index("ix_fund_orders_user_id_product_id_placed_at", "fund_orders", ["user_id", "product_id", "placed_at"])
    op.create_index("ix_fund_orders_product_id_status_trade_day", "fund_orders", ["product_id", "status", "trade_day"])
    op.create_index("ix_fund_orders_product_id_confirm_day", "fund_orders", ["product_id", "confirm_day"])
    op.create_index("ix_fund_orders_product_id_placed_at", "fund_orders", ["product_id", "placed_at"])
    op.create_index(
        "ix_fund_orders_product_id_cancelled_at",
        "fund_orders",
        ["product_id", "cancelled_at"],
        sqlite_where=sa.text("cancelled_at IS NOT NULL"),
        postgresql_where=sa.text("cancelled_at IS NOT NULL"),
    )
    op.create_table(
        "fund_lots",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("acquired_on", sa.Date(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("units_left", sa.BigInteger(), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=False),
        sa.Column("cost_left", sa.BigInteger(), nullable=False),
        sa.Column("paid_periods", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("units_left >= 0 AND cost_left >= 0", name=op.f("ck_fund_lots_left_not_negative")),
        _fk("fund_lots", "user_id", "users.id"),
        _fk("fund_lots", "product_id", "products.id"),
        _fk("fund_lots", "order_id", "fund_orders.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_lots")),
    )
    op.create_index(op.f("ix_fund_lots_product_id"), "fund_lots", ["product_id"])
    op.create_index(
        "ix_fund_lots_user_id_product_id_acquired_on", "fund_lots", ["user_id", "product_id", "acquired_on", "id"]
    )
    op.create_table(
        "fund_order_lots",
        sa.Column("id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("lot_id", ID, nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=False),
        sa.Column("fee_rate", sa.BigInteger(), nullable=False),
        _fk("fund_order_lots", "order_id", "fund_orders.id"),
        _fk("fund_order_lots", "lot_id", "fund_lots.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_order_lots")),
    )
    op.create_index(op.f("ix_fund_order_lots_order_id"), "fund_order_lots", ["order_id"])
    op.create_table(
        "money_fund_incomes",
        sa.Column("id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("income_per_10k", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("holders", sa.Integer(), nullable=False),
        sa.Column("entry_id", ID, nullable=True),
        sa.Column("reversal_entry_id", ID, nullable=True),
        sa.Column("corrected_by", ID, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        _fk("money_fund_incomes", "product_id", "products.id"),
        _fk("money_fund_incomes", "entry_id", "journal_entries.id"),
        _fk("money_fund_incomes", "reversal_entry_id", "journal_entries.id"),
        _fk("money_fund_incomes", "corrected_by", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_fund_incomes")),
    )
    op.create_index("ix_money_fund_incomes_product_id_day", "money_fund_incomes", ["product_id", "day"])
    op.create_index(
        "uq_money_fund_incomes_current_product_id_day",
        "money_fund_incomes",
        ["product_id", "day"],
        unique=True,
        sqlite_where=sa.text("superseded_at IS NULL"),
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    op.create_table(
        "loan_payments",
        sa.Column("id", ID, nullable=False),
        sa.Column("lot_id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Date(), nullable=False),
        sa.Column("interest", sa.BigInteger(), nullable=False),
        sa.Column("principal", sa.BigInteger(), nullable=False),
        sa.Column("principal_units", sa.BigInteger(), nullable=False),
        sa.Column("loss", sa.BigInteger(), nullable=False),
        sa.Column("entry_id", ID, nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        _fk("loan_payments", "lot_id", "fund_lots.id"),
        _fk("loan_payments", "user_id", "users.id"),
        _fk("loan_payments", "product_id", "products.id"),
        _fk("loan_payments", "entry_id", "journal_entries.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_payments")),
        sa.UniqueConstraint("lot_id", "period", name=op.f("uq_loan_payments_lot_id_period")),
    )
    op.create_index("ix_loan_payments_user_id_product_id", "loan_payments", ["user_id", "product_id"])
    op.create_table(
        "daily_job_runs",
        sa.Column("id", ID, nullable=False),
        sa.Column("job", sa.String(length=20), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("daily_job_runs", "product_id", "products.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_job_runs")),
        sa.UniqueConstraint("job", "product_id", "day", name=op.f("uq_daily_job_runs_job_product_id_day")),
    )
    op.create_index(
        "ix_ledger_accounts_asset_holders",
        "ledger_accounts",
        ["asset"],
        sqlite_where=sa.text("user_id IS NOT NULL"),
        postgresql_where=sa.text("user_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_ledger_accounts_asset_holders", table_name="ledger_accounts")
    op.drop_table("daily_job_runs")
    op.drop_index("ix_loan_payments_user_id_product_id", table_name="loan_payments")
    op.drop_table("loan_payments")
    op.drop_index("uq_money_fund_incomes_current_product_id_day", table_name="money_fund_incomes")
    op.drop_index("ix_money_fund_incomes_product_id_day", table_name="money_fund_incomes")
    op.drop_table("money_fund_incomes")
    op.drop_index(op.f("ix_fund_order_lots_order_id"), table_name="fund_order_lots")
    op.drop_table("fund_order_lots")
    op.drop_index("ix_fund_lots_user_id_product_id_acquired_on", table_name="fund_lots")
    op.drop_index(op.f("ix_fund_lots_product_id"), table_name="fund_lots")
    op.drop_table("fund_lots")
    op.drop_index("ix_fund_orders_product_id_cancelled_at", table_name="fund_orders")
    op.drop_index("ix_fund_orders_product_id_placed_at", table_name="fund_orders")
    op.drop_index("ix_fund_orders_product_id_confirm_day", table_name="fund_orders")
    op.drop_index("ix_fund_orders_product_id_status_trade_day", table_name="fund_orders")
    op.drop_index("ix_fund_orders_user_id_product_id_placed_at", table_name="fund_orders")
    op.drop_index("ix_fund_orders_user_id_id", table_name="fund_orders")
    op.drop_table("fund_orders")
    op.drop_table("product_credit_events")
