"""The wallet as the API and the CLI call it: every function and type they use, from the
module that implements it (nothing in ``wallet`` imports this module).

- identity and cards: ``verify_identity``, ``bind_bank_card``, ``bank_cards``, ``profile_of``;
- money: ``deposit``, ``withdraw`` (and the simulated bank's ``pending_withdrawal_ids``,
  ``settle_withdrawal``; for operators ``pending_withdrawals``, ``withdrawals`` and the
  all-or-nothing, retry-safe ``settle_withdrawals``), the payment password (``set_payment_password``, ``run_checked``);
- guarantee payments: ``confirm_payment``, ``refund_payment``, ``request_refund``,
  ``withdraw_refund_request``, ``extend_hold``, ``decline_refund``, ``resolve_dispute``,
  ``preview_payee``; paying itself is ``investing.service.pay`` (either source), or from the
  wallet's cash in the worker's group commit ``pay_in_group`` (``payment_group``);
- reading: ``wallet_summary``, ``payment_view``, ``payment_for``, ``payments_page``.
"""

from __future__ import annotations

from wallet.bank import (
    Settled,
    WithdrawalView,
    count_pending_withdrawals,
    pending_withdrawals,
    settle_withdrawals,
    withdrawals,
)
from wallet.cash import deposit, pending_withdrawal_ids, settle_withdrawal, withdraw
from wallet.events import WalletEvent, WalletEventKind, wallet_events, wallet_events_by_user
from wallet.identity import bank_cards, bind_bank_card, profile_of, verify_identity
from wallet.pay_batch import pay as pay_in_group
from wallet.pay_batch import payment_group
from wallet.payment_password import reset_with_identity as reset_payment_password
from wallet.payment_password import run_checked
from wallet.payment_password import set_password as set_payment_password
from wallet.payments import (
    HeldDeadline,
    decline_refund,
    extend_hold,
    held_releasing_between,
    preview_payee,
    request_refund,
    resolve_dispute,
    withdraw_refund_request,
)
from wallet.payments import confirm as confirm_payment
from wallet.payments import refund as refund_payment
from wallet.queries import (
    PaymentView,
    WalletSummary,
    count_payments,
    payment_for,
    payment_view,
    payments_page,
    wallet_summary,
)

__all__ = [
    "HeldDeadline",
    "PaymentView",
    "Settled",
    "WalletEvent",
    "WalletEventKind",
    "WalletSummary",
    "WithdrawalView",
    "bank_cards",
    "bind_bank_card",
    "confirm_payment",
    "count_payments",
    "count_pending_withdrawals",
    "decline_refund",
    "deposit",
    "extend_hold",
    "held_releasing_between",
    "pay_in_group",
    "payment_for",
    "payment_group",
    "payment_view",
    "payments_page",
    "pending_withdrawal_ids",
    "pending_withdrawals",
    "preview_payee",
    "profile_of",
    "refund_payment",
    "request_refund",
    "reset_payment_password",
    "resolve_dispute",
    "run_checked",
    "set_payment_password",
    "settle_withdrawal",
    "settle_withdrawals",
    "verify_identity",
    "wallet_events",
    "wallet_events_by_user",
    "wallet_summary",
    "withdraw",
    "withdraw_refund_request",
    "withdrawals",
]
