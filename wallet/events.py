"""The wallet's events as its owner sees them (``walletEvents``): a payment received, sent,
held, released or refunded, a deposit completed, a withdrawal completed or failed.

They are read from the ledger's outbox (``ledger.outbox``), written in the transaction of the
movement each announces, so an event exists exactly when its money moved; the history line
of the same entry says which side of a payment the user was on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.history import TRANSACTIONS
from ledger.kinds import TransactionKind
from ledger.outbox import Event
from wallet.cash import WITHDRAWAL_COMPLETED, WITHDRAWAL_FAILED


class WalletEventKind(StrEnum):
    PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
    PAYMENT_SENT = "PAYMENT_SENT"
    PAYMENT_HELD = "PAYMENT_HELD"
    PAYMENT_RELEASED = "PAYMENT_RELEASED"
    PAYMENT_REFUNDED = "PAYMENT_REFUNDED"
    DEPOSIT_COMPLETED = "DEPOSIT_COMPLETED"
    WITHDRAWAL_COMPLETED = "WITHDRAWAL_COMPLETED"
    WITHDRAWAL_FAILED = "WITHDRAWAL_FAILED"


@dataclass(frozen=True, slots=True)
class WalletEvent:
    id: int  # the outbox event's
    kind: WalletEventKind
    occurred_at: datetime
    payment_id: int | None
    transaction_id: int | None


_BY_LINE = {
    TransactionKind.DEPOSIT: WalletEventKind.DEPOSIT_COMPLETED,
    TransactionKind.PAYMENT_SENT: WalletEventKind.PAYMENT_SENT,
    TransactionKind.PAYMENT_RECEIVED: WalletEventKind.PAYMENT_RECEIVED,
    TransactionKind.ESCROW_HOLD: WalletEventKind.PAYMENT_HELD,
    TransactionKind.ESCROW_RELEASE: WalletEventKind.PAYMENT_RELEASED,
    TransactionKind.ESCROW_REFUND: WalletEventKind.PAYMENT_REFUNDED,
}
_BY_TOPIC = {
    WITHDRAWAL_COMPLETED: WalletEventKind.WITHDRAWAL_COMPLETED,
    WITHDRAWAL_FAILED: WalletEventKind.WITHDRAWAL_FAILED,
}


def wallet_events(session: Session, *, user_id: int, events: list[Event]) -> list[WalletEvent]:
    """Those of ``events`` (all concerning ``user_id``) that are wallet events, oldest first."""
    return wallet_events_by_user(session, {user_id: events}).get(user_id, [])


def wallet_events_by_user(session: Session, events_by_user: Mapping[int, list[Event]]) -> dict[int, list[WalletEvent]]:
    """Per user, those of the user's ``events`` (each concerning that user) that are wallet
    events, oldest first: the one classification of outbox events as wallet events (the
    subscriptions and the notifications both use it), in a fixed number of queries."""
    entry_ids = sorted({event.entry_id for events in events_by_user.values() for event in events if event.entry_id})
    lines: dict[tuple[int, int], tuple[int, str, int | None]] = {}
    if entry_ids:
        rows = session.execute(
            select(
                TRANSACTIONS.c.entry_id,
                TRANSACTIONS.c.user_id,
                TRANSACTIONS.c.id,
                TRANSACTIONS.c.kind,
                TRANSACTIONS.c.payment_id,
            ).where(TRANSACTIONS.c.entry_id.in_(entry_ids), TRANSACTIONS.c.user_id.in_(sorted(events_by_user)))
        )
        for entry_id, user_id, line_id, kind, payment_id in rows:
            if kind in _BY_LINE:
                lines[(entry_id, user_id)] = (line_id, kind, payment_id)
    found: dict[int, list[WalletEvent]] = {}
    for user_id, events in events_by_user.items():
        mine = found[user_id] = []
        for event in events:
            if event.topic in _BY_TOPIC:
                line_id = (event.payload or {}).get("transaction_id")
                mine.append(WalletEvent(event.id, _BY_TOPIC[event.topic], event.created_at, None, line_id))
            elif event.entry_id is not None and (event.entry_id, user_id) in lines:
                line_id, kind, payment_id = lines[(event.entry_id, user_id)]
                mine.append(
                    WalletEvent(event.id, _BY_LINE[TransactionKind(kind)], event.created_at, payment_id, line_id)
                )
    return found
