"""wallet history lines name their fund order (``wallet_transactions.order_id``), so a line
says what it was about and a money-fund payment's redemption folds into the payment

Revision ID: 0016
Revises: 0015

Lines written before this revision get their order where the ledger links them: a placed
order's own entry (subscriptions, fast redemptions and their fees), the entry a refund
reverses, a loan payment's lot and a re-pricing. A T+1 redemption's cash line keeps NULL
(nothing recorded links its settlement entry to the order).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_BACKFILL = [
    # a placed order's own entry (subscription, fast redemption) and its fee line
    """UPDATE wallet_transactions SET order_id = (
         SELECT o.id FROM fund_orders o
         WHERE o.entry_id = wallet_transactions.entry_id AND o.user_id = wallet_transactions.user_id)
       WHERE order_id IS NULL AND entry_id IS NOT NULL
         AND kind IN ('SUBSCRIPTION', 'REDEMPTION', 'FEE')""",
    # a cancelled or failed subscription's refund reverses the order's entry
    """UPDATE wallet_transactions SET order_id = (
         SELECT o.id FROM fund_orders o JOIN journal_entries e ON e.reverses_entry_id = o.entry_id
         WHERE e.id = wallet_transactions.entry_id AND o.user_id = wallet_transactions.user_id)
       WHERE order_id IS NULL AND kind = 'SUBSCRIPTION_REFUND'""",
    # coupons and principal of a lot
    """UPDATE wallet_transactions SET order_id = (
         SELECT MIN(l.order_id) FROM loan_payments p JOIN fund_lots l ON l.id = p.lot_id
         WHERE p.entry_id = wallet_transactions.entry_id AND p.user_id = wallet_transactions.user_id)
       WHERE order_id IS NULL AND kind IN ('COUPON', 'PRINCIPAL')""",
    # more cash after a corrected NAV
    """UPDATE wallet_transactions SET order_id = (
         SELECT MIN(r.order_id) FROM order_repricings r WHERE r.entry_id = wallet_transactions.entry_id)
       WHERE order_id IS NULL AND kind = 'PRICE_CORRECTION'""",
]


def upgrade() -> None:
    with op.batch_alter_table("wallet_transactions") as batch:
        batch.add_column(sa.Column("order_id", ID, nullable=True))
        batch.create_foreign_key(
            op.f("fk_wallet_transactions_order_id_fund_orders"), "fund_orders", ["order_id"], ["id"]
        )
    for statement in _BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("wallet_transactions") as batch:
        batch.drop_constraint(op.f("fk_wallet_transactions_order_id_fund_orders"), type_="foreignkey")
        batch.drop_column("order_id")
