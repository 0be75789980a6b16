"""Concurrent runs of the daily jobs on PostgreSQL (SQLite serialises writers, so there is
nothing concurrent to test there). Every fixture of this module (the catalogue, the
investors, the desk) works on the ``pg_db`` database: the module's ``db`` is ``pg_db``, so
the test runs once, on PostgreSQL, and skips only when no server answers."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from tests.investing.conftest import D
from wallet.kinds import DailyJob

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
        except Exception as error:  # noqa: BLE001 - reported below
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
