"""The wallet's vocabulary: assets, account purposes, journal-entry kinds, transaction kinds
and statuses, payment statuses. Stored as their string values."""

from __future__ import annotations

from enum import StrEnum

from core.money import UNITS_PLACES, exponent

CNY = "CNY"
FUND_ASSET_PREFIX = "FUND:"


def fund_asset(product_id: int) -> str:
    """The ledger asset of one fund's units (used by the investing side)."""
    return f"{FUND_ASSET_PREFIX}{product_id}"


def asset_places(asset: str) -> int:
    """Decimal places of one minor unit of ``asset``: a currency's exponent, or 2 for units."""
    if asset.startswith(FUND_ASSET_PREFIX):
        return UNITS_PLACES
    return exponent(asset)


class Purpose(StrEnum):
    """What an account is for. User accounts: CASH, FUND_UNITS. The others are system
    accounts (no owner; may go negative; balance derived from postings)."""

    CASH = "CASH"
    FUND_UNITS = "FUND_UNITS"
    BANK_CLEARING = "BANK_CLEARING"
    WITHDRAWALS_IN_TRANSIT = "WITHDRAWALS_IN_TRANSIT"
    ESCROW = "ESCROW"
    FEES = "FEES"
    FUND_SETTLEMENT = "FUND_SETTLEMENT"
    INCOME = "INCOME"


class EntryKind(StrEnum):
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    WITHDRAWAL_SETTLEMENT = "WITHDRAWAL_SETTLEMENT"
    WITHDRAWAL_REVERSAL = "WITHDRAWAL_REVERSAL"
    PAYMENT = "PAYMENT"
    ESCROW_HOLD = "ESCROW_HOLD"
    ESCROW_RELEASE = "ESCROW_RELEASE"
    ESCROW_REFUND = "ESCROW_REFUND"


class TransactionKind(StrEnum):
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    PAYMENT_SENT = "PAYMENT_SENT"
    PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
    ESCROW_HOLD = "ESCROW_HOLD"
    ESCROW_RELEASE = "ESCROW_RELEASE"
    ESCROW_REFUND = "ESCROW_REFUND"


# Kinds whose money leaves the user (they count towards the daily limit).
OUTGOING_KINDS = (TransactionKind.WITHDRAWAL, TransactionKind.PAYMENT_SENT, TransactionKind.ESCROW_HOLD)


class TransactionStatus(StrEnum):
    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class PaymentStatus(StrEnum):
    COMPLETED = "COMPLETED"  # direct payment
    HELD = "HELD"
    REFUND_REQUESTED = "REFUND_REQUESTED"
    DISPUTED = "DISPUTED"
    RELEASED = "RELEASED"
    REFUNDED = "REFUNDED"


# A guarantee payment in one of these states still has its money in escrow.
IN_ESCROW = (PaymentStatus.HELD, PaymentStatus.REFUND_REQUESTED, PaymentStatus.DISPUTED)


class DisputeOutcome(StrEnum):
    RELEASE = "RELEASE"
    REFUND = "REFUND"
