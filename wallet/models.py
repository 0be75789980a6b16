"""Tables of the wallet domain.

The ledger (``ledger_accounts``, ``journal_entries``, ``postings``) is double-entry and
multi-asset: every amount is a signed integer of the asset's minor unit (fen for CNY,
hundredths of a unit for fund units), so there is no per-column scale to get wrong. User
accounts keep their balance on the row (never negative: CHECK constraint); system accounts
(``balance`` NULL) derive theirs from their postings, so they are never a hot row. Journal
entries and postings are append-only (database triggers refuse UPDATE and DELETE, see
migration 0004).

Around it: the wallet profile (verified identity, payment password), bank cards, the
idempotency keys of money-moving requests, payments with their escrow state and audit
events, and the user-facing transaction history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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
MEMO_LENGTH = 200
REASON_LENGTH = 500


class WalletProfile(Base):
    """One row per user who verified an identity or set a payment password."""

    __tablename__ = "wallet_profiles"

    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), primary_key=True)
    real_name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    # Only the masked number is kept (data minimisation): "110105********123X".
    id_number_masked: Mapped[str | None] = mapped_column(String(18), nullable=True)
    identity_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    payment_password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    payment_password_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    payment_password_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    payment_password_blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class BankCard(Base):
    """A bound bank card. Only the last 4 digits and a keyed fingerprint of the number are
    stored (the fingerprint makes binding the same card twice idempotent)."""

    __tablename__ = "bank_cards"
    __table_args__ = (UniqueConstraint("user_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    last4: Mapped[str] = mapped_column(String(4))
    holder_name: Mapped[str] = mapped_column(String(50))
    bank_name: Mapped[str] = mapped_column(String(50))
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime())


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


class JournalEntry(Base):
    """One immutable, balanced entry; corrected only by a new entry that reverses it."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reverses_entry_id: Mapped[int | None] = mapped_column(
        BigIntPK, ForeignKey("journal_entries.id"), nullable=True
    )


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


class Payment(Base):
    """A payment between two users: direct (``COMPLETED`` at once) or guarantee (held in
    escrow until released or refunded)."""

    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    payer_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    payee_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), index=True)
    asset: Mapped[str] = mapped_column(String(ASSET_LENGTH))
    amount: Mapped[int] = mapped_column(BigInteger)
    memo: Mapped[str | None] = mapped_column(String(MEMO_LENGTH), nullable=True)
    guarantee: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))
    auto_confirm_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When a held payment releases by itself; NULL while the timer is paused or stopped.
    auto_confirm_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    refund_reason: Mapped[str | None] = mapped_column(String(REASON_LENGTH), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


Index("ix_payments_payer_id_status", Payment.payer_id, Payment.status)
Index("ix_payments_status_auto_confirm_at", Payment.status, Payment.auto_confirm_at)


class PaymentEvent(Base):
    """Audit trail of a payment's state changes: who (NULL: the system), when, why."""

    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    payment_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("payments.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(REASON_LENGTH), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


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
