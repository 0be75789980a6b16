"""Demo wallets load and verify; the wallet tables of the models match migration 0004."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import investing.models  # noqa: F401 - the tables are registered on import  # noqa: F401
import ledger.models  # noqa: F401  # noqa: F401
import wallet.models  # noqa: F401
from db.base import Base  # noqa: F401
from demo.seed import seed_all
from migrations.models import metadata
from tests.wallet.conftest import ledger_problems
from wallet.kinds import PaymentStatus
from wallet.queries import payments_page, wallet_summary

WALLET_TABLES = {
    "wallet_profiles",
    "bank_cards",
    "ledger_accounts",
    "journal_entries",
    "postings",
    "idempotency_keys",
    "payments",
    "payment_events",
    "wallet_transactions",
}


def test_demo_customers_have_balances_and_payments_in_every_state(db, clock, settings):
    with db.write() as session:
        seeded = seed_all(session=session, clock=clock, settings=settings)
    customers = [
        u for email, u in seeded["users"].items() if email.split("@")[0] in ("alice", "bob", "carol", "dave", "erin")
    ]
    with db.read() as session:
        for user in customers:
            assert wallet_summary(session, user.id).balance > 0
            assert payments_page(session, limit=50, after_id=None, user_id=user.id)
        statuses = {
            p.status for user in customers for p in payments_page(session, limit=100, after_id=None, user_id=user.id)
        }
    assert {
        PaymentStatus.COMPLETED,
        PaymentStatus.HELD,
        PaymentStatus.RELEASED,
        PaymentStatus.REFUNDED,
        PaymentStatus.REFUND_REQUESTED,
        PaymentStatus.DISPUTED,
    } <= statuses
    assert ledger_problems(db) == []


def test_wallet_models_match_the_migration(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    assert [d for d in differences if any(table in repr(d) for table in WALLET_TABLES)] == []
