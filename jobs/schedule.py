"""When each job is due (``robo scheduler``), in the platform's zone (``ROBO_TIMEZONE``):

- ACCRUE_INCOME, COLLECT_LOANS, RUN_ABS_POOLS and SCORE_CREDIT for yesterday, from midnight
  on, and again every ``ROBO_SCHEDULER_RETRY_SECONDS`` while its run is not DONE (a fund's
  income figure not recorded yet, orders to confirm first, a fund's tasks under way): a day's
  income, its loan collection (the day's sales and wallet cash), the pools' month on a payment
  date (after that day's collection) and the credit scores as of the day are only known once
  the day is over;
- CONFIRM_ORDERS and PROCESS_LOANS for today, likewise until DONE: the
  confirmations run once the day's NAVs are recorded and again while any order waits for one;
- RELEASE_ESCROWS every ``ROBO_ESCROW_RELEASE_INTERVAL_SECONDS`` (a minute), AUTOMATION (plan
  runs and rebalancing) every ``ROBO_AUTOMATION_SECONDS``, REMINDERS every
  ``ROBO_NOTIFICATIONS_REMIND_SECONDS``, the notifications feed every
  ``ROBO_NOTIFICATIONS_FEED_SECONDS``, log-in throttles and the calendar's horizon hourly.

Each enqueue carries a queueing lock (job and day), so a job is never queued twice and a
second scheduler adds nothing but load; every job is idempotent anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from core.clock import Clock
from core.settings import Settings
from db.session import Database
from jobs import runs
from jobs.engine import defer
from jobs.kinds import Job, RunState

UNTIL_DONE_TODAY = (Job.CONFIRM_ORDERS, Job.PROCESS_LOANS)
# In this order: a pool's month needs the loans' collection of its payment date first.
UNTIL_DONE_YESTERDAY = (Job.ACCRUE_INCOME, Job.COLLECT_LOANS, Job.RUN_ABS_POOLS, Job.SCORE_CREDIT)


def intervals(settings: Settings) -> dict[Job, float]:
    """Jobs run every so many seconds (for today)."""
    return {
        Job.RELEASE_ESCROWS: settings.escrow_release_interval_seconds,
        Job.AUTOMATION: settings.automation_seconds,
        Job.REMINDERS: settings.notifications_remind_seconds,
        Job.NOTIFICATIONS_FEED: settings.notifications_feed_seconds,
        Job.LOGIN_CLEANUP: 3600,
        Job.CALENDAR_WARNING: 3600,
    }


@dataclass
class Memory:
    """When this scheduler last enqueued each (job, day)."""

    last: dict[tuple[Job, date], datetime] = field(default_factory=dict)

    def due(self, key: tuple[Job, date], now: datetime, every: float) -> bool:
        last = self.last.get(key)
        return last is None or (now - last).total_seconds() >= every

    def mark(self, key: tuple[Job, date], now: datetime) -> None:
        self.last[key] = now
        for old in [k for k in self.last if k[1] < key[1] - timedelta(days=2)]:
            del self.last[old]


def due(*, database: Database, clock: Clock, settings: Settings, memory: Memory) -> list[tuple[Job, date]]:
    """The (job, day) pairs to enqueue now."""
    now = clock.now()
    today = clock.today()
    wanted: list[tuple[Job, date]] = []
    for job, every in intervals(settings).items():
        if memory.due((job, today), now, every):
            wanted.append((job, today))
    yesterday = today - timedelta(days=1)
    until_done = [(job, yesterday) for job in UNTIL_DONE_YESTERDAY] + [(job, today) for job in UNTIL_DONE_TODAY]
    with database.read() as session:
        for job, day in until_done:
            if runs.state_of(session, job=job, day=day) is RunState.DONE:
                continue
            if memory.due((job, day), now, settings.scheduler_retry_seconds):
                wanted.append((job, day))
    return wanted


def tick(*, database: Database, clock: Clock, settings: Settings, memory: Memory) -> list[tuple[Job, date]]:
    """Enqueue what is due now, in one transaction; what was enqueued (not already queued)."""
    wanted = due(database=database, clock=clock, settings=settings, memory=memory)
    enqueued = []
    now = clock.now()
    with database.write() as session:
        for job, day in wanted:
            job_id = defer(
                session,
                "daily_job",
                args={"job": str(job), "day": day.isoformat()},
                queueing_lock=f"daily_job:{job}:{day.isoformat()}",
            )
            memory.mark((job, day), now)
            if job_id is not None:
                enqueued.append((job, day))
    return enqueued
