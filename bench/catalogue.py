"""Catalogue list latency: the customers' product-list GraphQL query over catalogues of 20,
200 and 1,000 products on sale, and the number of SQL statements each request takes.

The catalogue grows in one database (SQLite in a temporary directory, or the URL given with
``--database-url``): a quarter each of money funds (30 days of income), equity funds (300
NAVs), ABS units and P2P products, all put on sale through the four-eyes workflow. The
query asks for the first page (``first: 100``) with terms, figures, kind-specific fields and
the last 5 NAVs/incomes of each product, as a signed-in customer, through the real app (the
ASGI app in process, so no network in the figures). Each size gets a warm-up, then
``--requests`` timed requests; p50/p95 are printed with the SQL statement count, the p50 per
product on the page, and the ratio of the p50 to the 200-product catalogue measured in the
same run (the first one with a full page). Target: the same statement count at every size
and a ratio near 1 from 200 to 1,000 products: a page costs the same whatever the
catalogue holds.

    .venv/bin/python bench/catalogue.py
    .venv/bin/python bench/catalogue.py --requests 200 --database-url postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event

QUERY = """{ products(first: 100) { nodes {
  id code kind riskLevel minimumAmount { amount currency } fees { subscriptionRate redemption { minHoldingDays rate } }
  liquidity { kind availableAfterDays } sevenDayAnnualizedYield incomePer10kUnits latestNav
  absTerms { couponRate creditEnhancement } p2pTerms { annualRate recoveryRate }
  figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount } } volatility maxDrawdown asOf }
  navHistory(first: 5) { nodes { date nav } } incomeHistory(first: 5) { nodes { date incomePer10kUnits } }
} pageInfo { hasNextPage endCursor } } }"""
SIZES = (20, 200, 1000)
PASSWORD = "bench-password-2026"
KINDS = ("MONEY_FUND", "EQUITY_FUND", "P2P_LOAN", "ABS_UNIT")


def build(url: str):
    import migrations
    from api.app import create_app
    from core.clock import ManualClock
    from core.settings import Settings
    from db.session import Database
    from users import service
    from users.roles import Role

    migrations.upgrade(url)
    settings = Settings(env="test", database_url=url, argon2_time_cost=1, argon2_memory_cost_kib=1024)
    clock = ManualClock(datetime(2026, 11, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    db = Database(url)
    with db.write() as session:
        users = {
            email: service.create_user(
                session=session, email=email, password=PASSWORD, roles={role}, clock=clock, settings=settings
            )
            for email, role in (
                ("pm1@bench.example", Role.PRODUCT_MANAGER),
                ("pm2@bench.example", Role.PRODUCT_MANAGER),
                ("customer@bench.example", Role.CUSTOMER),
            )
        }
    app = create_app(settings, db=db, clock=clock, run_periodic_jobs=False)
    return db, clock, settings, users, app


def grow(db, clock, settings, users, start: int, stop: int) -> None:
    """Add on-sale products ``start`` .. ``stop - 1`` (in one write transaction)."""
    from products import history, lifecycle, service
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind, ProductStatus
    from products.terms import FeeTier
    from tradingcalendar.service import calendar as trading_calendar

    pm1 = Actor.user(users["pm1@bench.example"].id, "pm1@bench.example")
    pm2 = Actor.user(users["pm2@bench.example"].id, "pm2@bench.example")
    today = clock.today()
    rows, ids = [], []
    with db.write() as session:
        known = trading_calendar(session)
        for number in range(start, stop):
            kind = ProductKind(KINDS[number % 4])
            code = f"B{number:05d}"
            common = dict(
                code=code,
                name_zh=f"产品{number}",
                name_en=f"Product {number:05d}",
                issuer="Bench",
                # ABS units are private placements: at least 1,000,000 a subscription
                minimum_amount=Decimal(1_000_000 if kind == ProductKind.ABS_UNIT else number % 7 * 100),
            )
            loan = None
            if kind is ProductKind.MONEY_FUND:
                common.update(risk_level="R1", liquidity=LiquidityKind.SAME_DAY)
                rows += [
                    history.HistoryRow(
                        len(rows) + 1,
                        code,
                        (today - timedelta(days=d)).isoformat(),
                        f"0.{4000 + (number * 7 + d * 13) % 2000}",
                    )
                    for d in range(30)
                ]
            elif kind is ProductKind.EQUITY_FUND:
                common.update(
                    risk_level="R3",
                    liquidity=LiquidityKind.NEXT_DAY,
                    redemption_fees=[FeeTier(0, Decimal("0.015")), FeeTier(7, Decimal("0.005"))],
                )
                nav = 1.0
                for day in known.trading_days(today - timedelta(days=420), known.previous_trading_day(today)):
                    nav *= 1 + ((number * 31 + day.toordinal() * 17) % 200 - 98) / 10_000
                    rows.append(history.HistoryRow(len(rows) + 1, code, day.isoformat(), f"{nav:.4f}"))
            elif kind is ProductKind.P2P_LOAN:
                common.update(risk_level="R3", liquidity=LiquidityKind.LOCKED, lock_days=365)
                loan = dict(
                    rate=Decimal("0.08"),
                    term_months=12,
                    repayment_method="BULLET",
                    default_probability=Decimal(number % 9 + 1) / 100,
                    recovery_rate=Decimal("0.3"),
                    loan_count=100,
                )
            else:
                common.update(risk_level="R3", liquidity=LiquidityKind.LOCKED, lock_days=720, qualified_only=True)
                loan = dict(
                    rate=Decimal("0.05"),
                    term_months=24,
                    revolving_months=12,
                    default_probability=Decimal("0.02"),
                    loss_given_default=Decimal("0.8"),
                    credit_enhancement=Decimal(number % 5) / 50,
                    loan_count=1000,
                )
            ids.append(
                service.create_product(
                    session=session, clock=clock, settings=settings, actor=pm1, kind=kind, common=common, loan=loan
                ).id
            )
        history.import_history(session=session, clock=clock, actor=pm1, rows=rows)
        for product_id in ids:
            lifecycle.change_status(
                session=session, clock=clock, actor=pm1, product_id=product_id, status=ProductStatus.ON_SALE
            )
            lifecycle.approve_status_change(session=session, clock=clock, actor=pm2, product_id=product_id)


def measure(client, token: str, db, requests: int) -> tuple[float, float, int, int]:
    headers = {"Authorization": f"Bearer {token}"}
    body = {"query": QUERY}

    def once():
        response = client.post("/graphql", json=body, headers=headers)
        data = response.json()
        assert response.status_code == 200 and not data.get("errors"), data
        return data

    for _ in range(5):
        once()
    statements = 0

    def count(*_args):
        nonlocal statements
        statements += 1

    event.listen(db.engine, "before_cursor_execute", count)
    nodes = len(once()["data"]["products"]["nodes"])
    event.remove(db.engine, "before_cursor_execute", count)
    latencies = []
    for _ in range(requests):
        started = time.perf_counter()
        once()
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, round(0.95 * len(latencies)) - 1)]
    return statistics.median(latencies), p95, statements, nodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per catalogue size")
    parser.add_argument("--database-url", default=None, help="an empty database (default: SQLite in a temp dir)")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{directory}/bench.db"
        db, clock, settings, users, app = build(url)
        with TestClient(app) as client:
            login = client.post(
                "/graphql",
                json={
                    "query": "mutation($i: LoginInput!) { login(input: $i) { token } }",
                    "variables": {"i": {"email": "customer@bench.example", "password": PASSWORD}},
                },
            ).json()
            token = login["data"]["login"]["token"]
            print(f"product list, first page of up to 100, {args.requests} requests per size ({db.dialect})")
            print(
                f"{'products':>9} {'on page':>8} {'p50 ms':>9} {'p95 ms':>9} {'SQL stmts':>10} "
                f"{'ms/product':>11} {'p50 / p50@200':>14}  (seeded in)"
            )
            results, size_before = {}, 0
            for size in SIZES:
                started = time.perf_counter()
                grow(db, clock, settings, users, size_before, size)
                seeded = time.perf_counter() - started
                size_before = size
                p50, p95, statements, nodes = measure(client, token, db, args.requests)
                results[size] = p50
                ratio = f"{p50 / results[200]:.2f}" if 200 in results else "-"
                print(
                    f"{size:>9} {nodes:>8} {p50:>9.1f} {p95:>9.1f} {statements:>10} {p50 / nodes:>11.2f} "
                    f"{ratio:>14}  ({seeded:.1f} s)"
                )
        db.dispose()


if __name__ == "__main__":
    main()
