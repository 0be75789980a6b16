"""Daily money-fund income for 1,000,000 holdings on PostgreSQL, against a bare UPDATE of the
same rows measured in the same run.

A scratch database is created (and dropped at the end) and migrated; one money fund, its
income per 10,000 units of the day, and ``--holdings`` users with a units account each are
bulk-created with ``INSERT ... SELECT generate_series`` (random balances, a few of them zero),
with one seed entry so balances equal their postings. Then, in the same run:

1. the bare update: ``UPDATE ledger_accounts SET balance = balance + 1`` over the fund's
   holdings (timed twice, rolled back; the second figure is used);
2. the income job for the day (``investing.jobs.run_product``: the claim, the set-based
   distribution with largest remainders, the entry, its postings, the history lines and one
   ``UPDATE ... FROM`` for the balances), committed.

It prints both times and their ratio (target: within 3x), and checks that the users'
incomes sum exactly to the fund's total (all units x rate / 10,000, truncated to the fen),
that none is more than a fen from its exact share, and that holdings without units got nothing.

    .venv/bin/python bench/income.py                     # 1,000,000 holdings
    .venv/bin/python bench/income.py --holdings 100000   # quicker
"""

from __future__ import annotations

import argparse
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
DAY = date(2026, 10, 3)  # a Saturday of the National Day holiday: income accrues every calendar day
RATE = Decimal("0.6137")  # income per 10,000 units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdings", type=int, default=1_000_000)
    args = parser.parse_args()

    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"robo_bench_income_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"PostgreSQL not usable at {make_url(ADMIN_URL).render_as_string(hide_password=True)}: {error}")
        return 0
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        return run(url, args.holdings)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, holdings: int) -> int:
    import migrations
    from core.clock import ManualClock
    from db.session import Database
    from investing import jobs
    from investing.kinds import DailyJob
    from ledger.kinds import fund_asset
    from products import service
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind
    from tests.conftest import test_settings

    migrations.upgrade(url)
    db = Database(url)
    clock = ManualClock(
        datetime.combine(DAY + timedelta(days=1), datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai"))
        + timedelta(hours=2)
    )
    settings = test_settings()
    with db.write() as session:
        product = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=Actor.system("bench"),
            kind=ProductKind.MONEY_FUND,
            common=dict(
                code="BENCH-MMF",
                name_zh="基准货币基金",
                name_en="Bench Money Fund",
                issuer="Bench",
                risk_level="R1",
                minimum_amount=Decimal("0.01"),
                liquidity=LiquidityKind.SAME_DAY,
            ),
        )
        product_id = product.id
    asset = fund_asset(product_id)
    started = time.perf_counter()
    seed(db, product_id=product_id, asset=asset, holdings=holdings)
    print(f"seeded {holdings:,} holdings in {time.perf_counter() - started:.1f} s")

    bare = []
    for _ in range(2):
        with db.engine.connect() as connection:
            began = time.perf_counter()
            connection.execute(
                text(
                    "UPDATE ledger_accounts SET balance = balance + 1 "
                    "WHERE user_id IS NOT NULL AND purpose = 'FUND_UNITS' AND asset = :asset"
                ),
                {"asset": asset},
            )
            bare.append(time.perf_counter() - began)
            connection.rollback()
    vacuum(db)

    before = totals(db, asset)
    began = time.perf_counter()
    with db.write() as session:
        outcome = jobs.run_product(session, job=DailyJob.ACCRUE_INCOME, clock=clock, product_id=product_id, day=DAY)
    accrual = time.perf_counter() - began

    expected_total = before["units"] * int(RATE.scaleb(4)) // 10**8
    check = checks(db, asset, outcome)
    print(f"holdings with units: {before['holders']:,} (of {holdings:,}); income {RATE} per 10,000 units")
    print(f"bare UPDATE of the same rows: {bare[1]:.2f} s (first run {bare[0]:.2f} s)")
    print(f"income job for the day:       {accrual:.2f} s")
    print(f"ratio: {accrual / bare[1]:.2f}x the bare UPDATE (target: within 3x)")
    print(
        f"fund total {Decimal(expected_total).scaleb(-2)} CNY; users' incomes sum to "
        f"{Decimal(check['sum']).scaleb(-2)} CNY over {check['paid']:,} holdings; "
        f"largest distance from an exact share {Decimal(check['max_off']).scaleb(-8)} fen (must be < 1); "
        f"holdings without units paid: {check['zero_paid']}"
    )
    exact = check["sum"] == expected_total == outcome.amount and check["max_off"] < 10**8 and check["zero_paid"] == 0
    print("check:", "OK, the incomes add up exactly" if exact else "FAILED")
    db.dispose()
    return 0 if exact else 1


def seed(db, *, product_id: int, asset: str, holdings: int) -> None:
    """Users, their units accounts and one seed entry, all with INSERT ... SELECT."""
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, password_hash, display_name, locale, roles, created_at, updated_at) "
                "SELECT 'holder' || g || '@bench.example', 'x', 'Holder ' || g, 'zh-CN', 'CUSTOMER', now(), now() "
                "FROM generate_series(1, :n) AS g"
            ),
            {"n": holdings},
        )
        # About 3% hold nothing; the others between 0.01 and 200,000.00 units.
        connection.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "SELECT id, 'FUND_UNITS', :asset, 0, "
                "CASE WHEN random() < 0.03 THEN 0 ELSE 1 + floor(random() * 20000000)::bigint END, now() FROM users"
            ),
            {"asset": asset},
        )
        connection.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "VALUES (NULL, 'FUND_ISSUER', :asset, 0, NULL, now())"
            ),
            {"asset": asset},
        )
        entry = connection.execute(
            text("INSERT INTO journal_entries (kind, created_at) VALUES ('BENCH_SEED', now()) RETURNING id")
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) "
                "SELECT :entry, id, balance FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset AND balance > 0 "
                "UNION ALL SELECT :entry, (SELECT id FROM ledger_accounts WHERE user_id IS NULL AND asset = :asset), "
                "-(SELECT SUM(balance) FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset)"
            ),
            {"entry": entry, "asset": asset},
        )
        connection.execute(
            text("INSERT INTO product_incomes (product_id, date, income_per_10k) VALUES (:p, :d, :r)"),
            {"p": product_id, "d": DAY, "r": int(RATE.scaleb(4))},
        )
    vacuum(db)


def vacuum(db) -> None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def totals(db, asset: str) -> dict:
    with db.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT COALESCE(SUM(balance), 0), COUNT(*) FILTER (WHERE balance > 0) FROM ledger_accounts "
                "WHERE user_id IS NOT NULL AND asset = :asset"
            ),
            {"asset": asset},
        ).one()
    return {"units": int(row[0]), "holders": int(row[1])}


def checks(db, asset: str, outcome) -> dict:
    rate4 = int(RATE.scaleb(4))
    with db.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT COALESCE(SUM(p.amount), 0), COUNT(*), "
                "COALESCE(MAX(ABS(p.amount * 100000000 - (a.balance - p.amount) * :rate)), 0), "
                "COUNT(*) FILTER (WHERE a.balance - p.amount = 0) "
                "FROM postings p JOIN ledger_accounts a ON a.id = p.account_id "
                "JOIN money_fund_incomes m ON m.entry_id = p.entry_id "
                "WHERE a.user_id IS NOT NULL AND a.asset = :asset"
            ),
            {"asset": asset, "rate": rate4},
        ).one()
    return {"sum": int(row[0]), "paid": int(row[1]), "max_off": int(row[2]), "zero_paid": int(row[3])}


if __name__ == "__main__":
    sys.exit(main())
