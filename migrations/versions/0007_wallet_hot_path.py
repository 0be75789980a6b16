"""wallet hot path: each user's payments of the day on one row (the daily limit without a
scan of the day's history), and a partial index of withdrawals

Revision ID: 0007
Revises: 0006

The backfill gives every user who paid in the last two days of recorded payments the total of
their latest paying day (in ``ROBO_TIMEZONE``), so payments made earlier on the day of the
upgrade still count towards the limit.
"""

from __future__ import annotations

import os
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PAYMENT_KINDS = ("PAYMENT_SENT", "ESCROW_HOLD")


def upgrade() -> None:
    op.create_table(
        "daily_payment_totals",
        sa.Column("user_id", ID, nullable=False),
        sa.Column("asset", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_daily_payment_totals_amount_not_negative")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_daily_payment_totals_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "asset", name=op.f("pk_daily_payment_totals")),
    )
    op.create_index(
        "ix_wallet_transactions_withdrawals",
        "wallet_transactions",
        ["user_id", "created_at"],
        unique=False,
        sqlite_where=sa.text("kind = 'WITHDRAWAL'"),
        postgresql_where=sa.text("kind = 'WITHDRAWAL'"),
    )
    _backfill()


def downgrade() -> None:
    op.drop_index("ix_wallet_transactions_withdrawals", table_name="wallet_transactions")
    op.drop_table("daily_payment_totals")


def _backfill() -> None:
    connection = op.get_bind()
    lines = sa.table(
        "wallet_transactions", sa.column("user_id"), sa.column("asset"), sa.column("kind"), sa.column("amount"),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    paid = lines.c.kind.in_(PAYMENT_KINDS)
    latest = connection.execute(sa.select(sa.func.max(lines.c.created_at)).where(paid)).scalar()
    if latest is None:
        return
    zone = ZoneInfo(os.environ.get("ROBO_TIMEZONE", "Asia/Shanghai"))
    rows = connection.execute(
        sa.select(lines.c.user_id, lines.c.asset, lines.c.created_at, lines.c.amount)
        .where(paid, lines.c.created_at >= latest - timedelta(days=2))
        .order_by(lines.c.created_at)
    ).all()
    totals: dict[tuple[int, str], tuple] = {}
    for row in rows:  # oldest first: a later day replaces the total of an earlier one
        at = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)  # SQLite: naive UTC
        day = at.astimezone(zone).date()
        key = (row.user_id, row.asset)
        earlier_day, amount = totals.get(key, (day, 0))
        totals[key] = (day, (amount if earlier_day == day else 0) + row.amount)
    if totals:
        table = sa.table("daily_payment_totals", sa.column("user_id"), sa.column("asset"), sa.column("day", sa.Date()),
                         sa.column("amount"))
        op.bulk_insert(table, [dict(user_id=u, asset=a, day=d, amount=n) for (u, a), (d, n) in totals.items()])
