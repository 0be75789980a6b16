"""Demo portfolios (``robo seed-demo``): each demo customer invests in products suited to
their risk category, five weeks before the clock's day, and the real daily jobs then run day
by day up to today (confirmations, money-fund income, loan coupons and instalments), so every
portfolio has weeks of income history. Along the way there are a fast redemption, a normal
equity redemption (cash after its settlement days), and on the last day a pending
subscription that can still be cancelled (unless the trading calendar does not reach its
dates yet: on the evening of its last known day there is none).

- alice (C1, 67): money funds only;
- bob (C2): a money fund, a short bond fund, a locked 6-month P2P plan;
- carol (C3): a money fund, bond and balanced funds, a 3-month P2P plan with early exit;
- dave (C4): a money fund, a growth fund, a CSI 300 index fund, a 24-month instalment plan;
- erin (C5, qualified investor): a money fund, the senior ABS tranche, index and tech funds.

Everything goes through the same service functions as real requests, inside the demo's
transaction, on a manual clock of its own (the process clock is left alone).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from core.calendar import CalendarNotPublished
from core.clock import Clock, ManualClock
from core.settings import Settings
from investing import jobs, orders
from investing.kinds import DailyJob
from wallet import cash

log = logging.getLogger(__name__)
DAYS_OF_HISTORY = 35
D = Decimal

PLANS: dict[str, tuple[tuple[str, str], ...]] = {
    "alice@example.com": (("DEMO-MMF-BAL", "8000"), ("DEMO-MMF-T1", "3000")),
    "bob@example.com": (("DEMO-MMF-BAL", "6000"), ("DEMO-BOND-S", "8000"), ("DEMO-P2P-6M", "3000")),
    "carol@example.com": (
        ("DEMO-MMF-PLUS", "10000"),
        ("DEMO-BOND-C", "10000"),
        ("DEMO-BAL-CON", "15000"),
        ("DEMO-P2P-3M", "5000"),
    ),
    "dave@example.com": (
        ("DEMO-MMF-BAL", "10000"),
        ("DEMO-BAL-GRO", "15000"),
        ("DEMO-IDX-300", "20000"),
        ("DEMO-P2P-24", "5000"),
    ),
    "erin@example.com": (
        ("DEMO-MMF-PLUS", "20000"),
        ("DEMO-ABS-SEN", "1000000"),
        ("DEMO-SEC-TECH", "30000"),
        ("DEMO-IDX-500", "20000"),
    ),
}
DAILY_JOBS = (DailyJob.CONFIRM_ORDERS, DailyJob.ACCRUE_INCOME, DailyJob.PROCESS_LOANS)


def _at(day, hour: int, zone) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


def run_jobs(session: Session, *, clock: Clock, day) -> None:
    """The morning's jobs of ``day``: confirm, yesterday's income, loan payments."""
    for job in DAILY_JOBS:
        job_day = day - timedelta(days=1) if job is DailyJob.ACCRUE_INCOME else day
        for product_id in jobs.product_ids_for(session, job=job, day=job_day):
            jobs.run_product(session, job=job, clock=clock, product_id=product_id, day=job_day)


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    users = seeded["users"]
    products = {code: product.id for code, product in seeded["products"].items()}
    today = clock.today()
    start = today - timedelta(days=DAYS_OF_HISTORY)
    demo_clock = ManualClock(_at(start, 10, clock.zone), zone=clock.zone.key)
    placed: dict[str, list[int]] = {}

    def subscribe(email: str, code: str, amount: str, key: str) -> int:
        order_id = orders.subscribe(
            session=session,
            clock=demo_clock,
            settings=settings,
            user_id=users[email].id,
            product_id=products[code],
            amount=D(amount),
            idempotency=key,
        ).order_id
        placed.setdefault(email, []).append(order_id)
        return order_id

    for email, plan in PLANS.items():
        total = sum(D(amount) for _, amount in plan)
        cash.deposit(
            session=session,
            clock=demo_clock,
            settings=settings,
            user_id=users[email].id,
            amount=total,
            idempotency_key="demo-invest-deposit",
        )
        for number, (code, amount) in enumerate(plan):
            subscribe(email, code, amount, f"demo-subscribe-{number}")

    day = start
    while day < today:
        day += timedelta(days=1)
        demo_clock.set(_at(day, 8, clock.zone))
        run_jobs(session, clock=demo_clock, day=day)
        if day == start + timedelta(days=7):
            demo_clock.set(_at(day, 11, clock.zone))
            orders.redeem(
                session=session,
                clock=demo_clock,
                settings=settings,
                user_id=users["bob@example.com"].id,
                product_id=products["DEMO-MMF-BAL"],
                amount=D("500"),
                fast=True,
                idempotency="demo-fast-1",
            )
            orders.redeem(
                session=session,
                clock=demo_clock,
                settings=settings,
                user_id=users["carol@example.com"].id,
                product_id=products["DEMO-BAL-CON"],
                units=D("2000"),
                idempotency="demo-redeem-1",
            )
    demo_clock.set(clock.now())
    try:
        pending = subscribe("dave@example.com", "DEMO-MMF-BAL", "1000", "demo-subscribe-pending")
    except CalendarNotPublished:  # the last known trading day's evening: no trade day for it yet
        log.info("demo: no pending subscription, the trading calendar does not reach its dates yet")
        pending = None
    return {"orders": placed, "pending": pending}
