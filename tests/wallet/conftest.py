"""Wallet test helpers: valid identity and card numbers, ready-to-pay users, ledger snapshots."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from wallet import cash, identity
from wallet.accounts import ACCOUNTS
from wallet.demo import luhn_complete
from wallet.history import TRANSACTIONS
from wallet.idempotency import KEYS
from wallet.ledger import ENTRIES, POSTINGS
from wallet.payments import EVENTS, PAYMENTS

_counter = itertools.count(1)


def id_number(body: str = "11010519900307123") -> str:
    """A valid 18-character identity number with ``body`` as its first 17 digits."""
    return body + identity.id_check_character(body)


def card_number(prefix: str = "622202020011223344") -> str:
    return luhn_complete(prefix)


def wrong_check(number: str) -> str:
    """The same number with a wrong check character."""
    right = number[-1]
    return number[:-1] + ("0" if right != "0" else "1")


@pytest.fixture
def ready_user(db, make_user, settings, clock):
    """``ready_user(name, deposit="0")``: a customer with a verified identity and a bound card,
    optionally topped up. Returns the user (password ``correct-horse-battery``)."""

    def make(name: str | None = None, *, deposit: str = "0", email: str | None = None):
        n = next(_counter)
        name = name or f"Holder {n}"
        user = make_user(email or f"holder{n}@example.com")
        with db.write() as session:
            identity.verify_identity(session=session, clock=clock, user_id=user.id, real_name=name, id_number=id_number())
            identity.bind_bank_card(
                session=session, clock=clock, settings=settings, user_id=user.id,
                card_number=card_number(), holder_name=name, bank_name="ICBC",
            )
            if Decimal(deposit) > 0:
                cash.deposit(
                    session=session, clock=clock, settings=settings, user_id=user.id,
                    amount=Decimal(deposit), idempotency_key=f"setup-{n}",
                )
        return user

    return make


def ledger_snapshot(db) -> dict:
    """Counts of every wallet table and all user balances: equal snapshots mean nothing was written."""
    with db.read() as session:
        counts = {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (ACCOUNTS, ENTRIES, POSTINGS, KEYS, PAYMENTS, EVENTS, TRANSACTIONS)
        }
        balances = dict(session.execute(select(ACCOUNTS.c.id, ACCOUNTS.c.balance)).all())
    return {"counts": counts, "balances": balances}


def ledger_problems(db) -> list[str]:
    from wallet.verify import verify

    with db.read() as session:
        return verify(session)
