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

from datetime import date, datetime
from decimal import Decimal

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime

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
    # A refund request: the payee must answer by then (else it is refunded), and the time the
    # paused hold had left (a withdrawn request resumes it).
    respond_by: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    hold_left_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    extended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # the one extension
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
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


# --- investing: orders, lots, money-fund income days, loan payments, daily job runs ----------
# Amounts are minor units like the ledger's (fen for cash, hundredths for units); NAVs and
# incomes per 10,000 units are exact 4-place decimals. The ledger stays the source of truth
# for cash and units: these tables say why and when things moved.


class FundOrder(Base):
    """A subscription or redemption of a product's units (the ledger asset ``FUND:<id>``).

    Subscription: ``amount`` is the gross cash that left the wallet at once, ``fee`` came off
    it, ``expected_units`` is the estimate shown when it was placed; ``units`` and ``nav`` are
    set on confirmation. Redemption: ``units`` left the holding when it was placed (``amount``
    is the cash asked for when redeemed by amount); ``fee``, ``cash`` (net proceeds) and
    ``nav`` are set on confirmation, the cash arrives on ``cash_day`` (``cash_settled_at``);
    ``cost_released`` is the cost basis of the units redeemed. A fast (T+0) redemption is
    confirmed when it is placed; ``for_payment`` marks one that paid a payment."""

    __tablename__ = "fund_orders"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount > 0", name="amount_positive"),
        CheckConstraint("units IS NULL OR units >= 0", name="units_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    side: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    fast: Mapped[bool] = mapped_column(Boolean, default=False)
    for_payment: Mapped[bool] = mapped_column(Boolean, default=False)
    amount: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    fee: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    units: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    expected_units: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    nav: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4), nullable=True)
    cash: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    cost_released: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    trade_day: Mapped[date] = mapped_column(Date)
    confirm_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    cash_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    acknowledged_warning_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cash_settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


Index("ix_fund_orders_user_id_id", FundOrder.user_id, FundOrder.id)
Index("ix_fund_orders_user_id_product_id_placed_at", FundOrder.user_id, FundOrder.product_id, FundOrder.placed_at)
Index("ix_fund_orders_product_id_status_trade_day", FundOrder.product_id, FundOrder.status, FundOrder.trade_day)
# What changed a fund's holdings after a day ended (the income job): confirmations, placed
# and cancelled redemptions.
Index("ix_fund_orders_product_id_confirm_day", FundOrder.product_id, FundOrder.confirm_day)
Index("ix_fund_orders_product_id_placed_at", FundOrder.product_id, FundOrder.placed_at)
Index(
    "ix_fund_orders_product_id_cancelled_at",
    FundOrder.product_id,
    FundOrder.cancelled_at,
    sqlite_where=text("cancelled_at IS NOT NULL"),
    postgresql_where=text("cancelled_at IS NOT NULL"),
)


class FundLot(Base):
    """Units bought by one confirmed subscription (``acquired_on``: the confirmation day), for
    redemption fees by holding period (oldest units first) and the cost basis; loan products
    also count the periods already paid. Units from reinvested money-fund income are not in
    any lot: they carry no cost."""

    __tablename__ = "fund_lots"
    __table_args__ = (
        CheckConstraint("units_left >= 0 AND cost_left >= 0", name="left_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"), index=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"))
    acquired_on: Mapped[date] = mapped_column(Date)
    units: Mapped[int] = mapped_column(BigInteger)
    units_left: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    cost_left: Mapped[int] = mapped_column(BigInteger)
    paid_periods: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Units unlock on this day (the lock-up of the terms they were bought on); None: not locked.
    locked_until: Mapped[date | None] = mapped_column(Date, nullable=True)


Index("ix_fund_lots_user_id_product_id_acquired_on", FundLot.user_id, FundLot.product_id, FundLot.acquired_on, FundLot.id)


class FundOrderLot(Base):
    """The units (and their cost) a redemption took from one lot, with the fee rate of their
    holding period; a cancelled redemption gives them back."""

    __tablename__ = "fund_order_lots"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), index=True)
    lot_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_lots.id"))
    units: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    fee_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))


class MoneyFundIncome(Base):
    """One distribution of a money fund's income of a calendar day: the rate, how many
    holdings got something and their total (hundredths of a unit), and its ledger entry (none
    when nothing was due). A correction supersedes it (``superseded_at``), reverses its entry
    (``reversal_entry_id``) and adds a new distribution (``corrected_by``: the operator)."""

    __tablename__ = "money_fund_incomes"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    day: Mapped[date] = mapped_column(Date)
    income_per_10k: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    total: Mapped[int] = mapped_column(BigInteger)
    holders: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    reversal_entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    corrected_by: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


Index("ix_money_fund_incomes_product_id_day", MoneyFundIncome.product_id, MoneyFundIncome.day)
Index(
    "uq_money_fund_incomes_current_product_id_day",
    MoneyFundIncome.product_id,
    MoneyFundIncome.day,
    unique=True,
    sqlite_where=text("superseded_at IS NULL"),
    postgresql_where=text("superseded_at IS NULL"),
)


class LoanPayment(Base):
    """A coupon and/or principal payment of a loan product (ABS unit, P2P) to one lot:
    ``interest`` and ``principal`` are the cash paid (fen, after default losses),
    ``principal_units`` the units it retired and ``loss`` what defaults took."""

    __tablename__ = "loan_payments"
    __table_args__ = (UniqueConstraint("lot_id", "period"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    lot_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_lots.id"))
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    period: Mapped[int] = mapped_column(Integer)
    due_day: Mapped[date] = mapped_column(Date)
    interest: Mapped[int] = mapped_column(BigInteger)
    principal: Mapped[int] = mapped_column(BigInteger)
    principal_units: Mapped[int] = mapped_column(BigInteger)
    loss: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_loan_payments_user_id_product_id", LoanPayment.user_id, LoanPayment.product_id)


class DailyJobRun(Base):
    """A daily job done for one product and day, written in the same transaction as its
    effect: the unique key makes a re-run (or a concurrent run) change nothing."""

    __tablename__ = "daily_job_runs"
    __table_args__ = (UniqueConstraint("job", "product_id", "day"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    job: Mapped[str] = mapped_column(String(20))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    day: Mapped[date] = mapped_column(Date)
    item_count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# Holdings of one asset, for the money-fund income job (asset never changes, so balance
# updates stay HOT on PostgreSQL).
Index(
    "ix_ledger_accounts_asset_holders",
    LedgerAccount.asset,
    sqlite_where=text("user_id IS NOT NULL"),
    postgresql_where=text("user_id IS NOT NULL"),
)


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


# A user's withdrawals by time, for the daily limit (a few rows per user, unlike the history).
Index(
    "ix_wallet_transactions_withdrawals",
    WalletTransaction.user_id,
    WalletTransaction.created_at,
    sqlite_where=text("kind = 'WITHDRAWAL'"),
    postgresql_where=text("kind = 'WITHDRAWAL'"),
)


class OrderRepricing(Base):
    """An order re-priced after its trade day's NAV was corrected (``wallet.repricing``): what
    the fund gave the holder (units or cash) and what it bore (never taken from the holder)."""

    __tablename__ = "order_repricings"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), index=True)
    correction_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("product_nav_corrections.id"))
    old_nav: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    new_nav: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    units_delta: Mapped[int] = mapped_column(BigInteger)
    cash_delta: Mapped[int] = mapped_column(BigInteger)
    borne: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
