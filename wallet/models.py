"""Tables of the wallet: the wallet profile (verified identity, payment password), bank cards,
payments with their escrow state and audit events, and the daily totals of outgoing money.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import UTCDateTime
from ledger.models import ASSET_LENGTH

MEMO_LENGTH = 200


REASON_LENGTH = 500


class WalletProfile(Base):
    """One row per user who verified an identity or set a payment password."""

    __tablename__ = "wallet_profiles"

    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), primary_key=True)
    real_name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    # Only the masked number is kept (data minimisation): "110105********123X".
    id_number_masked: Mapped[str | None] = mapped_column(String(18), nullable=True)
    # HMAC of the full number (``identity.identity_fingerprint``): one identity per person.
    id_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    # From the verified identity number (None for accounts verified before it was kept).
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
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


class Payment(Base):
    """A payment between two users: direct (``COMPLETED`` at once) or guarantee (held in
    escrow until released or refunded)."""

    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    payer_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    payee_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    asset: Mapped[str] = mapped_column(String(ASSET_LENGTH))
    amount: Mapped[int] = mapped_column(BigInteger)
    memo: Mapped[str | None] = mapped_column(String(MEMO_LENGTH), nullable=True)
    guarantee: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))
    auto_confirm_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When a held payment releases by itself; NULL while the timer is paused or stopped.
    auto_confirm_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    refund_reason: Mapped[str | None] = mapped_column(String(REASON_LENGTH), nullable=True)
    # A refund request: the payee must answer by then (else it is refunded), and the time the
    # paused hold had left (a withdrawn request resumes it).
    respond_by: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    hold_left_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # the one extension
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


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


class DailyPaymentTotal(Base):
    """What a user paid (direct and guarantee payments) on ``day``, the platform's calendar
    day, in one asset: the payments' part of the daily limit, one row per user and asset that
    the first payment of a new day resets. Read and written only while the user's cash
    account is locked (so it needs no lock of its own), it spares every payment a scan of the
    day's history. Withdrawals are summed from the history instead (a failed one stops
    counting): see ``limits`` and the partial index below."""

    __tablename__ = "daily_payment_totals"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), primary_key=True)
    asset: Mapped[str] = mapped_column(String(ASSET_LENGTH), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)


Index("ix_payments_payer_id_status", Payment.payer_id, Payment.status)
# A payee's payments, and whether a payer ever paid them (``queries.acquainted``: a probe, not a
# scan of everything the payee received).
Index("ix_payments_payee_id_payer_id", Payment.payee_id, Payment.payer_id)

Index("ix_payments_status_auto_confirm_at", Payment.status, Payment.auto_confirm_at)


class PaymentPasswordReset(Base):
    """Audit of payment-password resets after identity re-verification
    (``payment_password.reset_with_identity``): every attempt, refused or done."""

    __tablename__ = "payment_password_resets"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(32))  # "reset", "mismatch", "rate_limited"
    client_address: Mapped[str | None] = mapped_column(String(64), nullable=True)
