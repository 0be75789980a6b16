"""The demo's live ABS pool (issue 19): the loop closed on the demo's own data.

Five months before the clock's day, 30 simulated demo merchants (``demo-abs-m*@sim.example``)
start borrowing from the demo lender and repaying through the real collection job
(``securitisation.simulation``). Three months back a product manager puts the pool's senior
units on sale (``DEMO-POOL-SEN``, qualified investors only), erin (the qualified investor)
buys ¥1,000,000 of them, the pool closes on the 25th and buys the merchants' eligible loans by
true sale, and the real monthly job runs it since: revolving purchases, the waterfall, erin's
coupons. ``absPool(id) { report(month) { ... loans { ... } } }`` traces her coupon to the
loans that paid it. Everything runs inside the demo's one transaction, on a clock of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock, ManualClock
from core.settings import Settings
from investing import jobs, orders
from investing.kinds import DailyJob
from lending import schedule
from products import lifecycle
from products import service as products
from products.kinds import LiquidityKind, ProductKind, ProductStatus
from securitisation import service
from securitisation.simulation import NORMAL, Simulation
from wallet import cash

D = Decimal
HOLDER = "erin@example.com"
MONTHS = 5  # of simulated lending; the pool closes in the third and runs two months
PAYMENT_DAY = 25
MERCHANTS = 30
USERS = MERCHANTS  # the simulated demo merchants of the pool


class OneSession:
    """The demo's transaction, where the services expect a ``Database``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        yield self.session

    read = write


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    users = seeded["users"]
    pm1, pm2 = users["pm1@example.com"], users["pm2@example.com"]
    asker, approver = Actor.user(pm1.id, pm1.email), Actor.user(pm2.id, pm2.email)
    holder = users[HOLDER]
    today = clock.today()
    start = schedule.add_months(today, -MONTHS).replace(day=1)
    while schedule.add_months(start, MONTHS - 1).replace(day=PAYMENT_DAY) > today:
        start = schedule.add_months(start, -1)  # the last month's payment date must have come
    database = OneSession(session)
    demo_clock = ManualClock(clock.now(), zone=clock.zone.key)
    sim = Simulation(
        database=database,  # type: ignore[arg-type]
        clock=demo_clock,
        settings=settings,
        scenario=NORMAL,
        start=start,
        merchants=MERCHANTS,
        months=MONTHS,
        seed=19,
        zone=clock.zone,
        tag="demo-abs",
        until=today,
    )
    sim.borrow_share = 0.8
    sim.set_up(capital="10000000")
    found: dict = {}

    def open_pool(day: date) -> int:
        sim.at(day, 9)
        product = products.create_product(
            session=session,
            clock=demo_clock,
            settings=settings,
            actor=asker,
            kind=ProductKind.ABS_UNIT,
            common=dict(
                code="DEMO-POOL-SEN",
                name_zh="商户贷资产池优先级（演示）",
                name_en="Merchant Loan Pool Senior (demo)",
                issuer="Demo Small-Loan Trust",
                risk_level="R3",
                minimum_amount=D("1000000"),
                subscription_fee_rate=D(0),
                management_fee_rate=D(0),
                redemption_fees=[],
                liquidity=LiquidityKind.LOCKED,
                settlement_days=None,
                lock_days=None,
                is_demo=True,
                maturity_date=schedule.add_months(day, 24),
            ),
            loan=dict(
                rate=D("0.045"),
                term_months=24,
                revolving_months=12,
                default_probability=D("0.02"),
                loss_given_default=D("0.8"),
                credit_enhancement=D("0.09"),
                early_amortisation_trigger=D("0.05"),
                loan_count=200,
            ),
        )
        lifecycle.change_status(
            session=session, clock=demo_clock, actor=asker, product_id=product.id, status=ProductStatus.ON_SALE
        )
        lifecycle.approve_status_change(session=session, clock=demo_clock, actor=approver, product_id=product.id)
        pool = service.create_pool(
            session=session,
            clock=demo_clock,
            terms=service.PoolTerms(
                name="Demo merchant loans 1",
                size=D("1100000"),
                senior=D("1000000"),
                subordinated=D("100000"),
                senior_product_id=product.id,
                closing_date=day.replace(day=PAYMENT_DAY),
                payment_day=PAYMENT_DAY,
                revolving_months=12,
                max_borrower_share=D("0.05"),
                trigger_unspent_share=D("0.9"),  # a small demo book: cash may wait for loans
            ),
            actor=pm1.email,
        )
        cash.deposit(
            session=session,
            clock=demo_clock,
            settings=settings,
            user_id=holder.id,
            amount=D("1000000"),
            idempotency_key="demo-pool-deposit",
        )
        orders.subscribe(
            session=session,
            clock=demo_clock,
            settings=settings,
            user_id=holder.id,
            product_id=product.id,
            amount=D("1000000"),
            idempotency="demo-pool-subscribe",
        )
        for offset in range(1, 6):  # the confirmation job of the next days (T+1 on a trading day)
            confirm = day + timedelta(days=offset)
            demo_clock.set(sim.clock.now().replace(year=confirm.year, month=confirm.month, day=confirm.day, hour=8))
            for product_id in jobs.product_ids_for(session, job=DailyJob.CONFIRM_ORDERS, day=confirm):
                jobs.run_product(
                    session, job=DailyJob.CONFIRM_ORDERS, clock=demo_clock, product_id=product_id, day=confirm
                )
        found["product"] = product.id
        found["pool"] = pool.id
        return pool.id

    sim.run(open_pool=open_pool, payment_day=PAYMENT_DAY)
    return found
