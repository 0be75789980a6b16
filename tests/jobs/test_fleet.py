"""The job engine across processes (PostgreSQL, procrastinate): two ``robo worker`` processes
share a day's money-fund income split into range tasks; one is killed with SIGKILL in the
middle of a task. The other takes its task over once its heartbeat stops, the day is booked
exactly once (one entry, incomes adding up exactly to the fund's total) and the ledger verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import DEFAULT_NOW, _postgres_url, test_settings
from tests.jobs.fund_seed import checks, create_fund, seed_holdings, totals, vacuum

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

DAY = DEFAULT_NOW.date() - timedelta(days=1)
RATE = Decimal("0.6137")
HOLDINGS = 120_000
ROWS_PER_TASK = 15_000


@pytest.fixture
def engine_url():
    """A fresh, migrated PostgreSQL database with procrastinate's schema."""
    base = _postgres_url()
    if base is None:
        pytest.skip("PostgreSQL not reachable: set ROBO_TEST_POSTGRES_URL or start it on 127.0.0.1:5432")
    import migrations
    from jobs import engine

    name = f"robo_fleet_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        migrations.upgrade(url)
        engine.install_schema(test_settings(database_url=url, job_engine="procrastinate"))
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "ROBO_ENV": "test",
        "ROBO_DATABASE_URL": url,
        "ROBO_JOB_ENGINE": "procrastinate",
        "ROBO_CLOCK": DEFAULT_NOW.isoformat(),
        "ROBO_INCOME_TASK_ROWS": str(ROWS_PER_TASK),
        "ROBO_WORKER_HEARTBEAT_SECONDS": "1",
        "ROBO_WORKER_STALLED_SECONDS": "4",
        "ROBO_JOB_RETRY_BASE_SECONDS": "1",
    }


def _robo(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "robo"), *args]


def test_a_worker_killed_mid_income_leaves_the_day_booked_exactly_once(engine_url, tmp_path):
    from db.session import Database
    from jobs import engine
    from ledger.kinds import fund_asset

    db = Database(engine_url)
    clock_settings = test_settings(database_url=engine_url)
    from core.clock import ManualClock

    clock = ManualClock(DEFAULT_NOW)
    product_id = create_fund(db, clock=clock, settings=clock_settings)
    asset = fund_asset(product_id)
    seed_holdings(db, product_id=product_id, asset=asset, holdings=HOLDINGS, day=DAY, rate=RATE)
    vacuum(db)
    before = totals(db, asset)
    logs = {name: open(tmp_path / f"worker-{name}.log", "w") for name in ("a", "b")}  # noqa: SIM115
    workers: dict[str, subprocess.Popen] = {}
    try:
        for name in ("a", "b"):  # a first, so its id in procrastinate's workers is known
            workers[name] = subprocess.Popen(
                _robo("worker", "--concurrency", "1", "--name", name),
                env=_env(engine_url),
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )
            deadline = time.monotonic() + 60
            while True:
                with db.engine.connect() as connection:
                    ids = connection.execute(text("SELECT id FROM procrastinate_workers ORDER BY id")).scalars().all()
                if len(ids) == len(workers):
                    break
                assert time.monotonic() < deadline and workers[name].poll() is None, f"worker {name} did not start"
                time.sleep(0.1)
        worker_a = ids[0]
        with db.write() as session:  # what `robo scheduler` does after midnight
            engine.defer(session, "daily_job", args={"job": "ACCRUE_INCOME", "day": DAY.isoformat()})
        # Kill worker a while it runs a range task, with some ranges done and others not.
        killed_jobs: list[int] = []
        deadline = time.monotonic() + 120
        while not killed_jobs:
            assert time.monotonic() < deadline, "worker a never ran a range task"
            with db.engine.connect() as connection:
                done = connection.execute(
                    text("SELECT COUNT(*) FROM job_tasks WHERE kind = 'INCOME_SHARES' AND state = 'DONE'")
                ).scalar_one()
                doing = (
                    connection.execute(
                        text(
                            "SELECT j.id FROM procrastinate_jobs j JOIN job_tasks t ON t.id = (j.args->>'task_id')::bigint "
                            "WHERE j.status = 'doing' AND j.worker_id = :a AND j.task_name = 'robo:income_shares' "
                            "AND t.state = 'PENDING'"
                        ),
                        {"a": worker_a},
                    )
                    .scalars()
                    .all()
                )
            if done >= 1 and doing:
                workers["a"].send_signal(signal.SIGKILL)
                workers["a"].wait(timeout=10)
                killed_jobs = list(doing)
            else:
                time.sleep(0.02)
        # Worker b finishes the day, taking over a's task once a's heartbeat is 4 s old.
        deadline = time.monotonic() + 240
        while True:
            with db.engine.connect() as connection:
                state = connection.execute(
                    text("SELECT state FROM job_runs WHERE job = 'ACCRUE_INCOME' AND scope <> ''")
                ).scalar_one_or_none()
            if state in ("DONE", "FAILED"):
                break
            assert time.monotonic() < deadline, f"the day did not complete (run state {state})"
            assert workers["b"].poll() is None, "worker b stopped"
            time.sleep(0.2)
        assert state == "DONE"

        with db.engine.connect() as connection:
            tasks = connection.execute(text("SELECT kind, state FROM job_tasks ORDER BY seq")).all()
            taken_over = connection.execute(
                text("SELECT id, status, attempts FROM procrastinate_jobs WHERE id = ANY(:ids)"),
                {"ids": killed_jobs},
            ).all()
            incomes = connection.execute(
                text(
                    "SELECT COUNT(*), MIN(total), MIN(holders) FROM money_fund_incomes WHERE product_id = :p AND day = :d"
                ),
                {"p": product_id, "d": DAY},
            ).one()
            run = connection.execute(text("SELECT tasks_done, tasks_total FROM job_runs WHERE scope <> ''")).one()
        assert len(tasks) == -(-HOLDINGS // ROWS_PER_TASK) + 1
        assert all(state == "DONE" for _, state in tasks)
        assert run.tasks_done == run.tasks_total == len(tasks)
        # The killed worker's task was put back in the queue and run again, by worker b.
        assert [(status, attempts >= 1) for _, status, attempts in taken_over] == [("succeeded", True)]
        # Exactly once: one distribution, one entry, the incomes add up to the fund's total.
        expected_total = before["units"] * int(RATE.scaleb(4)) // 10**8
        check = checks(db, asset, RATE)
        assert incomes[0] == 1 and incomes[1] == expected_total
        assert check["entries"] == 1
        # (holdings whose share is below a fen and got no leftover fen have no posting)
        assert check["sum"] == expected_total and check["paid"] == incomes[2] <= before["holders"]
        assert check["max_off"] < 10**8 and check["zero_paid"] == 0
        with db.engine.connect() as connection:  # the staging rows are discarded after the booking
            deadline = time.monotonic() + 30
            while connection.execute(text("SELECT COUNT(*) FROM money_fund_income_shares")).scalar_one():
                assert time.monotonic() < deadline
                time.sleep(0.2)
                connection.rollback()
        verify = subprocess.run(
            _robo("ledger", "verify"), env=_env(engine_url), capture_output=True, text=True, timeout=300
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert "Ledger OK" in verify.stdout
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        for log in logs.values():
            log.close()
        db.dispose()
