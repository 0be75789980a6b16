"""Jobs as the API and the CLI call them: ``run_daily_job`` (an operator's run now, in this
process, recorded), ``runs_on`` and ``run_view`` (``dailyJobRuns``), ``rerun`` (a failed run
again: enqueued on the job engine, or run here with the in-process engine), ``engine_of``; and
for ``robo worker`` / ``robo scheduler`` the engine's entry points (``jobs.engine``,
``jobs.schedule``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from db.session import Database
from investing import service as investing_service
from jobs import runs, work
from jobs.engine import QUEUE, configure, install_schema, make_app, prune_finished, rescue_stalled, run_worker
from jobs.kinds import Engine, Job
from jobs.runs import RunView
from jobs.schedule import Memory, tick

__all__ = [
    "QUEUE",
    "Engine",
    "Memory",
    "RunView",
    "configure",
    "engine_of",
    "install_schema",
    "make_app",
    "prune_finished",
    "rerun",
    "rescue_stalled",
    "run_daily_job",
    "run_view",
    "run_worker",
    "runs_on",
    "tick",
]


def engine_of(settings: Settings) -> Engine:
    return Engine(settings.job_engine)


def run_daily_job(
    *, database: Database, clock: Clock, settings: Settings, job: Job, day: date
) -> investing_service.JobReport:
    """A daily job for ``day`` run now in this process (``runDailyJob``), kept in the runs."""
    outcome = work.run_recorded(database=database, clock=clock, settings=settings, job=Job(job), day=day)
    assert outcome.report is not None
    return outcome.report


def runs_on(*, session: Session, day: date) -> list[RunView]:
    return runs.runs_on(session, day=day)


def run_view(*, session: Session, run_id: int) -> RunView:
    """One run (``JOB_RUN_NOT_FOUND`` when there is none)."""
    return runs.view(session, run_id)


def rerun(*, database: Database, clock: Clock, settings: Settings, run_id: int) -> RunView:
    """Run a failed run again: with procrastinate its failed tasks go back in the queue (a
    fund's ranges already staged are not staged again); in process the job runs now."""
    if engine_of(settings) is Engine.PROCRASTINATE:
        from jobs.engine import requeue

        with database.write() as session:
            run = runs.failed_run(session, run_id)
            run.attempts += 1
            requeue(session, run)
        with database.read() as session:
            return runs.view(session, run_id)
    with database.write() as session:
        run = runs.failed_run(session, run_id)
        job, day = Job(run.job), run.day
    work.run_recorded(database=database, clock=clock, settings=settings, job=job, day=day)
    with database.read() as session:
        return runs.view(session, run_id)
