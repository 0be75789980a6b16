"""On PostgreSQL with real concurrency: the same month run twice at once is booked once (the
pool's row is locked and a month is unique per pool), and so is the daily job run twice at once."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from securitisation import service
from securitisation.errors import SecuritisationErrorCode
from securitisation.models import AbsRun
from securitisation.simulation import NORMAL

pytestmark = pytest.mark.postgresql


@pytest.fixture
def db(pg_db):
    return pg_db


def _both(*calls):
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def go(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except DomainError as error:
            results[index] = error

    threads = [threading.Thread(target=go, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_month_run_twice_at_once_is_booked_once(world, db, clock, settings):
    w = world(NORMAL, months=3, merchants=40, trigger_unspent_share=Decimal("0.9"))
    w.run()
    december = date(2026, 12, 25)
    w.sim.collect(date(2026, 11, 26), december)

    def run():
        with db.write() as session:
            return service.run_period(
                session=session, clock=clock, settings=settings, pool_id=w.pool_id, day=december
            ).period

    results = _both(run, run)
    assert sorted(str(r if isinstance(r, int) else r.code) for r in results) == [
        "1",
        SecuritisationErrorCode.ABS_PERIOD_ALREADY_RUN.value,
    ]
    jobs = _both(*[lambda: service.run_pools(database=db, clock=clock, settings=settings, day=december)] * 2)
    assert all(not isinstance(j, DomainError) for j in jobs)
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(AbsRun)).scalar_one() == 1
    assert w.problems() == []
