"""The wallet's vocabulary: payment statuses and sources, dispute outcomes, and which history
kinds move money out of or into a user's wallet. Stored as their string values."""

from __future__ import annotations

from enum import StrEnum

from ledger.kinds import TransactionKind

# Kinds whose money leaves the user (they count towards the daily limit).
OUTGOING_KINDS = (TransactionKind.WITHDRAWAL, TransactionKind.PAYMENT_SENT, TransactionKind.ESCROW_HOLD)
# Kinds whose money comes to the user (a history line's direction; every other kind goes out,
# a WRITE_DOWN too: the value of units lost, though no cash moves).
INCOMING_KINDS = frozenset(
    {
        TransactionKind.DEPOSIT,
        TransactionKind.PAYMENT_RECEIVED,
        TransactionKind.ESCROW_RELEASE,
        TransactionKind.ESCROW_REFUND,
        # investing
        TransactionKind.SUBSCRIPTION_REFUND,
        TransactionKind.REDEMPTION,
        TransactionKind.INCOME,
        TransactionKind.COUPON,
        TransactionKind.PRINCIPAL,
        TransactionKind.GUARANTOR_PAYMENT,
        TransactionKind.PRICE_CORRECTION,
        # lending
        TransactionKind.LOAN_DRAWDOWN,
        TransactionKind.DIVIDEND,
    }
)


def is_incoming(kind: TransactionKind | str) -> bool:
    """Whether a history line of ``kind`` brings money to the user."""
    return TransactionKind(kind) in INCOMING_KINDS


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


class PaymentSource(StrEnum):
    """Where the money of a payment comes from: the wallet's cash, or the money-fund balance
    (a fast redemption plus the payment, in one transaction)."""

    WALLET = "WALLET"
    MONEY_FUND = "MONEY_FUND"


class PaymentRole(StrEnum):
    """The viewer's side of a payment: they SENT it (payer) or RECEIVED it (payee)."""

    SENT = "SENT"
    RECEIVED = "RECEIVED"
