"""Tables of the ledger.

The ledger (``ledger_accounts``, ``journal_entries``, ``postings``) is double-entry and
multi-asset: every amount is a signed integer of the asset's minor unit (fen for CNY,
hundredths of a unit for fund units), so there is no per-column scale to get wrong. User
accounts keep their balance on the row (never negative: CHECK constraint); system accounts
(``balance`` NULL) derive theirs from their postings, so they are never a hot row. Journal
entries and postings are append-only (database triggers refuse UPDATE and DELETE, see
migration 0004).

Around it: the idempotency keys of money-moving requests, the user-facing transaction history
(one line per user and movement, shown by the wallet) and the outbox of events written with
each movement, and the results of ``verify`` (``ledger_checks``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import UTCDateTime

ASSET_LENGTH = 40


class LedgerAccount(Base):
    """An account of one asset, owned by a user (``user_id``) or by the system (NULL).

    ``balance`` is kept for user accounts only and is never negative; system accounts have
    ``balance`` NULL and their balance is the sum of their postings. ``shard`` lets a system
    account be spread over several rows (user accounts always use shard 0)."""

    __tablename__ = "ledger_accounts"
    __table_args__ = (
        CheckConstraint("balance >= 0", name="balance_not_negative"),
        CheckConstraint(
            "(user_id IS NULL AND balance IS NULL) OR (user_id IS NOT NULL AND balance IS NOT NULL)",
            name="balance_kept_for_user_accounts",
        ),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    purpose: Mapped[str] = mapped_column(String(32))
    asset: Mapped[str] = mapped_column(String(ASSET_LENGTH))
    shard: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    balance: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class JournalEntry(Base):
    """One immutable, balanced entry; corrected only by a new entry that reverses it."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reverses_entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)


class Posting(Base):
    """A signed amount (minor units of the account's asset) of one entry on one account."""

    __tablename__ = "postings"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    entry_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), index=True)
    account_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("ledger_accounts.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)


class IdempotencyKey(Base):
    """A money-moving request's key (per user), the hash of its parameters and its result,
    written in the same transaction as the effect."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(255))
    operation: Mapped[str] = mapped_column(String(40))
    request_hash: Mapped[str] = mapped_column(String(64))
    result_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WalletTransaction(Base):
    """A line of a user's wallet history (deposit, withdrawal, payment sent/received, escrow
    hold/release/refund). ``amount`` is positive minor units; ``kind`` gives the direction.
    Only a withdrawal's ``status`` changes (PENDING -> COMPLETED or FAILED)."""

    __tablename__ = "wallet_transactions"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    asset: Mapped[str] = mapped_column(String(ASSET_LENGTH))
    amount: Mapped[int] = mapped_column(BigInteger)
    payment_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("payments.id"), nullable=True)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    bank_card_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("bank_cards.id"), nullable=True)
    # The fund order a line belongs to (subscriptions, redemptions, their fees, refunds,
    # coupons and principal of a lot, price corrections); NULL for wallet lines.
    order_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OutboxEvent(Base):
    """An event announced with a ledger movement, in its transaction (``ledger.outbox``)."""

    __tablename__ = "ledger_outbox"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    user_ids: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LedgerCheck(Base):
    """One run of ``verify`` (``robo ledger verify`` or an operator's ``runLedgerCheck``):
    when it read the ledger, who ran it and what it found. Rows are only added, never
    changed, so runs at the same time each keep their own result (``ledger.checks``)."""

    __tablename__ = "ledger_checks"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ran_by: Mapped[str] = mapped_column(String(254))
    ok: Mapped[bool] = mapped_column(Boolean)
    problems: Mapped[list[str]] = mapped_column(JSON)


Index(
    "uq_ledger_accounts_user_purpose_asset",
    LedgerAccount.user_id,
    LedgerAccount.purpose,
    LedgerAccount.asset,
    unique=True,
    sqlite_where=text("user_id IS NOT NULL"),
    postgresql_where=text("user_id IS NOT NULL"),
)

Index(
    "uq_ledger_accounts_system_purpose_asset_shard",
    LedgerAccount.purpose,
    LedgerAccount.asset,
    LedgerAccount.shard,
    unique=True,
    sqlite_where=text("user_id IS NULL"),
    postgresql_where=text("user_id IS NULL"),
)

Index(
    "ix_wallet_transactions_user_id_created_at",
    WalletTransaction.user_id,
    WalletTransaction.created_at,
    WalletTransaction.id,
)

# Pending withdrawals, for the bank settlement job (a small partial index).
Index(
    "ix_wallet_transactions_pending_kind",
    WalletTransaction.kind,
    sqlite_where=text("status = 'PENDING'"),
    postgresql_where=text("status = 'PENDING'"),
)

# Holdings of one asset, for the money-fund income job (asset never changes, so balance
# updates stay HOT on PostgreSQL).
Index(
    "ix_ledger_accounts_asset_holders",
    LedgerAccount.asset,
    sqlite_where=text("user_id IS NOT NULL"),
    postgresql_where=text("user_id IS NOT NULL"),
)

# A user's withdrawals by time, for the daily limit (a few rows per user, unlike the history).
Index(
    "ix_wallet_transactions_withdrawals",
    WalletTransaction.user_id,
    WalletTransaction.created_at,
    sqlite_where=text("kind = 'WITHDRAWAL'"),
    postgresql_where=text("kind = 'WITHDRAWAL'"),
)


class PlatformClock(Base):
    """The platform's settable clock of dev and test (``ledger.clock``): at most one row, the
    offset from the real time that every process adds to it. No row: the configured clock."""

    __tablename__ = "platform_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    offset_microseconds: Mapped[int] = mapped_column(BigInteger)
    set_to: Mapped[datetime] = mapped_column(UTCDateTime())  # the instant it was set to
    set_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the real time it was set at
    set_by: Mapped[str] = mapped_column(String(100))  # "cli" or the operator's user id
