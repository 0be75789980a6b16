"""Daily money-fund income for 1,000,000 holdings on PostgreSQL, against a bare UPDATE of the
same rows measured in the same run: the single pass, and the job engine's two phases with 1
and with 2 workers (issue 21).

A scratch database is created (and dropped at the end) and migrated; one money fund, its
income per 10,000 units of the day, and ``--holdings`` users with a units account each are
bulk-created with ``INSERT ... SELECT generate_series`` (random balances, a few of them zero),
with one seed entry so balances equal their postings. Then, in the same run:

1. the bare update: ``UPDATE ledger_accounts SET balance = balance + 1`` over the fund's
   holdings (timed twice, rolled back; the second figure is used);
2. the single pass (``investing.jobs.run_product``: the claim, the set-based distribution with
   largest remainders, the entry, its postings and one ``UPDATE ... FROM``), rolled back
   (``--workers`` given) or committed (no ``--workers``);
3. for each ``--workers`` count: ``robo worker`` processes on procrastinate, the day's
   ACCRUE_INCOME enqueued, timed from the enqueue to the fund's run DONE (ranges of
   ``--rows-per-task`` staged in parallel, then one booking task), then rolled back by
   deleting what it booked (entry, postings, balances, the day's rows) so the next count
   starts from the same holdings.

It prints the times and their ratios to the bare update (target: within 3x with 2 workers),
and checks that the users' incomes sum exactly to the fund's total, none is a fen off, and
holdings without units got nothing.

    .venv/bin/python bench/income.py                                   # 1,000,000 holdings, single pass
    .venv/bin/python bench/income.py --holdings 100000 --workers 1 2   # the job engine too
"""

from __future__ import annotations

import argparse
import os
import subprocess
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
NOW = datetime.combine(DAY + timedelta(days=1), datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai")) + timedelta(
    hours=2
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdings", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, nargs="*", default=[], help="worker counts to time (e.g. 1 2)")
    parser.add_argument("--rows-per-task", type=int, default=250_000, help="holdings per phase-1 task")
    parser.add_argument("--no-single", action="store_true", help="skip the single pass (with --workers)")
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
        return run(url, args.holdings, args.workers, args.rows_per_task, single_pass=not args.no_single)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, holdings: int, worker_counts: list[int], rows_per_task: int, *, single_pass: bool = True) -> int:
    import migrations
    from core.clock import ManualClock
    from db.session import Database
    from investing import jobs
    from investing.kinds import DailyJob
    from ledger.kinds import fund_asset
    from tests.conftest import test_settings
    from tests.jobs.fund_seed import create_fund, seed_holdings, totals, vacuum

    migrations.upgrade(url)
    db = Database(url)
    clock = ManualClock(NOW)
    settings = test_settings()
    product_id = create_fund(db, clock=clock, settings=settings)
    asset = fund_asset(product_id)
    started = time.perf_counter()
    seed_holdings(db, product_id=product_id, asset=asset, holdings=holdings, day=DAY, rate=RATE)
    vacuum(db)
    print(f"seeded {holdings:,} holdings in {time.perf_counter() - started:.1f} s", flush=True)

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
    expected_total = before["units"] * int(RATE.scaleb(4)) // 10**8
    print(f"holdings with units: {before['holders']:,} (of {holdings:,}); income {RATE} per 10,000 units")
    print(f"bare UPDATE of the same rows: {bare[1]:.2f} s (first run {bare[0]:.2f} s)", flush=True)
    ok = True

    if single_pass or not worker_counts:
        session_cm = db.write()
        session = session_cm.__enter__()
        began = time.perf_counter()
        outcome = jobs.run_product(session, job=DailyJob.ACCRUE_INCOME, clock=clock, product_id=product_id, day=DAY)
        session.flush()
        single = time.perf_counter() - began
        if worker_counts:
            session.rollback()
            session_cm.__exit__(None, None, None)
        else:
            session_cm.__exit__(None, None, None)
            ok &= report_check(db, asset, expected_total, outcome.amount)
        print(f"single pass (one process):    {single:.2f} s = {single / bare[1]:.2f}x the bare UPDATE", flush=True)

    for count in worker_counts:
        vacuum(db)
        elapsed, amount = run_engine(url, db, count, rows_per_task, product_id)
        print(
            f"job engine, {count} worker(s):   {elapsed:.2f} s = {elapsed / bare[1]:.2f}x the bare UPDATE "
            f"(ranges of {rows_per_task:,})",
            flush=True,
        )
        ok &= report_check(db, asset, expected_total, amount)
        undo(db, product_id)
    print("target: within 3x of the bare UPDATE with 2 workers")
    print("check:", "OK, the incomes add up exactly" if ok else "FAILED")
    db.dispose()
    return 0 if ok else 1


def report_check(db, asset, expected_total, amount) -> bool:
    from tests.jobs.fund_seed import checks

    check = checks(db, asset, RATE)
    exact = (
        check["sum"] == expected_total == amount
        and check["max_off"] < 10**8
        and check["zero_paid"] == 0
        and check["entries"] == 1
    )
    print(
        f"  fund total {Decimal(expected_total).scaleb(-2)} CNY; users' incomes sum to "
        f"{Decimal(check['sum']).scaleb(-2)} CNY over {check['paid']:,} holdings in {check['entries']} entry; "
        f"largest distance from an exact share {Decimal(check['max_off']).scaleb(-8)} fen (< 1); "
        f"holdings without units paid: {check['zero_paid']} -> {'OK' if exact else 'FAILED'}"
    )
    return exact


def run_engine(url: str, db, count: int, rows_per_task: int, product_id: int) -> tuple[float, int | None]:
    """``count`` workers, the day enqueued, timed until the fund's run is DONE."""
    from jobs import engine
    from tests.conftest import test_settings

    engine.install_schema(test_settings(database_url=url, job_engine="procrastinate"))
    env = {
        **os.environ,
        "ROBO_ENV": "test",
        "ROBO_DATABASE_URL": url,
        "ROBO_JOB_ENGINE": "procrastinate",
        "ROBO_CLOCK": NOW.isoformat(),
        "ROBO_INCOME_TASK_ROWS": str(rows_per_task),
        "ROBO_LOG_LEVEL": "WARNING",
    }
    robo = str(Path(sys.executable).parent / "robo")
    workers = [
        subprocess.Popen(
            [robo, "worker", "--concurrency", "1", "--name", f"bench-{i}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in range(count)
    ]
    try:
        deadline = time.monotonic() + 120
        while True:  # every worker up and listening
            with db.engine.connect() as connection:
                up = connection.execute(text("SELECT COUNT(*) FROM procrastinate_workers")).scalar_one()
            if up >= count:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not start")
            time.sleep(0.2)
        began = time.perf_counter()
        with db.write() as session:
            engine.defer(session, "daily_job", args={"job": "ACCRUE_INCOME", "day": DAY.isoformat()})
        while True:
            with db.engine.connect() as connection:
                row = connection.execute(
                    text("SELECT state, amount FROM job_runs WHERE job = 'ACCRUE_INCOME' AND product_id = :p"),
                    {"p": product_id},
                ).one_or_none()
            if row is not None and row.state in ("DONE", "FAILED"):
                elapsed = time.perf_counter() - began
                if row.state == "FAILED":
                    raise RuntimeError("the income run failed")
                return elapsed, row.amount
            time.sleep(0.05)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM procrastinate_workers"))


def undo(db, product_id: int) -> None:
    """Take the day back: balances, postings, the entry, the day's rows and the job's runs
    (the ledger's append-only triggers off for this scratch database's session)."""
    with db.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        entry = connection.execute(
            text("SELECT entry_id FROM money_fund_incomes WHERE product_id = :p AND day = :d"),
            {"p": product_id, "d": DAY},
        ).scalar_one()
        connection.execute(
            text(
                "UPDATE ledger_accounts a SET balance = a.balance - p.amount FROM postings p "
                "WHERE p.entry_id = :e AND a.id = p.account_id AND a.balance IS NOT NULL"
            ),
            {"e": entry},
        )
        for statement in (
            "DELETE FROM ledger_outbox WHERE entry_id = :e",
            "DELETE FROM postings WHERE entry_id = :e",
            "DELETE FROM money_fund_incomes WHERE entry_id = :e",
            "DELETE FROM journal_entries WHERE id = :e",
        ):
            connection.execute(text(statement), {"e": entry})
        for statement in (
            "DELETE FROM daily_job_runs WHERE day = :d",
            "DELETE FROM job_tasks",
            "DELETE FROM job_runs",
            "DELETE FROM money_fund_income_shares",
        ):
            connection.execute(text(statement), {"d": DAY})


if __name__ == "__main__":
    sys.exit(main())
