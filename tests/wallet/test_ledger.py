"""The ledger's own guarantees, whatever the caller does: entries balance per asset, user
accounts never go negative, history is append-only, several assets share one ledger, and
``verify`` finds every kind of corruption."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import insert, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from core.errors import DomainError
from ledger.accounts import ACCOUNTS, lock_user_accounts, system_account
from ledger.entries import ENTRIES, POSTINGS, Posting, UnbalancedEntry, post_entry, system_balance
from ledger.kinds import CNY, Purpose, fund_asset
from tests.wallet.conftest import ledger_problems, ledger_snapshot


def fund_user(db, clock, user_id: int, amount: int, asset: str = CNY) -> None:
    with db.write() as session:
        now = clock.now()
        account = lock_user_accounts(
            session, [(user_id, Purpose.CASH if asset == CNY else Purpose.FUND_UNITS, asset)], now=now
        )
        (locked,) = account.values()
        source = system_account(
            session, Purpose.BANK_CLEARING if asset == CNY else Purpose.FUND_SETTLEMENT, asset, now=now
        )
        post_entry(session, kind="TEST", postings=[Posting(source, -amount), Posting(locked.ref, amount)], at=now)


def test_unbalanced_or_empty_postings_are_refused(db, make_user, clock):
    user = make_user()
    with db.write() as session:
        now = clock.now()
        cash = lock_user_accounts(session, [(user.id, Purpose.CASH, CNY)], now=now)[(user.id, Purpose.CASH, CNY)].ref
        bank = system_account(session, Purpose.BANK_CLEARING, CNY, now=now)
        units = system_account(session, Purpose.FUND_SETTLEMENT, fund_asset(7), now=now)
        for postings in (
            [Posting(bank, -100), Posting(cash, 99)],
            [Posting(bank, -100)],
            [Posting(bank, 0), Posting(cash, 0)],
            [Posting(bank, -100), Posting(units, 100)],  # sums to zero, but across two assets
        ):
            with pytest.raises(UnbalancedEntry):
                post_entry(session, kind="TEST", postings=postings, at=now)


def test_a_user_account_never_goes_negative(db, make_user, clock):
    payer, payee = make_user(), make_user()
    fund_user(db, clock, payer.id, 500)
    before = ledger_snapshot(db)
    with pytest.raises(DomainError) as refused, db.write() as session:
        now = clock.now()
        locked = lock_user_accounts(session, [(payer.id, Purpose.CASH, CNY), (payee.id, Purpose.CASH, CNY)], now=now)
        post_entry(
            session,
            kind="TEST",
            at=now,
            postings=[
                Posting(locked[(payer.id, Purpose.CASH, CNY)].ref, -501),
                Posting(locked[(payee.id, Purpose.CASH, CNY)].ref, 501),
            ],
        )
    assert refused.value.code == "INSUFFICIENT_FUNDS"
    # The payee's new account was rolled back too: nothing written.
    assert ledger_snapshot(db) == before
    # And the database refuses a negative balance even if code skipped the guard.
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(update(ACCOUNTS).where(ACCOUNTS.c.user_id == payer.id).values(balance=-1))


def test_entries_and_postings_are_append_only(db, make_user, clock):
    user = make_user()
    fund_user(db, clock, user.id, 100)
    for statement in (
        "UPDATE postings SET amount = amount * 2",
        "DELETE FROM postings",
        "UPDATE journal_entries SET kind = 'OTHER'",
        "DELETE FROM journal_entries",
    ):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
            session.execute(text(statement))
    assert ledger_problems(db) == []


def test_fund_units_and_cash_live_in_one_ledger(db, make_user, clock):
    user = make_user()
    fund_user(db, clock, user.id, 10_000)
    fund_user(db, clock, user.id, 2_550, asset=fund_asset(3))
    with db.read() as session:
        assert system_balance(session, purpose=Purpose.BANK_CLEARING, asset=CNY) == -10_000
        assert system_balance(session, purpose=Purpose.FUND_SETTLEMENT, asset=fund_asset(3)) == -2_550
    assert ledger_problems(db) == []


def test_verify_reports_each_kind_of_corruption(db, make_user, clock):
    user = make_user()
    fund_user(db, clock, user.id, 100)
    fund_user(db, clock, user.id, 700, asset=fund_asset(9))
    assert ledger_problems(db) == []
    with db.write() as session:  # a balance that no longer matches its postings
        session.execute(
            update(ACCOUNTS).where(ACCOUNTS.c.user_id == user.id, ACCOUNTS.c.asset == CNY).values(balance=90)
        )
        entry = session.execute(
            insert(ENTRIES).values(kind="BROKEN", created_at=clock.now()).returning(ENTRIES.c.id)
        ).scalar_one()
        fund_account = session.execute(
            text("SELECT id FROM ledger_accounts WHERE asset = :a AND user_id IS NOT NULL"), {"a": fund_asset(9)}
        ).scalar_one()
        session.execute(insert(POSTINGS).values(entry_id=entry, account_id=fund_account, amount=5))  # one-sided
        session.execute(update(ACCOUNTS).where(ACCOUNTS.c.id == fund_account).values(balance=705))
    problems = ledger_problems(db)
    text_ = "\n".join(problems)
    assert "balance 90 but its postings sum to 100" in text_
    assert f"entry {entry} does not balance in {fund_asset(9)}" in text_
    assert f"entry {entry} has 1 posting(s)" in text_
    assert f"asset {fund_asset(9)} does not sum to zero" in text_
    assert "CNY does not sum to zero" not in text_


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(min_value=-(10**6), max_value=10**6).filter(bool), min_size=1, max_size=6))
def test_any_entry_that_does_not_sum_to_zero_is_refused(sqlite_db, clock, amounts):
    imbalance = sum(amounts)
    with sqlite_db.write() as session:
        now = clock.now()
        accounts = [system_account(session, Purpose.INCOME, CNY, now=now, shard=i) for i in range(len(amounts) + 1)]
        postings = [Posting(a, x) for a, x in zip(accounts, amounts)]
        if imbalance == 0 and len(postings) >= 2:
            post_entry(session, kind="TEST", postings=postings, at=now)
        else:
            if imbalance != 0:
                closing = Posting(accounts[-1], -imbalance)
                postings_ok = postings + [closing]
                post_entry(session, kind="TEST", postings=postings_ok, at=now)  # balanced: accepted
            with pytest.raises(UnbalancedEntry):
                post_entry(session, kind="TEST", postings=postings, at=now)
    assert ledger_problems(sqlite_db) == []


def test_the_snapshot_sees_profiles_and_cards_not_only_money(db, make_user, clock, settings):
    """``ledger_snapshot`` is what the "nothing written" assertions compare: a verified
    identity, a payment password or a bound card must show in it."""
    from tests.wallet.conftest import card_number, id_number
    from wallet import identity, payment_password

    user = make_user()
    with db.write() as session:  # a profile row without any fact yet
        identity.get_or_create_profile(session, user.id)
    snapshots = [ledger_snapshot(db)]
    steps = [
        lambda s: identity.verify_identity(
            session=s, clock=clock, settings=settings, user_id=user.id, real_name="Li Lei", id_number=id_number()
        ),
        lambda s: payment_password.set_password(
            session=s, clock=clock, settings=settings, user_id=user.id, new_password="582046", current_password=None
        ),
        lambda s: identity.bind_bank_card(
            session=s,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card_number(),
            holder_name="Li Lei",
            bank_name="ICBC",
        ),
    ]
    for step in steps:
        with db.write() as session:
            step(session)
        snapshots.append(ledger_snapshot(db))
        assert snapshots[-1] != snapshots[-2]
