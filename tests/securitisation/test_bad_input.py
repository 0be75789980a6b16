"""Bad input (issue 19): a pool whose criteria no loan meets, tranches that do not add up, a
retained share under 5%, a guarantor beyond 10x its net assets, selling a loan twice, buying a
past-due loan, running a month twice, out of order or in the future: a clear error, and
nothing booked."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from ledger.entries import ENTRIES, POSTINGS
from lending import sales
from lending.models import Loan
from securitisation import service
from securitisation.errors import SecuritisationErrorCode as Code
from securitisation.models import AbsPool, AbsPurchase, AbsRun, AbsTranche
from securitisation.simulation import NORMAL, Simulation
from tests.conftest import SHANGHAI
from tests.securitisation.conftest import START, senior_product, terms

D = Decimal


def snapshot(db) -> dict:
    with db.read() as session:
        counts = {
            t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (
                ENTRIES,
                POSTINGS,
                AbsPool.__table__,
                AbsTranche.__table__,
                AbsRun.__table__,
                AbsPurchase.__table__,
            )
        }
        counts["pool_loans"] = session.execute(select(func.count()).where(Loan.owner == "POOL")).scalar_one()
    return counts


def refused(db, code, action) -> None:
    before = snapshot(db)
    with pytest.raises(DomainError) as caught:
        with db.write() as session:
            action(session)
    assert caught.value.code == code, caught.value
    assert snapshot(db) == before


@pytest.fixture
def book(db, clock, settings):
    """Merchants with fresh loans from the lender (no pool yet)."""
    sim = Simulation(
        database=db, clock=clock, settings=settings, scenario=NORMAL, start=START, merchants=12, zone=SHANGHAI
    )
    sim.borrow_share = 1.0
    sim.set_up()
    sim.borrow(0)
    return sim


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (dict(senior=D("2000000"), subordinated=D("200000")), Code.ABS_TRANCHES_DO_NOT_ADD_UP),
        (dict(size=D("2100000"), senior=D("2000000"), subordinated=D("100000")), Code.ABS_RETENTION_TOO_LOW),
        (
            dict(guarantor_name="G", guarantor_share=D("0.5"), guarantor_net_assets=D("90000")),
            Code.ABS_GUARANTOR_CAPACITY,
        ),
        (dict(min_grade="A", max_remaining_months=1), Code.ABS_NO_ELIGIBLE_LOANS),
        (dict(payment_day=31), Code.ABS_INVALID_TERMS),
    ],
)
def test_bad_pool_terms_are_refused_and_nothing_is_stored(db, clock, catalogue, book, overrides, code):
    product = senior_product(catalogue)
    refused(
        db,
        code,
        lambda session: service.create_pool(
            session=session,
            clock=clock,
            terms=terms(product, clock.today() + timedelta(days=20), **overrides),
            actor="ops",
        ),
    )


def test_criteria_no_loan_meets_without_any_loan(db, clock, catalogue):
    product = senior_product(catalogue)
    refused(
        db,
        Code.ABS_NO_ELIGIBLE_LOANS,
        lambda session: service.create_pool(
            session=session, clock=clock, terms=terms(product, clock.today() + timedelta(days=20)), actor="ops"
        ),
    )


def _loans(db) -> list[int]:
    with db.read() as session:
        return list(session.execute(select(Loan.id).order_by(Loan.id)).scalars())


def test_a_loan_is_sold_once(db, clock, book):
    loans = _loans(db)
    with db.write() as session:
        sale = sales.sell_to_pool(session, pool_id=1, loan_ids=loans[:2], day=clock.today(), now=clock.now())
    assert sale.loans == 2
    from lending.errors import LendingErrorCode

    refused(
        db,
        LendingErrorCode.LOAN_ALREADY_SOLD,
        lambda session: sales.sell_to_pool(session, pool_id=2, loan_ids=loans[1:4], day=clock.today(), now=clock.now()),
    )
    refused(
        db,
        LendingErrorCode.LOAN_ALREADY_SOLD,
        lambda session: sales.sell_to_pool(
            session, pool_id=2, loan_ids=[loans[3], loans[3]], day=clock.today(), now=clock.now()
        ),
    )


def test_a_past_due_loan_is_not_bought(db, clock, book):
    from lending.errors import LendingErrorCode

    loans = _loans(db)
    late = START + timedelta(days=40)  # the first instalments fell due a week ago, unpaid
    book.at(late)
    refused(
        db,
        LendingErrorCode.LOAN_NOT_ELIGIBLE,
        lambda session: sales.sell_to_pool(session, pool_id=1, loan_ids=loans[:1], day=late, now=clock.now()),
    )
    with db.read() as session:  # nor does the pool's own choice pick it
        chosen = sales.loans_for_sale(
            session,
            day=late,
            criteria=sales.Criteria("E", 0, 60, 10**12),
            pool_id=1,
            budget=10**12,
        )
    assert chosen == []


def test_months_run_once_and_in_order(world, db, clock, settings):
    w = world(NORMAL, months=3, merchants=50)
    w.run()
    with db.read() as session:
        pool = service.get_pool(session, w.pool_id)
    assert pool.status == service.REVOLVING
    first, second = date(2026, 12, 25), date(2027, 1, 25)

    def run_on(day):
        return lambda session: service.run_period(
            session=session, clock=clock, settings=settings, pool_id=w.pool_id, day=day
        )

    w.sim.at(first - timedelta(days=1), 22)
    refused(db, Code.ABS_PERIOD_IN_FUTURE, run_on(first))  # the 24th: the payment date has not come
    w.sim.at(second, 22)
    refused(db, Code.ABS_PERIOD_OUT_OF_ORDER, run_on(second))  # December's month has not run
    refused(db, Code.ABS_COLLECTIONS_PENDING, run_on(first))  # the loans' collection has not reached it
    w.sim.collect(date(2026, 11, 26), second)
    with db.write() as session:
        run_on(first)(session)
    refused(db, Code.ABS_PERIOD_ALREADY_RUN, run_on(first))
    refused(db, Code.ABS_PERIOD_OUT_OF_ORDER, run_on(second + timedelta(days=31)))  # not the next payment date
    with db.write() as session:
        run_on(second)(session)
    assert w.problems() == []
    again = service.run_pools(database=db, clock=clock, settings=settings, day=second)  # the job: nothing more
    assert [r.result for r in again.runs] == ["NOTHING"]
    assert w.problems() == []
