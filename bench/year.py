"""The simulated year at scale: ``tests/simulation`` (the same driver and reference model as
``tests/investing/test_simulated_year.py``) with 10,000 customers, every day checked against
the reference (every holder's income to the fen, every balance, every order's dates of record;
the ledger verified and the product pages compared with the advisor's scenarios weekly, a
one-product plan monthly).

As a baseline in the same run it first simulates the same year with ``--baseline-users``
customers (and the same number of orders a day), so the ratio shows what the number of
holders costs: the income job distributes to every holder every day, the other work scales
with the orders.

Prints the size and the time of each run (setup, jobs, customer actions, checks) and writes
them to ``docs/benchmarks.md`` (its ``bench/year.py`` section).

    .venv/bin/python bench/year.py                       # SQLite file, 10,000 customers, 365 days
    .venv/bin/python bench/year.py --postgres            # a scratch PostgreSQL database
    .venv/bin/python bench/year.py --users 2000 --days 90 --no-write   # quicker
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REPORT = ROOT / "docs" / "benchmarks.md"
SECTION = "bench/year.py"


def scratch_database(postgres: bool):
    """A migrated scratch database: (url, drop)."""
    import migrations

    if not postgres:
        path = Path(tempfile.mkdtemp(prefix="robo-year-")) / "year.db"
        url = f"sqlite:///{path}"
        migrations.upgrade(url)
        return url, lambda: path.unlink(missing_ok=True)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"robo_year_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    migrations.upgrade(url)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def simulate(users: int, days: int, actions: float, postgres: bool, seed: int) -> dict:
    from core.clock import ManualClock
    from db.session import Database
    from tests.conftest import DEFAULT_NOW, test_settings
    from tests.simulation.year import SimulatedYear, YearPlan

    url, drop = scratch_database(postgres)
    database = Database(url)
    started = time.perf_counter()
    last = [started]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 15 or done == total:
            last[0] = now
            print(f"  {users:>6} customers: day {done}/{total} ({now - started:.0f} s)", flush=True)

    try:
        plan = YearPlan(
            users=users, days=days, actions_per_day=actions, seed=seed, figures_every=7, plan_every=30, verify_every=7
        )
        year = SimulatedYear(
            database, ManualClock(DEFAULT_NOW), test_settings(database_url=url), plan, progress=progress
        )
        summary = year.run()
    finally:
        database.dispose()
        drop()
    elapsed = time.perf_counter() - started
    return {"users": users, "days": days, "elapsed": elapsed, "summary": summary}


def describe(run: dict) -> list[str]:
    s = run["summary"]
    seconds = s.seconds
    return [
        f"| {run['users']:,} | {run['days']} | {s.orders:,} | {s.payments:,} | {s.holder_days:,} | {s.loan_payments:,} "
        f"| {seconds['setup']:.0f} | {seconds['jobs']:.0f} | {seconds['actions']:.0f} | {seconds['checks']:.0f} "
        f"| {run['elapsed']:.0f} | {1000 * seconds['jobs'] / run['days']:.0f} |"
    ]


def write_report(lines: list[str]) -> None:
    start, end = f"<!-- {SECTION} -->", f"<!-- /{SECTION} -->"
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    block = "\n".join([start, *lines, end])
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    REPORT.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--baseline-users", type=int, default=100)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--actions", type=float, default=150.0, help="customer actions a day (both runs)")
    parser.add_argument("--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--no-write", action="store_true", help=f"do not update {REPORT.relative_to(ROOT)}")
    args = parser.parse_args()
    os.environ.setdefault("ROBO_LOG_LEVEL", "WARNING")
    backend = "PostgreSQL" if args.postgres else "SQLite"
    runs = []
    for users in (args.baseline_users, args.users):
        print(f"simulating {args.days} days with {users:,} customers on {backend} ...", flush=True)
        runs.append(simulate(users, args.days, args.actions, args.postgres, args.seed))
    header = [
        "| customers | days | orders | payments from the fund | holder-days of income checked | loan payments "
        "| setup s | jobs s | actions s | checks s | total s | jobs ms/day |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [line for run in runs for line in describe(run)]
    base, big = runs
    ratio = (big["summary"].seconds["jobs"] / big["days"]) / (base["summary"].seconds["jobs"] / base["days"])
    total_ratio = big["elapsed"] / base["elapsed"]
    lines = [
        "## A simulated year (`bench/year.py`)",
        "",
        f"{backend}, {date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores (shared, noisy). "
        f"Every day checked against the reference model; `{' '.join(['.venv/bin/python', 'bench/year.py', *sys.argv[1:]])}`.",
        "",
        *header,
        *rows,
        "",
        f"{args.users:,} customers against {args.baseline_users:,} (same orders a day): the daily jobs take "
        f"{ratio:.1f}x as long a day, the whole run {total_ratio:.1f}x.",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_report(lines)
        print(f"written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
