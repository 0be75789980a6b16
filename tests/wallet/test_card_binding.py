"""Binding a bank card is idempotent, also when two binds of the same card race past the
duplicate check (PostgreSQL, READ COMMITTED): both get the one card, no server error."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.users.races import race
from tests.wallet.conftest import card_number, id_number
from wallet import identity
from wallet.models import BankCard

pytestmark = pytest.mark.postgresql


@pytest.fixture
def db(pg_db):  # make_user writes through ``db``: the PostgreSQL database of these tests
    return pg_db


def test_two_concurrent_binds_of_one_card_give_the_same_card(pg_db, make_user, clock, settings, monkeypatch):
    user = make_user()
    with pg_db.write() as session:
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            real_name="Han Meimei",
            id_number=id_number(),
        )

    def bind():
        with pg_db.write() as session:
            card = identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name="Han Meimei",
                bank_name="ICBC",
            )
            return card.id, card.last4

    first, second = race(monkeypatch, identity, "bound_card", bind)
    assert first == second and first[1] == card_number()[-4:]
    with pg_db.read() as session:
        assert session.scalar(select(func.count()).select_from(BankCard)) == 1
    # And sequentially, once more: the same card again.
    monkeypatch.undo()
    assert bind() == first
