"""Money-fund income (SQLite and PostgreSQL): the distribution property, who earns a day's
income, negative days, corrections, and days distributed in order."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from core.errors import DomainError
from investing import income
from investing.errors import InvestingErrorCode
from investing.kinds import DailyJob
from investing.models import MoneyFundIncome
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import ENTRIES, POSTINGS, Posting, post_entry
from ledger.kinds import Purpose, fund_asset
from products.audit import entries as audit_entries
from tests.investing.conftest import D, snapshot

THU, FRI, SAT = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)
_fake_products = itertools.count(10_000)


# --- the property ----------------------------------------------------------------------------


@pytest.fixture
def holders(make_user):
    return [make_user().id for _ in range(12)]


# Up to 900 million units in one holding: at the extreme rates the fund's total of exact
# shares (units x rate) goes beyond 64 bits while each holding's share stays within.
BIG = 9 * 10**10
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


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=holdings_strategy, rate=rate_strategy)
@example(units=[BIG] * 12, rate=Decimal("9999.9999"))
@example(units=[BIG, 0, BIG - 1, 7], rate=Decimal("-9999.9999"))
def test_incomes_add_up_exactly_to_the_fund_total_and_none_is_a_fen_off(db, clock, holders, units, rate):
    """For any holdings (hundredths of a unit) and any rate: the incomes sum exactly to the
    fund's total (all units x rate / 10,000, truncated), none is a fen or more from its exact
    share, and holdings without units get nothing."""
    product_id = next(_fake_products)
    asset = fund_asset(product_id)
    with db.write() as session:
        now = clock.now()
        keys = [(holders[i], Purpose.FUND_UNITS, asset) for i in range(len(units))]
        accounts = lock_user_accounts(session, keys, now=now)
        issuer = system_account(session, Purpose.FUND_ISSUER, asset, now=now)
        postings = [Posting(accounts[key].ref, amount) for key, amount in zip(keys, units) if amount]
        if postings:
            post_entry(session, kind="TEST", postings=postings + [Posting(issuer, -sum(units))], at=now)
        distribution, _ = income.distribute(
            session, clock=clock, product_id=product_id, day=THU - timedelta(days=1), income_per_10k=rate
        )
        paid = (
            dict(
                session.execute(
                    select(POSTINGS.c.account_id, POSTINGS.c.amount).where(POSTINGS.c.entry_id == distribution.entry_id)
                ).all()
            )
            if distribution.entry_id
            else {}
        )
    r4 = int(rate.scaleb(4))
    exact_total = sum(units) * r4
    fund_total = abs(exact_total) // 10**8 * (1 if exact_total >= 0 else -1)  # truncated towards zero
    incomes = [paid.get(accounts[key].ref.id, 0) for key in keys]
    assert sum(incomes) == fund_total == distribution.total
    for held, got in zip(units, incomes):
        assert abs(got * 10**8 - held * r4) < 10**8
        if held == 0:
            assert got == 0
    if distribution.entry_id:
        assert paid[income_account_id(db, clock, asset)] == -fund_total  # the fund's side balances the entry


def income_account_id(db, clock, asset):
    with db.read() as session:
        return system_account(session, Purpose.INCOME, asset, now=clock.now()).id


# --- who earns a day's income --------------------------------------------------------------


def confirmed(desk, funds, users_amounts, day=FRI):
    for user, amount in users_amounts:
        desk.subscribe(user, funds.mmf, amount)
    desk.on(day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, day)


def test_the_units_held_at_the_end_of_the_day_earn_its_income(db, funds, investor, desk, catalogue):
    steady, late, leaver, nobody = investor("C1"), investor("C1"), investor("C1"), investor("C1")
    confirmed(desk, funds, [(steady, "10000.00"), (leaver, "10000.00")])
    desk.on(FRI, 10)
    desk.subscribe(late, funds.mmf, "10000.00")  # confirmed on Monday: no income before then
    desk.on(SAT, 9)
    desk.redeem(leaver, funds.mmf, amount="5000.00", fast=True)  # Saturday: Friday's income still due on 10,000
    catalogue.record_income(funds.mmf, FRI, "1.2345")
    report = desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert report.runs[0].items == 2
    assert desk.units(steady, funds.mmf) == D("10001.23")
    assert desk.units(leaver, funds.mmf) == D("5001.23")
    assert desk.units(late, funds.mmf) == 0 and desk.units(nobody, funds.mmf) == 0
    # The leftover fen of the fund's total (2.469 -> 2.46, parts 1.23 + 1.23) goes to the lower account id.
    assert report.runs[0].amount == 246
    assert desk.problems() == []


def test_a_losing_day_takes_units_but_never_more_than_are_left(db, funds, investor, desk, catalogue):
    keeper, leaver = investor("C1"), investor("C1")
    confirmed(desk, funds, [(keeper, "100.00"), (leaver, "100.00")])
    desk.on(SAT, 9)
    desk.redeem(leaver, funds.mmf, amount="100.00", fast=True)  # everything, the morning after
    catalogue.record_income(funds.mmf, FRI, "-50.0000")  # a very bad day: 0.5% lost
    report = desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert desk.units(keeper, funds.mmf) == D("99.50")
    assert desk.units(leaver, funds.mmf) == 0  # would have lost 0.50; had nothing left
    assert report.runs[0].amount == -50  # what was actually taken
    assert desk.problems() == []


def test_days_are_distributed_in_order_once_they_are_over(db, funds, investor, desk, catalogue):
    user = investor("C1")
    confirmed(desk, funds, [(user, "1000.00")])
    desk.on(SAT, 9)
    with pytest.raises(DomainError) as caught:
        desk.run(DailyJob.ACCRUE_INCOME, SAT)
    assert caught.value.code == InvestingErrorCode.INVALID_JOB_DATE
    waiting = desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert waiting.runs[0].result.value == "WAITING"  # Friday's income is not recorded yet
    catalogue.record_income(funds.mmf, FRI, "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    report = desk.run(DailyJob.ACCRUE_INCOME, THU)  # an earlier day after a later one
    assert report.runs[0].result.value == "REFUSED" and "correctMoneyFundIncome" in report.runs[0].message


def test_a_day_whose_income_came_late_is_not_skipped(db, funds, investor, desk, catalogue):
    """Sunday's income is recorded before Saturday's: Sunday waits for Saturday, so
    Saturday's income is never lost to a later day distributed first."""
    user = investor("C1")
    confirmed(desk, funds, [(user, "10000.00")])
    sun, mon = SAT + timedelta(days=1), SAT + timedelta(days=2)
    desk.on(mon, 9)
    catalogue.record_income(funds.mmf, FRI, "1.0000")
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    catalogue.record_income(funds.mmf, sun, "1.0000")  # Saturday's figure is late
    assert desk.run(DailyJob.ACCRUE_INCOME, SAT).runs[0].result.value == "WAITING"
    before = snapshot(db)
    sunday = desk.run(DailyJob.ACCRUE_INCOME, sun).runs[0]
    assert (sunday.result.value, sunday.message) == (
        "WAITING",
        "waiting for the income of 2026-11-28 to be distributed first",
    )
    assert snapshot(db) == before
    catalogue.record_income(funds.mmf, SAT, "1.0000")
    assert [desk.run(DailyJob.ACCRUE_INCOME, day).runs[0].result.value for day in (SAT, sun)] == ["DONE", "DONE"]
    assert desk.units(user, funds.mmf) == D("10003.00")  # Friday, Saturday and Sunday
    assert desk.problems() == []


def test_a_days_income_waits_for_the_confirmations_due_by_that_day(db, funds, investor, desk, catalogue):
    """Friday's order is confirmed on Monday and earns from Monday: when Monday's
    confirmation run is missed, Monday's income waits for it instead of leaving it out."""
    other, user = investor("C1"), investor("C1")
    confirmed(desk, funds, [(other, "1000.00")])
    desk.on(FRI, 10)
    desk.subscribe(user, funds.mmf, "10000.00")  # trade day Friday, confirmed Monday
    days = [FRI + timedelta(days=n) for n in range(4)]  # Friday .. Monday
    desk.on(days[-1] + timedelta(days=1), 9)
    for day in days:
        catalogue.record_income(funds.mmf, day, "1.0000")
    assert [desk.run(DailyJob.ACCRUE_INCOME, day).runs[0].result.value for day in days[:3]] == ["DONE"] * 3
    before = snapshot(db)
    monday = desk.run(DailyJob.ACCRUE_INCOME, days[-1]).runs[0]
    assert (monday.result.value, monday.message) == (
        "WAITING",
        "waiting for 1 order(s) to be confirmed first (confirm-orders up to 2026-11-30)",
    )
    assert snapshot(db) == before
    desk.run(DailyJob.CONFIRM_ORDERS, days[-1])  # late, but for its day
    assert desk.run(DailyJob.ACCRUE_INCOME, days[-1]).runs[0].result.value == "DONE"
    assert (desk.units(user, funds.mmf), desk.units(other, funds.mmf)) == (D("10001.00"), D("1000.40"))
    assert desk.problems() == []


# --- corrections ---------------------------------------------------------------------------


def test_a_correction_reverses_the_day_and_distributes_the_corrected_figure(
    db, funds, investor, desk, catalogue, staff, clock
):
    big, small = investor("C1"), investor("C1")
    confirmed(desk, funds, [(big, "50000.00"), (small, "333.33")])
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, FRI, "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert (desk.units(big, funds.mmf), desk.units(small, funds.mmf)) == (D("50002.50"), D("333.34"))
    with db.read() as session:
        original = income.current(session, product_id=funds.mmf, day=FRI)

    from products.audit import Actor

    operator = Actor.user(staff["ops"].id, staff["ops"].email)
    with db.write() as session:
        result = income.correct_money_fund_income(
            session=session, clock=clock, actor=operator, product_id=funds.mmf, day=FRI, income_per_10k=D("0.8000")
        )
    assert (desk.units(big, funds.mmf), desk.units(small, funds.mmf)) == (D("50004.00"), D("333.35"))
    assert result.total == 402
    with db.read() as session:
        rows = session.execute(select(MoneyFundIncome.__table__).where(MoneyFundIncome.product_id == funds.mmf)).all()
        reversal = session.execute(select(ENTRIES).where(ENTRIES.c.reverses_entry_id == original.entry_id)).one()
        reversed_sum = session.execute(
            select(func.sum(POSTINGS.c.amount)).where(POSTINGS.c.entry_id == reversal.id)
        ).scalar_one()
        log = audit_entries(session=session, product_id=funds.mmf, limit=1)
    assert sorted((row.superseded_at is None, int(row.income_per_10k.scaleb(4))) for row in rows) == [
        (False, 5000),
        (True, 8000),
    ]
    assert reversal.kind == "INCOME_REVERSAL" and reversed_sum == 0
    assert log[0].action == "INCOME_CORRECTED" and log[0].actor == "ops@example.com"
    assert [(c.before, c.after) for c in log[0].changes] == [("0.5000", "0.8000")]
    assert desk.problems() == []
