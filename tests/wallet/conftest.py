"""Wallet test helpers: valid identity and card numbers, ready-to-pay users, ledger snapshots."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.base import Base
from demo.wallet import luhn_complete
from investing import models as investing_models
from ledger import models as ledger_models
from ledger.accounts import ACCOUNTS
from wallet import cash, identity
from wallet import models as wallet_models

_counter = itertools.count(1)


_identities = itertools.count(1)


def id_number(body: str | None = None) -> str:
    """A valid 18-character identity number with ``body`` as its first 17 digits; without
    one, a new number each call (one identity per person: a number verifies one account)."""
    if body is None:
        n = next(_identities)
        born = date(1970, 1, 1) + timedelta(days=n % 15_000)
        body = f"110105{born:%Y%m%d}{n // 15_000 % 1000:03d}"
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
        user = make_user(email or f"holder{n}@example.com", display_name=name)
        with db.write() as session:
            identity.verify_identity(
                session=session, clock=clock, settings=settings, user_id=user.id, real_name=name, id_number=id_number()
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=name,
                bank_name="ICBC",
            )
            if Decimal(deposit) > 0:
                cash.deposit(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    amount=Decimal(deposit),
                    idempotency_key=f"setup-{n}",
                )
        return user

    return make


# Every table of the wallet domain (ledger, payments, profiles, cards, keys, history, orders ...).
WALLET_TABLES = tuple(
    model.__table__
    for module in (ledger_models, wallet_models, investing_models)
    for model in vars(module).values()
    if isinstance(model, type) and issubclass(model, Base) and model.__module__ == module.__name__
)
PROFILES = wallet_models.WalletProfile.__table__
# What a refused request must not change in a profile (failed payment-password tries are
# counted on purpose, so those columns are left out).
PROFILE_FACTS = (
    PROFILES.c.user_id,
    PROFILES.c.real_name,
    PROFILES.c.id_number_masked,
    PROFILES.c.identity_verified_at,
    PROFILES.c.payment_password_hash,
    PROFILES.c.payment_password_set_at,
)


def ledger_snapshot(db) -> dict:
    """Row counts of every wallet table, all user balances and the profiles' identity and
    password: equal snapshots mean nothing was written."""
    with db.read() as session:
        counts = {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one() for table in WALLET_TABLES
        }
        balances = dict(session.execute(select(ACCOUNTS.c.id, ACCOUNTS.c.balance)).all())
        profiles = [tuple(row) for row in session.execute(select(*PROFILE_FACTS).order_by(PROFILES.c.user_id))]
    return {"counts": counts, "balances": balances, "profiles": profiles}


def ledger_problems(db) -> list[str]:
    from ledger.verify import verify

    with db.read() as session:
        return verify(session)
