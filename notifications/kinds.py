"""What a notification is about: every wallet and portfolio event kind, plus the reminders."""

from __future__ import annotations

from enum import StrEnum

from investing.events import PortfolioEventKind
from wallet.events import WalletEventKind


class NotificationKind(StrEnum):
    # the wallet's events (``wallet.events.WalletEventKind``)
    PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
    PAYMENT_SENT = "PAYMENT_SENT"
    PAYMENT_HELD = "PAYMENT_HELD"
    PAYMENT_RELEASED = "PAYMENT_RELEASED"
    PAYMENT_REFUNDED = "PAYMENT_REFUNDED"
    DEPOSIT_COMPLETED = "DEPOSIT_COMPLETED"
    WITHDRAWAL_COMPLETED = "WITHDRAWAL_COMPLETED"
    WITHDRAWAL_FAILED = "WITHDRAWAL_FAILED"
    # the portfolio's events (``investing.events.PortfolioEventKind``)
    ORDER_CONFIRMED = "ORDER_CONFIRMED"
    ORDER_FAILED = "ORDER_FAILED"
    INCOME_CREDITED = "INCOME_CREDITED"
    COUPON_PAID = "COUPON_PAID"
    REDEMPTION_PAID = "REDEMPTION_PAID"
    # reminders
    ESCROW_AUTO_CONFIRM_TOMORROW = "ESCROW_AUTO_CONFIRM_TOMORROW"
    RISK_ASSESSMENT_EXPIRING = "RISK_ASSESSMENT_EXPIRING"
    PLAN_DRIFTED = "PLAN_DRIFTED"
    # automatic investing (``notifications.automation``): what the platform did on its own
    INVESTMENT_PLAN_RUN = "INVESTMENT_PLAN_RUN"
    INVESTMENT_PLAN_SKIPPED = "INVESTMENT_PLAN_SKIPPED"
    INVESTMENT_PLAN_PAUSED = "INVESTMENT_PLAN_PAUSED"
    AUTOMATIC_REBALANCE = "AUTOMATIC_REBALANCE"
    GOAL_NEEDS_REVIEW = "GOAL_NEEDS_REVIEW"


REMINDERS = frozenset(
    {
        NotificationKind.ESCROW_AUTO_CONFIRM_TOMORROW,
        NotificationKind.RISK_ASSESSMENT_EXPIRING,
        NotificationKind.PLAN_DRIFTED,
    }
)

# Every event kind is a notification kind (checked when this module loads, so a new event
# kind cannot be forgotten here).
_MISSING = {str(kind) for kind in (*WalletEventKind, *PortfolioEventKind)} - {str(kind) for kind in NotificationKind}
if _MISSING:  # pragma: no cover - a programming error
    raise RuntimeError(f"event kinds without a notification kind: {sorted(_MISSING)}")
