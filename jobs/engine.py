"""The job engine on PostgreSQL: procrastinate's queue, its tasks, and the income split into
tasks that workers on any number of machines run in parallel.

Tasks (procrastinate names ``robo:<name>``):

- ``daily_job(job, day)``: one job for one day in one task (``jobs.work``), recorded in
  ``job_runs``; for ACCRUE_INCOME it plans instead: for each money fund whose day can run
  (``investing.jobs.income_ready``) it opens the fund's run, cuts its holdings into ranges of
  ``ROBO_INCOME_TASK_ROWS`` (``investing.staged_income.holding_ranges``) and enqueues one
  ``income_shares`` task per range, all in one transaction (procrastinate enqueues in the same
  transaction as the business change: a plan either exists with its tasks queued or not at all).
- ``income_shares(task_id)``: phase 1 for one range, staged and the task marked done in one
  transaction; the last range to finish (under the run's row lock) enqueues ``income_book``.
- ``income_book(task_id)``: phase 2, the fund's day booked once (``investing.jobs.book_staged_income``),
  after checking that the staged rows are all there and were computed with today's figure
  (otherwise the ranges are staged again); then ``income_discard`` drops the staging rows.

Exactly once: each task locks its ``job_tasks`` row and returns at once when it is done, and marks
it done in the transaction of its effect. Retries: a task that raises is retried with
exponential backoff (``ROBO_JOB_MAX_ATTEMPTS``, ``ROBO_JOB_RETRY_BASE_SECONDS``); its last
failure fails the run, which an operator re-runs (``rerun``). A refusal (``DomainError``) fails
at once. A dead worker: its connection closes, PostgreSQL rolls its transaction back, its
heartbeat stops, and after ``ROBO_WORKER_STALLED_SECONDS`` another worker or the scheduler puts
its job back in the queue (``rescue_stalled``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import procrastinate
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError
from core.settings import Settings
from db.session import Database
from investing import jobs as investing_jobs
from investing import staged_income
from investing.kinds import DailyJob
from investing.portfolio import money_fund_ids
from jobs import runs, work
from jobs.kinds import Job, RunState, TaskKind, TaskState
from jobs.models import JobRun
from products import prices

log = logging.getLogger("robo.jobs")

NAMESPACE = "robo"
QUEUE = "robo"
blueprint = procrastinate.Blueprint()


@dataclass
class _Process:
    """What the tasks of this worker process use (``configure``)."""

    database: Database | None = None
    clock: Clock | None = None
    settings: Settings | None = None


_process = _Process()


def configure(*, database: Database, clock: Clock, settings: Settings) -> None:
    _process.database, _process.clock, _process.settings = database, clock, settings


def _services() -> tuple[Database, Clock, Settings]:
    if _process.database is None or _process.clock is None or _process.settings is None:
        raise RuntimeError("jobs.engine.configure() was not called in this worker")
    return _process.database, _process.clock, _process.settings


def conninfo(settings: Settings) -> str:
    """libpq connection string of the direct connection (``ROBO_DATABASE_DIRECT_URL``, else the
    database URL): the worker LISTENs on it, which a transaction-pooling PgBouncer cannot carry."""
    url = make_url(settings.database_direct_url or settings.database_url)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(settings: Settings) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings)))
    app.add_tasks_from(blueprint, namespace=NAMESPACE)
    return app


def install_schema(settings: Settings) -> bool:
    """Apply procrastinate's schema (tables, functions, triggers of the pinned version) unless
    it is there; True when it was applied. Under an advisory lock: several workers may start at
    once. (Upgrading procrastinate later means applying its migrations: see the README.)"""
    import psycopg
    from procrastinate.schema import SchemaManager

    with psycopg.connect(conninfo(settings), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(7265727)")
        try:
            row = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if row is not None and row[0] is not None:
                return False
            connection.execute(SchemaManager.get_schema())
            return True
        finally:
            connection.execute("SELECT pg_advisory_unlock(7265727)")


def task_name(name: str) -> str:
    return f"{NAMESPACE}:{name}"


def defer(session: Session, name: str, *, args: dict[str, Any], queueing_lock: str | None = None) -> int | None:
    """Enqueue task ``name`` in the caller's transaction (procrastinate's own SQL function, so
    the job exists exactly when the transaction commits). With ``queueing_lock``, nothing is
    enqueued (None) while a job with the same lock waits in the queue."""
    statement = text(
        "SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[ROW(:queue, :task, 0, NULL, :qlock, "
        "CAST(:args AS jsonb), NULL)::procrastinate_job_to_defer_v1]))"
    )
    params = {"queue": QUEUE, "task": task_name(name), "qlock": queueing_lock, "args": json.dumps(args)}
    if queueing_lock is None:
        return int(session.execute(statement, params).scalar_one())
    try:
        with session.begin_nested():
            return int(session.execute(statement, params).scalar_one())
    except IntegrityError:
        return None


class _Retry(procrastinate.BaseRetryStrategy):
    """Exponential backoff from the settings of the worker process; refusals are not retried."""

    def get_retry_decision(self, *, exception: BaseException, job: procrastinate.jobs.Job) -> Any:
        settings = _process.settings
        attempts, base = (settings.job_max_attempts, settings.job_retry_base_seconds) if settings else (5, 2)
        if isinstance(exception, DomainError) or job.attempts >= attempts:
            return None
        return procrastinate.RetryStrategy(max_attempts=attempts, exponential_wait=base).get_retry_decision(
            exception=exception, job=job
        )


RETRY = _Retry()


def _final(context: procrastinate.JobContext, error: BaseException) -> bool:
    settings = _process.settings
    attempts = settings.job_max_attempts if settings else 5
    return isinstance(error, DomainError) or context.job is None or context.job.attempts >= attempts


def _describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message
    return f"{type(error).__name__}: {error}"


# --- one job, one task ---------------------------------------------------------------------


@blueprint.task(name="daily_job", retry=RETRY, pass_context=True, queue=QUEUE)
def daily_job(context: procrastinate.JobContext, job: str, day: str) -> None:
    database, clock, settings = _services()
    run_job(context, database=database, clock=clock, settings=settings, job=Job(job), day=date.fromisoformat(day))


def run_job(
    context: procrastinate.JobContext, *, database: Database, clock: Clock, settings: Settings, job: Job, day: date
) -> None:
    if job not in work.RECORDED:
        work.run(database=database, clock=clock, settings=settings, job=job, day=day)
        return
    with database.write() as session:
        run = runs.open_run(session, job=job, day=day, now=clock.now())
        runs.start(run, now=clock.now(), tasks_total=1)
        run_id = run.id
    try:
        if job is Job.ACCRUE_INCOME:
            outcome = plan_income(database=database, clock=clock, settings=settings, day=day)
        else:
            outcome = work.run(database=database, clock=clock, settings=settings, job=job, day=day)
    except Exception as error:
        final = _final(context, error)
        with database.write() as session:
            failed = runs.lock_run(session, run_id)
            if failed is not None:
                runs.finish(
                    failed,
                    state=RunState.FAILED if final else RunState.RUNNING,
                    now=clock.now(),
                    error=_describe(error),
                )
        if isinstance(error, DomainError):
            return
        raise
    with database.write() as session:
        done = runs.lock_run(session, run_id)
        if done is not None:
            runs.finish(
                done,
                state=outcome.state,
                now=clock.now(),
                items=outcome.items,
                amount=outcome.amount,
                message=outcome.message,
                error=outcome.message if outcome.state is RunState.FAILED else None,
            )


# --- a money fund's income in tasks --------------------------------------------------------


def plan_income(*, database: Database, clock: Clock, settings: Settings, day: date) -> work.Outcome:
    """ACCRUE_INCOME for ``day``: start the funds whose day can run (their ranges enqueued),
    and say which wait or are under way. DONE once every money fund's day is done."""
    investing_jobs.check_day(DailyJob.ACCRUE_INCOME, day, clock)
    with database.read() as session:
        fund_ids = money_fund_ids(session)
    started: list[str] = []
    pending: list[str] = []
    for product_id in fund_ids:
        with database.write() as session:
            ready = investing_jobs.income_ready(session, product_id=product_id, day=day)
            if isinstance(ready, investing_jobs.ProductRun):
                if ready.result is investing_jobs.Result.WAITING:
                    pending.append(f"{ready.code}: {ready.message}")
                continue
            run = runs.open_run(
                session,
                job=Job.ACCRUE_INCOME,
                day=day,
                scope=runs.product_scope(product_id),
                product_id=product_id,
                now=clock.now(),
            )
            if run.tasks_total:  # planned before: under way, or failed (an operator re-runs it)
                note = "failed: re-run it" if run.state == str(RunState.FAILED) else "under way"
                pending.append(f"{ready_code(session, product_id)}: {note} (run {run.id})")
                continue
            plan_fund(session, run=run, clock=clock, settings=settings)
            started.append(ready_code(session, product_id))
    if pending or started:
        parts = ([f"started {', '.join(started)}"] if started else []) + pending
        return work.Outcome(RunState.WAITING, message="; ".join(parts))
    return work.Outcome(RunState.DONE, message=f"{len(fund_ids)} money fund(s) done")


def ready_code(session: Session, product_id: int) -> str:
    from products import service as products

    return products.get_product(session=session, product_id=product_id).code


def plan_fund(session: Session, *, run: JobRun, clock: Clock, settings: Settings) -> None:
    """The fund's tasks: one per range of holdings, then the booking; the ranges enqueued."""
    assert run.product_id is not None
    ranges = staged_income.holding_ranges(session, product_id=run.product_id, rows_per_range=settings.income_task_rows)
    runs.start(run, now=clock.now(), tasks_total=len(ranges) + 1)
    shares = [
        runs.add_task(session, run_id=run.id, seq=seq, kind=TaskKind.INCOME_SHARES, first_id=first, last_id=last)
        for seq, (first, last) in enumerate(ranges, 1)
    ]
    book = runs.add_task(session, run_id=run.id, seq=len(ranges) + 1, kind=TaskKind.INCOME_BOOK)
    for task_id in shares:
        defer(session, "income_shares", args={"task_id": task_id})
    if not shares:
        defer(session, "income_book", args={"task_id": book}, queueing_lock=f"income_book:{run.id}")


@blueprint.task(name="income_shares", retry=RETRY, pass_context=True, queue=QUEUE)
def income_shares(context: procrastinate.JobContext, task_id: int) -> None:
    database, clock, _settings = _services()
    _guarded(context, database, clock, task_id, lambda session: stage_range(session, clock=clock, task_id=task_id))


@blueprint.task(name="income_book", retry=RETRY, pass_context=True, queue=QUEUE)
def income_book(context: procrastinate.JobContext, task_id: int) -> None:
    database, clock, _settings = _services()
    _guarded(context, database, clock, task_id, lambda session: book_fund(session, clock=clock, task_id=task_id))


@blueprint.task(name="income_discard", retry=RETRY, queue=QUEUE)
def income_discard(batch_id: int) -> None:
    database, _clock, _settings = _services()
    with database.write() as session:
        staged_income.discard(session, batch_id=batch_id)


def _guarded(context: Any, database: Database, clock: Clock, task_id: int, body: Any) -> None:
    try:
        with database.write() as session:
            body(session)
    except Exception as error:
        final = _final(context, error)
        with database.write() as session:
            runs.task_failed(session, task_id=task_id, error=_describe(error), final=final, now=clock.now())
        if isinstance(error, DomainError):
            return
        raise


def stage_range(session: Session, *, clock: Clock, task_id: int) -> None:
    """Phase 1 for one range (exactly once: the task row is locked and marked done with the
    staged rows); the last range of the fund enqueues the booking."""
    task = runs.lock_task(session, task_id)
    if task is None or task.state != str(TaskState.PENDING):
        return
    run = session.get(JobRun, task.run_id)
    assert run is not None and run.product_id is not None and task.first_id is not None and task.last_id is not None
    rate = prices.income_on(session=session, product_id=run.product_id, day=run.day)
    if rate is None:
        raise RuntimeError(f"the income of {run.day.isoformat()} is no longer recorded")
    task.started_at = task.started_at or clock.now()
    task.items = staged_income.stage_shares(
        session,
        batch_id=run.id,
        clock=clock,
        product_id=run.product_id,
        day=run.day,
        income_per_10k=rate,
        first_id=task.first_id,
        last_id=task.last_id,
    )
    task.figure = str(rate)
    task.state = str(TaskState.DONE)
    task.attempts += 1
    task.finished_at = clock.now()
    session.flush()
    locked = runs.lock_run(session, run.id)  # the last range to commit sees every other done
    assert locked is not None
    locked.tasks_done = runs.count_done(session, run.id)
    shares = runs.tasks_of(session, run.id, kind=TaskKind.INCOME_SHARES)
    if all(share.state == str(TaskState.DONE) for share in shares):
        (book,) = runs.tasks_of(session, run.id, kind=TaskKind.INCOME_BOOK)
        defer(session, "income_book", args={"task_id": book.id}, queueing_lock=f"income_book:{run.id}")


def book_fund(session: Session, *, clock: Clock, task_id: int) -> None:
    """Phase 2 (exactly once, after every range): the fund's day booked from the staged shares."""
    task = runs.lock_task(session, task_id)
    if task is None or task.state != str(TaskState.PENDING):
        return
    run = runs.lock_run(session, task.run_id)
    assert run is not None and run.product_id is not None
    shares = runs.tasks_of(session, run.id, kind=TaskKind.INCOME_SHARES)
    if any(share.state != str(TaskState.DONE) for share in shares):
        return  # enqueued early by a re-run; the last range enqueues it again
    rate = prices.income_on(session=session, product_id=run.product_id, day=run.day)
    staged = staged_income.staged_count(session, batch_id=run.id)
    if staged != sum(share.items or 0 for share in shares) or any(share.figure != str(rate) for share in shares):
        # the staging table lost rows (unlogged: a database crash) or the day's figure was
        # corrected since: stage every range again
        log.warning("income run %s: staged shares stale or incomplete; staging again", run.id)
        staged_income.discard(session, batch_id=run.id)
        for share in shares:
            share.state, share.items, share.figure = str(TaskState.PENDING), None, None
            defer(session, "income_shares", args={"task_id": share.id})
        run.tasks_done = 0
        return
    task.started_at = clock.now()
    outcome = investing_jobs.book_staged_income(
        session, batch_id=run.id, clock=clock, product_id=run.product_id, day=run.day
    )
    task.attempts += 1
    task.finished_at = clock.now()
    task.items = outcome.items
    if outcome.result is investing_jobs.Result.WAITING:
        task.state = str(TaskState.FAILED)
        task.error = outcome.message
        runs.finish(run, state=RunState.FAILED, now=clock.now(), message=outcome.message, error=outcome.message)
        return
    task.state = str(TaskState.DONE)
    runs.finish(
        run,
        state=RunState.DONE,
        now=clock.now(),
        items=outcome.items,
        amount=outcome.amount,
        message=f"{outcome.code}: {outcome.result} {outcome.message}",
    )
    defer(session, "income_discard", args={"batch_id": run.id})


# --- re-runs and dead workers --------------------------------------------------------------


def requeue(session: Session, run: JobRun) -> None:
    """Enqueue again what a failed run still has to do (its failed tasks set back to PENDING)."""
    pending = runs.reset_failed_tasks(session, run)
    if not run.scope:
        run.tasks_done = 0
        defer(session, "daily_job", args={"job": run.job, "day": run.day.isoformat()}, queueing_lock=_lock(run))
        return
    shares = [task for task in pending if task.kind == str(TaskKind.INCOME_SHARES)]
    for task in shares:
        defer(session, "income_shares", args={"task_id": task.id})
    if not shares:
        books = [task for task in pending if task.kind == str(TaskKind.INCOME_BOOK)]
        for task in books:
            defer(session, "income_book", args={"task_id": task.id}, queueing_lock=f"income_book:{run.id}")


def _lock(run: JobRun) -> str:
    return f"daily_job:{run.job}:{run.day.isoformat()}"


async def rescue_stalled(app: procrastinate.App, *, stalled_seconds: float) -> int:
    """Put back in the queue the jobs of workers silent for ``stalled_seconds`` (killed, or cut
    off): their transactions were rolled back, so running them again does the work once."""
    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_seconds)
    for job in stalled:
        log.warning("job %s (%s) of a dead worker goes back in the queue", job.id, job.task_name)
        await app.job_manager.retry_job(job)
    return len(list(stalled))


async def prune_finished(app: procrastinate.App, *, hours: int = 72) -> None:
    """Delete jobs finished more than ``hours`` ago from procrastinate's tables (the runs
    stay in ``job_runs``)."""
    await app.job_manager.delete_old_jobs(nb_hours=hours, include_failed=True)


async def run_worker(app: procrastinate.App, *, settings: Settings, concurrency: int, name: str | None = None) -> None:
    """A worker (``robo worker``): ``concurrency`` tasks at once, plus a watch for dead workers."""

    async def watch() -> None:
        while True:
            await asyncio.sleep(settings.worker_stalled_seconds / 2)
            try:
                await rescue_stalled(app, stalled_seconds=settings.worker_stalled_seconds)
            except Exception:  # the database restarting: try again next time
                log.exception("looking for stalled jobs failed")

    async with app.open_async():
        watcher = asyncio.create_task(watch())
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                name=name or "worker",
                update_heartbeat_interval=settings.worker_heartbeat_seconds,
                stalled_worker_timeout=settings.worker_stalled_seconds,
            )
        finally:
            watcher.cancel()
