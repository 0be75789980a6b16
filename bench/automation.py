"""The nightly automation (issue 17) on PostgreSQL: scheduled plans (定投) and automatic
rebalancing for ``--goals`` goals, against the same number of bare manual subscriptions
(``investing.orders.subscribe``, one transaction each) measured in the same run.

A scratch database is created (and dropped at the end) and migrated; one money fund (R1: no
risk assessment needed) and ``--goals`` verified customers with cash, each with a goal held in
that fund, a monthly plan of ¥100 into the goal due on the run day, and automatic rebalancing
authorised. Then, in the same run:

1. the baseline: one manual subscription per customer of ¥100, one write transaction each;
2. the night (``notifications.service.run_automation``: distributions due, every plan's
   instalment with its idempotent order and run row, every authorised goal's drift check, the
   notifications), ``--workers`` processes splitting it by id (``shard=(k, n)``);
3. the same night again (nothing to do: each instalment and rebalance happens once).

It prints the times, goals per second, the ratio to the baseline, and the extrapolation to
100,000 goals (the issue's target: under 60 s), and checks that every plan ran exactly once.

    .venv/bin/python bench/automation.py                  # 2,000 goals, 2 workers
    .venv/bin/python bench/automation.py --goals 500 --workers 1
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 26)  # a Thursday, a trading day
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)  # before the 15:00 cut-off


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"robo_bench_auto_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"PostgreSQL not usable at {make_url(ADMIN_URL).render_as_string(hide_password=True)}: {error}")
        return 0
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        return run(url, args.goals, args.workers)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _settings(url: str):
    from tests.conftest import test_settings

    return test_settings().model_copy(update={"database_url": url})


def seed(url: str, goals: int) -> tuple[int, list[int], list[int]]:
    """The fund, the goal owners and as many customers for the baseline."""
    import migrations
    from advisor import auto_rebalance
    from advisor import goals as goals_
    from advisor.models import InvestmentPlan
    from core.clock import ManualClock
    from core.risk import RiskCategory
    from db.session import Database
    from demo.wallet import luhn_complete
    from products import history, lifecycle, service
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind, ProductStatus
    from tests.products.conftest import common_terms, income_points
    from users import passwords
    from users import service as users
    from users.roles import Role
    from wallet import cash, identity

    migrations.upgrade(url)
    settings = _settings(url)
    clock = ManualClock(NOW - timedelta(days=1))
    database = Database(url)
    hashed = passwords.hash_password("bench-password-2026", settings=settings)
    with database.write() as session:
        pms = [
            users.create_user(
                session=session,
                email=f"pm{i}@example.com",
                password="bench-password-2026",
                password_hash=hashed,
                clock=clock,
                settings=settings,
                roles={Role.PRODUCT_MANAGER},
            )
            for i in (1, 2)
        ]
        product = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=Actor.user(pms[0].id, pms[0].email),
            kind=ProductKind.MONEY_FUND,
            common=common_terms(ProductKind.MONEY_FUND, "BENCH-MMF", liquidity=LiquidityKind.SAME_DAY),
            loan=None,
        )
        rows = [
            history.HistoryRow(i + 1, "BENCH-MMF", d.isoformat(), str(v))
            for i, (d, v) in enumerate(income_points(10, end=DAY - timedelta(days=1)))
        ]
        history.import_history(session=session, clock=clock, actor=Actor.user(pms[0].id, pms[0].email), rows=rows)
        lifecycle.change_status(
            session=session,
            clock=clock,
            actor=Actor.user(pms[0].id, pms[0].email),
            product_id=product.id,
            status=ProductStatus.ON_SALE,
        )
        lifecycle.approve_status_change(
            session=session, clock=clock, actor=Actor.user(pms[1].id, pms[1].email), product_id=product.id
        )
        fund = product.id
    card = luhn_complete("622202020011223344")

    def number_of(n: int) -> str:
        born = date(1970, 1, 1) + timedelta(days=n % 15_000)
        body = f"110105{born:%Y%m%d}{n // 15_000 % 1000:03d}"
        return body + identity.id_check_character(body)

    owners: list[int] = []
    baseline: list[int] = []
    for start in range(0, 2 * goals, 500):
        with database.write() as session:
            for n in range(start, min(start + 500, 2 * goals)):
                user = users.create_user(
                    session=session,
                    email=f"auto{n}@example.com",
                    password="bench-password-2026",
                    password_hash=hashed,
                    clock=clock,
                    settings=settings,
                )
                identity.verify_identity(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    real_name=f"Bench {n}",
                    id_number=number_of(n),
                )
                identity.bind_bank_card(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    card_number=card,
                    holder_name=f"Bench {n}",
                    bank_name="ICBC",
                )
                cash.deposit(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    amount=Decimal("10000"),
                    idempotency_key="seed",
                )
                if n % 2:
                    baseline.append(user.id)
                    continue
                owners.append(user.id)
                goal = goals_.create(
                    session=session,
                    clock=clock,
                    user_id=user.id,
                    name="Bench",
                    kind=goals_.GoalKind.GENERAL,
                    target_amount=Decimal("100000"),
                    target_date=date(2036, 1, 1),
                    initial_amount=Decimal(0),
                    monthly_contribution=Decimal(100),
                    risk_category=RiskCategory.C1,
                    plan=goals_.PlanWeights({fund: Decimal(1)}, Decimal("0.02"), Decimal("0.001")),
                )
                session.add(
                    InvestmentPlan(
                        user_id=user.id,
                        goal_id=goal.id,
                        amount=Decimal(100),
                        frequency="MONTHLY",
                        day_of_month=DAY.day,
                        source="WALLET",
                        status="ACTIVE",
                        starts_on=DAY - timedelta(days=1),
                        misses=0,
                        created_at=clock.now(),
                        updated_at=clock.now(),
                    )
                )
                auto_rebalance.set_automatic(
                    session=session,
                    clock=clock,
                    user_id=user.id,
                    goal_id=goal.id,
                    enabled=True,
                    terms_version=auto_rebalance.TERMS_VERSION,
                )
    database.dispose()
    return fund, owners, baseline


def _night(url: str, shard: tuple[int, int]) -> None:
    from core.clock import ManualClock
    from db.session import Database
    from notifications import service as notifications_service

    database = Database(url)
    notifications_service.run_automation(
        database=database, clock=ManualClock(NOW), settings=_settings(url), day=DAY, shard=shard
    )
    database.dispose()


def night(url: str, workers: int) -> float:
    started = time.perf_counter()
    if workers == 1:
        _night(url, (0, 1))
    else:
        context = multiprocessing.get_context("spawn")
        processes = [context.Process(target=_night, args=(url, (k, workers))) for k in range(workers)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
            assert process.exitcode == 0
    return time.perf_counter() - started


def run(url: str, goals: int, workers: int) -> int:
    from core.clock import ManualClock
    from db.session import Database
    from investing import orders

    print(f"seeding {goals:,} goals and {goals:,} baseline customers ...", flush=True)
    started = time.perf_counter()
    fund, _owners, baseline = seed(url, goals)
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    settings = _settings(url)
    database = Database(url)
    clock = ManualClock(NOW)
    started = time.perf_counter()
    for user_id in baseline:
        with database.write() as session:
            orders.subscribe(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user_id,
                product_id=fund,
                amount=Decimal(100),
                payment_password_checked=True,
            )
    bare = time.perf_counter() - started
    first = night(url, workers)
    again = night(url, workers)
    with database.read() as session:
        runs = session.execute(text("SELECT count(*), count(DISTINCT plan_id) FROM investment_plan_runs")).one()
        placed = session.execute(
            text("SELECT count(*) FROM fund_orders o JOIN goal_orders g ON g.order_id = o.id")
        ).scalar_one()
    database.dispose()
    assert runs[0] == runs[1] == goals == placed, (runs, placed, goals)
    rate = goals / first
    print(f"baseline: {goals:,} manual subscriptions, one transaction each: {bare:.1f} s ({goals / bare:,.0f}/s)")
    print(
        f"night ({workers} worker(s)): {goals:,} plans run and goals checked: {first:.1f} s ({rate:,.0f} goals/s, "
        f"{first / bare:.2f}x the baseline)"
    )
    print(f"the same night again (nothing to do): {again:.1f} s")
    print(f"every plan ran exactly once: {runs[0]:,} runs, {placed:,} orders")
    print(f"extrapolated to 100,000 goals: {100_000 / rate:.0f} s (target: under 60 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
