"""When the scheduler enqueues each job (``jobs.schedule.due``), on the injected clock in the
platform's zone: the daily jobs until their run is DONE (again after the retry interval while
they wait), the frequent ones at their intervals."""

from __future__ import annotations

from datetime import datetime, timedelta

from jobs import runs, schedule
from jobs.kinds import Job, RunState
from tests.conftest import SHANGHAI, test_settings

MIDNIGHT = datetime(2026, 12, 4, 0, 5, tzinfo=SHANGHAI)


def test_the_daily_jobs_are_due_until_done_and_the_frequent_ones_at_their_intervals(sqlite_db, clock):
    settings = test_settings(scheduler_retry_seconds=600, escrow_release_interval_seconds=60)
    memory = schedule.Memory()
    clock.set(MIDNIGHT)
    today, yesterday = MIDNIGHT.date(), MIDNIGHT.date() - timedelta(days=1)

    def due():
        wanted = schedule.due(database=sqlite_db, clock=clock, settings=settings, memory=memory)
        for key in wanted:
            memory.mark(key, clock.now())
        return set(wanted)

    first = due()
    assert {
        (Job.ACCRUE_INCOME, yesterday),  # yesterday's income, after midnight
        (Job.COLLECT_LOANS, yesterday),  # yesterday's collection: its sales and its cash are known now
        (Job.RUN_ABS_POOLS, yesterday),  # a pool's month after its payment date's collection
        (Job.SCORE_CREDIT, yesterday),  # the nightly scores, as of the day that ended
        (Job.CONFIRM_ORDERS, today),
        (Job.PROCESS_LOANS, today),
        (Job.RELEASE_ESCROWS, today),
        (Job.AUTOMATION, today),
    } <= first
    # a day still under way is never collected, scored or run for the pools (sales released
    # later that day would be missed once its run is DONE)
    assert not {(job, today) for job in (Job.COLLECT_LOANS, Job.RUN_ABS_POOLS, Job.SCORE_CREDIT)} & first
    assert due() == set()  # nothing again at once

    clock.set(MIDNIGHT + timedelta(seconds=61))
    assert (Job.RELEASE_ESCROWS, today) in due()  # every minute
    assert (Job.ACCRUE_INCOME, yesterday) not in due()

    with sqlite_db.write() as session:  # yesterday's income is done; confirmations wait for a NAV
        income = runs.open_run(session, job=Job.ACCRUE_INCOME, day=yesterday, now=clock.now())
        runs.finish(income, state=RunState.DONE, now=clock.now())
        confirm = runs.open_run(session, job=Job.CONFIRM_ORDERS, day=today, now=clock.now())
        runs.finish(confirm, state=RunState.WAITING, now=clock.now(), message="waiting for the NAV")
    clock.set(MIDNIGHT + timedelta(seconds=601))
    again = due()
    assert (Job.CONFIRM_ORDERS, today) in again  # again while any order waits
    assert (Job.ACCRUE_INCOME, yesterday) not in again  # done: not again
