"""Concurrent runs of the daily jobs on PostgreSQL (SQLite serialises writers, so there is
nothing concurrent to test there). Every fixture of this module (the catalogue, the
investors, the desk) works on the ``pg_db`` database: the module's ``db`` is ``pg_db``, so
the test runs once, on PostgreSQL, and skips only when no server answers."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import text

from investing import orders
from investing.kinds import DailyJob
from tests.investing.conftest import D

FRI, SAT = date(2026, 11, 27), date(2026, 11, 28)


@pytest.fixture
def db(pg_db):
    return pg_db


def test_concurrent_runs_of_one_day_distribute_its_income_once(db, funds, investor, desk, catalogue):
    users = [investor("C1", deposit="1000") for _ in range(6)]
    for user in users:
        desk.subscribe(user, funds.mmf, "1000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, FRI, "2.0000")
    start = threading.Barrier(4)
    outcomes, errors = [], []

    def run():
        start.wait()
        try:
            outcomes.append(desk.run(DailyJob.ACCRUE_INCOME, FRI).runs[0].result.value)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["ALREADY_DONE", "ALREADY_DONE", "ALREADY_DONE", "DONE"]
    assert [desk.units(user, funds.mmf) for user in users] == [D("1000.20")] * 6
    assert desk.problems() == []


def _wait_until_blocked_on_a_lock(db, timeout: float = 20.0) -> None:
    """Until some other session of this database waits for a lock (the job, behind the
    redemption's row lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.engine.connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the income job never waited for the redemption's lock")


def test_a_redemption_committing_during_a_negative_days_income_leaves_no_holding_below_zero(
    db, funds, investor, desk, catalogue, clock, settings
):
    seller, keeper = investor("C1", deposit="1000"), investor("C1", deposit="1000")
    for user in (seller, keeper):
        desk.subscribe(user, funds.mmf, "1000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, FRI, "-5.0000")
    redeemed, go_on, errors, reports = threading.Event(), threading.Event(), [], []

    def redeem_everything_and_wait():
        try:
            with db.write() as session:  # the seller's units leave; committed only once the job runs
                orders.redeem(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=seller.id,
                    product_id=funds.mmf,
                    units=D("1000.00"),
                    fast=True,
                )
                redeemed.set()
                go_on.wait(30)
        except Exception as error:
            errors.append(error)
            redeemed.set()

    def run_the_income():
        try:
            reports.append(desk.run(DailyJob.ACCRUE_INCOME, FRI))
        except Exception as error:
            errors.append(error)

    seller_thread = threading.Thread(target=redeem_everything_and_wait)
    seller_thread.start()
    assert redeemed.wait(30)
    job_thread = threading.Thread(target=run_the_income)
    job_thread.start()
    try:
        _wait_until_blocked_on_a_lock(db)
    finally:
        go_on.set()
        seller_thread.join()
        job_thread.join()
    assert errors == []
    assert [run.result.value for run in reports[0].runs] == ["DONE"]
    # The seller held the units at the end of Friday but has none left: nothing can be taken.
    assert desk.units(seller, funds.mmf) == D("0.00")
    assert desk.cash(seller) == D("1000.00")
    assert desk.units(keeper, funds.mmf) == D("999.50")
    assert desk.problems() == []
