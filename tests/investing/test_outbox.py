"""The ledger's outbox: every movement announces itself in its own transaction (the users
whose balances it changed; a set-based income entry once, for all its holders), a refused or
rolled-back movement announces nothing, and readers page through committed events in order.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from investing.kinds import DailyJob
from ledger import outbox
from ledger.models import JournalEntry
from tests.investing.conftest import D
from wallet import cash, payments

FRI = date(2026, 11, 27)


def events(db, after: int = 0, *, entries_only: bool = True):
    """The events after ``after``: those entries announce (or every one, domain events too)."""
    with db.read() as session:
        found = outbox.events_after(session, after)
    return [event for event in found if not entries_only or event.topic.startswith("entry.")]


def entries(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry))


def test_every_entry_announces_itself_once_with_its_users_and_refusals_announce_nothing(
    db, clock, settings, investor, desk, funds, catalogue
):
    payer, payee = investor("C1", deposit="100"), investor("C1", deposit="0")
    seen = events(db)
    assert len(seen) == entries(db)  # the set-up's deposits
    with db.write() as session:
        payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("30"),
            idempotency_key="p",
        )
    new = events(db, seen[-1].id)
    assert [(e.topic, e.user_ids) for e in new] == [("entry.PAYMENT", tuple(sorted((payer.id, payee.id))))]
    with pytest.raises(DomainError), db.write() as session:
        cash.withdraw(
            session=session,
            clock=clock,
            settings=settings,
            user_id=payer.id,
            amount=Decimal("500"),
            idempotency_key="too-much",
        )
    assert events(db, new[-1].id) == []
    # A money fund's day: one entry for every holder, announced once without listing them.
    holders = [investor("C1", deposit="1000") for _ in range(3)]
    for holder in holders:
        desk.subscribe(holder, funds.mmf, "1000.00")
    desk.on(FRI, 9)
    confirming = events(db, entries_only=False)[-1].id
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    confirmed = [e for e in events(db, confirming, entries_only=False) if not e.topic.startswith("entry.")]
    assert sorted((e.topic, e.user_ids) for e in confirmed) == sorted(("order.CONFIRMED", (h.id,)) for h in holders)
    desk.on(date(2026, 11, 28), 9)
    catalogue.record_income(funds.mmf, FRI, "0.6000")
    before = events(db, entries_only=False)[-1].id
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    income = events(db, before)
    assert [(e.topic, e.user_ids) for e in income] == [("entry.INCOME", ())]
    assert income[0].entry_id is not None
    assert len(events(db)) == entries(db)  # one event per entry, in the movement's transaction
    assert desk.problems() == []


def test_readers_page_through_events_in_order(db, clock, settings, investor):
    user = investor("C1", deposit="0")
    for n in range(7):
        with db.write() as session:
            cash.deposit(
                session=session, clock=clock, settings=settings, user_id=user.id, amount=D("1"), idempotency_key=f"d{n}"
            )
    with db.read() as session:
        pages, after = [], 0
        while page := outbox.events_after(session, after, limit=3):
            pages.append(page)
            after = page[-1].id
    ids = [event.id for page in pages for event in page]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == entries(db)
    assert all(len(page) <= 3 for page in pages)
