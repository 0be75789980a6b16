"""A money fund's income in two phases (``investing.staged_income``: shares staged per range
of holdings, then the leftover fen and the entry) gives exactly the single pass's incomes
(``investing.income.distribute``), to the fen, for any holdings, any figure and any cut into
ranges (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select

from investing import income, staged_income
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import POSTINGS, Posting, post_entry
from ledger.kinds import Purpose, fund_asset

DAY = date(2026, 11, 25)
_fake_products = itertools.count(20_000)
_batches = itertools.count(1)
BIG = 9 * 10**10


@pytest.fixture
def holders(make_user):
    return [make_user().id for _ in range(12)]


holdings_strategy = st.lists(
    st.one_of(
        st.just(0),
        st.integers(min_value=1, max_value=10**9),
        st.integers(min_value=1, max_value=500),
        st.integers(min_value=1, max_value=BIG),
    ),
    min_size=1,
    max_size=12,
)
rate_strategy = st.integers(min_value=-99_999_999, max_value=99_999_999).map(lambda r4: Decimal(r4).scaleb(-4))


def _fund(session, clock, holders, units):
    """A fake fund with these holdings (hundredths of a unit): its id and the accounts by user."""
    product_id = next(_fake_products)
    asset = fund_asset(product_id)
    now = clock.now()
    keys = [(holders[i], Purpose.FUND_UNITS, asset) for i in range(len(units))]
    accounts = lock_user_accounts(session, keys, now=now)
    issuer = system_account(session, Purpose.FUND_ISSUER, asset, now=now)
    postings = [Posting(accounts[key].ref, amount) for key, amount in zip(keys, units) if amount]
    if postings:
        post_entry(session, kind="TEST", postings=postings + [Posting(issuer, -sum(units))], at=now)
    return product_id, {accounts[key].ref.id: key[0] for key in keys}


def _by_user(session, entry_id, users_of):
    if entry_id is None:
        return {}
    rows = session.execute(
        select(POSTINGS.c.account_id, POSTINGS.c.amount).where(POSTINGS.c.entry_id == entry_id)
    ).all()
    return {users_of[account]: amount for account, amount in rows if account in users_of}


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=holdings_strategy, rate=rate_strategy, range_size=st.integers(min_value=1, max_value=13))
@example(units=[BIG] * 12, rate=Decimal("9999.9999"), range_size=5)
@example(units=[BIG, 0, BIG - 1, 7], rate=Decimal("-9999.9999"), range_size=1)
@example(units=[3, 3, 3, 3], rate=Decimal("0.3333"), range_size=2)  # ties on the remainder: the lower account id
def test_two_phases_give_the_single_pass_incomes_to_the_fen(db, clock, holders, units, rate, range_size):
    """Two funds with the same holdings: one distributed in a single pass, the other staged
    range by range and booked; every holder gets the same income from both, and the totals agree."""
    day = clock.today() - timedelta(days=1)
    with db.write() as session:
        single_id, single_users = _fund(session, clock, holders, units)
        staged_id, staged_users = _fund(session, clock, holders, units)
        single, _ = income.distribute(session, clock=clock, product_id=single_id, day=day, income_per_10k=rate)
        batch = next(_batches)
        ranges = staged_income.holding_ranges(session, product_id=staged_id, rows_per_range=range_size)
        assert ranges[0][0] == min(staged_users) and ranges[-1][1] == max(staged_users)
        staged_rows = sum(
            staged_income.stage_shares(
                session,
                batch_id=batch,
                clock=clock,
                product_id=staged_id,
                day=day,
                income_per_10k=rate,
                first_id=first,
                last_id=last,
            )
            for first, last in ranges
        )
        assert staged_rows == staged_income.staged_count(session, batch_id=batch)
        staged = staged_income.book_shares(
            session, batch_id=batch, clock=clock, product_id=staged_id, income_per_10k=rate
        )
        assert staged_income.discard(session, batch_id=batch) == staged_rows
        assert (staged.total, staged.holders) == (single.total, single.holders)
        assert _by_user(session, staged.entry_id, staged_users) == _by_user(session, single.entry_id, single_users)
