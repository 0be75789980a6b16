"""The portfolio's events as its owner sees them (``portfolioEvents``): an order confirmed or
failed, a day of money-fund income credited, a loan product's coupon paid, redemption cash
paid out. Read from the ledger's outbox (see ``wallet.events``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.money import major
from investing.confirmation import ORDER_CONFIRMED, ORDER_FAILED, REDEMPTION_PAID
from ledger.accounts import ACCOUNTS
from ledger.history import TRANSACTIONS
from ledger.kinds import FUND_ASSET_PREFIX, EntryKind, Purpose, TransactionKind
from ledger.outbox import POSTINGS, Event


class PortfolioEventKind(StrEnum):
    ORDER_CONFIRMED = "ORDER_CONFIRMED"
    ORDER_FAILED = "ORDER_FAILED"
    INCOME_CREDITED = "INCOME_CREDITED"
    COUPON_PAID = "COUPON_PAID"
    REDEMPTION_PAID = "REDEMPTION_PAID"


@dataclass(frozen=True, slots=True)
class PortfolioEvent:
    id: int  # the outbox event's
    kind: PortfolioEventKind
    occurred_at: datetime
    order_id: int | None
    product_id: int | None
    amount: Decimal | None  # CNY (income may be negative), or None


_BY_TOPIC = {
    ORDER_CONFIRMED: PortfolioEventKind.ORDER_CONFIRMED,
    ORDER_FAILED: PortfolioEventKind.ORDER_FAILED,
    REDEMPTION_PAID: PortfolioEventKind.REDEMPTION_PAID,
}
_INCOME = f"entry.{EntryKind.INCOME}"
_COUPON = f"entry.{EntryKind.LOAN_PAYMENT}"


def portfolio_events(session: Session, *, user_id: int, events: list[Event]) -> list[PortfolioEvent]:
    """Those of ``events`` (all concerning ``user_id``) that are portfolio events, oldest first."""
    return portfolio_events_by_user(session, {user_id: events}).get(user_id, [])


def portfolio_events_by_user(
    session: Session, events_by_user: Mapping[int, list[Event]]
) -> dict[int, list[PortfolioEvent]]:
    """Per user, those of the user's ``events`` (each concerning that user) that are portfolio
    events, oldest first: the one classification of outbox events as portfolio events (the
    subscriptions and the notifications both use it), in a fixed number of queries."""
    users = sorted(events_by_user)
    every = [event for events in events_by_user.values() for event in events]
    incomes: dict[tuple[int, int], tuple[int, int]] = {}
    income_entries = sorted({event.entry_id for event in every if event.topic == _INCOME and event.entry_id})
    if income_entries:
        rows = session.execute(
            select(POSTINGS.c.entry_id, ACCOUNTS.c.user_id, ACCOUNTS.c.asset, POSTINGS.c.amount)
            .select_from(POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id))
            .where(
                POSTINGS.c.entry_id.in_(income_entries),
                ACCOUNTS.c.user_id.in_(users),
                ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
            )
        )
        for entry_id, owner, asset, amount in rows:
            incomes[(entry_id, owner)] = (int(asset.removeprefix(FUND_ASSET_PREFIX)), amount)
    coupons: dict[tuple[int, int], int] = {}
    coupon_entries = sorted({event.entry_id for event in every if event.topic == _COUPON and event.entry_id})
    if coupon_entries:
        paid = session.execute(
            select(TRANSACTIONS.c.entry_id, TRANSACTIONS.c.user_id, TRANSACTIONS.c.amount).where(
                TRANSACTIONS.c.entry_id.in_(coupon_entries),
                TRANSACTIONS.c.user_id.in_(users),
                TRANSACTIONS.c.kind == str(TransactionKind.COUPON),
            )
        )
        coupons = {(entry_id, owner): amount for entry_id, owner, amount in paid}
    found: dict[int, list[PortfolioEvent]] = {}
    for user_id, events in events_by_user.items():
        mine = found[user_id] = []
        for event in events:
            payload = event.payload or {}
            key = (event.entry_id or 0, user_id)
            if event.topic in _BY_TOPIC:
                amount = payload.get("amount")
                mine.append(
                    PortfolioEvent(
                        event.id,
                        _BY_TOPIC[event.topic],
                        event.created_at,
                        payload.get("order_id"),
                        payload.get("product_id"),
                        None if amount is None else major(amount),
                    )
                )
            elif key in incomes:
                product_id, income = incomes[key]
                kind = PortfolioEventKind.INCOME_CREDITED
                mine.append(PortfolioEvent(event.id, kind, event.created_at, None, product_id, major(income)))
            elif key in coupons:
                kind = PortfolioEventKind.COUPON_PAID
                mine.append(PortfolioEvent(event.id, kind, event.created_at, None, None, major(coupons[key])))
    return found
