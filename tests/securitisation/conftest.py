"""Securitisation test helpers: a senior ABS product on sale for qualified investors, qualified
investors who buy it, and a small world of merchants borrowing from the lender on the
settable clock (``securitisation.simulation``), each step in its own transaction like the jobs."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from investing.kinds import DailyJob
from investing.models import LoanPayment
from products.kinds import ProductKind
from securitisation import service
from securitisation.models import AbsRun
from securitisation.simulation import Scenario, Simulation
from tests.conftest import SHANGHAI
from tests.investing.conftest import Catalogue, Desk, assess, at, catalogue, desk, investor, staff  # noqa: F401
from tests.products.conftest import loan_terms
from tests.wallet.conftest import ledger_problems

D = Decimal
START = date(2026, 9, 4)
_codes = itertools.count(1)


def senior_product(catalogue: Catalogue, *, rate: str = "0.045", maturity: date | None = None) -> int:
    return catalogue.on_sale(
        ProductKind.ABS_UNIT,
        f"POOL-SEN-{next(_codes)}",
        risk_level="R3",
        lock_days=None,
        maturity_date=maturity or date(2029, 6, 30),
        loan=loan_terms(ProductKind.ABS_UNIT, rate=D(rate), term_months=30, revolving_months=12),
    )


def terms(product_id: int, closing: date, **overrides) -> service.PoolTerms:
    values = dict(
        name="Merchant loans 2026-1",
        size=D("2250000"),
        senior=D("2000000"),
        subordinated=D("250000"),
        senior_product_id=product_id,
        closing_date=closing,
        payment_day=25,
        revolving_months=12,
        min_grade="C",
        min_remaining_months=1,
        max_remaining_months=12,
        max_borrower_share=D("0.05"),
        trigger_default_rate=D("0.05"),
    )
    values.update(overrides)
    return service.PoolTerms(**values)


class World:
    """A simulation with its pool: ``open_pool`` is called in the month before closing."""

    def __init__(
        self, db, clock, settings, catalogue, investor, desk, scenario: Scenario, *, months: int, merchants: int, **pool
    ):
        self.db, self.clock, self.settings = db, clock, settings
        self.catalogue, self.investor, self.desk = catalogue, investor, desk
        self.sim = Simulation(
            database=db,
            clock=clock,
            settings=settings,
            scenario=scenario,
            start=START,
            merchants=merchants,
            months=months,
            zone=SHANGHAI,
        )
        self.pool_terms = pool
        self.pool_id: int | None = None
        self.product_id: int | None = None
        self.holders: list = []

    def open_pool(self, day: date) -> int:
        self.product_id = senior_product(self.catalogue)
        closing = day.replace(day=25)
        with self.db.write() as session:
            pool = service.create_pool(
                session=session,
                clock=self.clock,
                terms=terms(self.product_id, closing, **self.pool_terms),
                actor="ops@example.com",
            )
            self.pool_id = pool.id
        self.holders = [self.investor("C5", deposit="1100000"), self.investor("C5", deposit="1100000")]
        for holder in self.holders:  # ¥1,000,000 each: the qualified investors' minimum subscription
            self.desk.subscribe(holder, self.product_id, "1000000.00")
        confirm = day + timedelta(days=1)
        self.desk.on(confirm, 9)
        self.desk.run(DailyJob.CONFIRM_ORDERS, confirm)
        return pool.id

    def run(self, check=None):
        return self.sim.run(open_pool=self.open_pool, check=check)

    def problems(self) -> list[str]:
        return ledger_problems(self.db)


@pytest.fixture
def world(db, clock, settings, catalogue, investor, desk):
    def make(scenario: Scenario, *, months: int = 24, merchants: int = 60, **pool) -> World:
        w = World(db, clock, settings, catalogue, investor, desk, scenario, months=months, merchants=merchants, **pool)
        w.sim.set_up()
        return w

    return make


def coupons_of(db, product_id: int) -> int:
    with db.read() as session:
        return int(
            session.execute(
                select(func.coalesce(func.sum(LoanPayment.interest), 0)).where(LoanPayment.product_id == product_id)
            ).scalar_one()
        )


def runs_of(db, pool_id: int) -> list[AbsRun]:
    with db.read() as session:
        return service.runs_of(session, pool_id)
