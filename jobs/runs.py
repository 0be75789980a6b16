"""The record of job runs and their tasks (``job_runs``, ``job_tasks``): what operators see in
``dailyJobRuns(date)`` and re-run when a run failed.

A run is one job for one business day, and for a money fund's income one fund (``scope``); it is
created once (``INSERT ... ON CONFLICT DO NOTHING`` on (job, day, scope)) and updated by every
attempt. A task is marked done in the same transaction as its effect, so a task run twice
(a retry after a crash, a worker taken for dead that was only slow) changes nothing the
second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.errors import DomainError, t
from db.base import table_of
from db.session import insert_if_absent
from jobs.errors import JobErrorCode
from jobs.kinds import Job, RunState, TaskKind, TaskState
from jobs.models import JobRun, JobTask

RUNS = table_of(JobRun)
TASKS = table_of(JobTask)
MAX_ERROR = 2000  # characters of an error kept


def product_scope(product_id: int) -> str:
    return f"product:{product_id}"


def open_run(
    session: Session, *, job: Job, day: date, now: datetime, scope: str = "", product_id: int | None = None
) -> JobRun:
    """The run of (job, day, scope), created PENDING if absent, locked for this transaction."""
    insert_if_absent(
        session,
        JobRun,
        dict(
            job=str(job),
            day=day,
            scope=scope,
            product_id=product_id,
            state=str(RunState.PENDING),
            tasks_total=0,
            tasks_done=0,
            attempts=0,
            message="",
            created_at=now,
        ),
        unique=["job", "day", "scope"],
    )
    run = session.execute(
        select(JobRun)
        .where(JobRun.job == str(job), JobRun.day == day, JobRun.scope == scope)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    return run


def lock_run(session: Session, run_id: int) -> JobRun | None:
    return session.execute(
        select(JobRun).where(JobRun.id == run_id).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()


def state_of(session: Session, *, job: Job, day: date, scope: str = "") -> RunState | None:
    state = session.execute(
        select(RUNS.c.state).where(RUNS.c.job == str(job), RUNS.c.day == day, RUNS.c.scope == scope)
    ).scalar_one_or_none()
    return None if state is None else RunState(state)


def start(run: JobRun, *, now: datetime, tasks_total: int | None = None) -> None:
    """An attempt of the run begins."""
    run.state = str(RunState.RUNNING)
    run.attempts += 1
    run.error = None
    if run.started_at is None or run.finished_at is not None:
        run.started_at = now
    run.finished_at = None
    if tasks_total is not None:
        run.tasks_total = tasks_total


def finish(
    run: JobRun,
    *,
    state: RunState,
    now: datetime,
    items: int | None = None,
    amount: int | None = None,
    message: str = "",
    error: str | None = None,
) -> None:
    run.state = str(state)
    if state is not RunState.RUNNING:
        run.finished_at = now
    if state is RunState.DONE:
        run.tasks_done = run.tasks_total
    if items is not None:
        run.items = items
    if amount is not None:
        run.amount = amount
    run.message = message[:MAX_ERROR]
    run.error = None if error is None else error[:MAX_ERROR]


def add_task(
    session: Session,
    *,
    run_id: int,
    seq: int,
    kind: TaskKind,
    first_id: int | None = None,
    last_id: int | None = None,
) -> int:
    task = JobTask(
        run_id=run_id,
        seq=seq,
        kind=str(kind),
        first_id=first_id,
        last_id=last_id,
        state=str(TaskState.PENDING),
        attempts=0,
    )
    session.add(task)
    session.flush()
    return task.id


def lock_task(session: Session, task_id: int) -> JobTask | None:
    return session.execute(
        select(JobTask).where(JobTask.id == task_id).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()


def tasks_of(session: Session, run_id: int, *, kind: TaskKind | None = None) -> list[JobTask]:
    query = select(JobTask).where(JobTask.run_id == run_id).order_by(JobTask.seq)
    if kind is not None:
        query = query.where(JobTask.kind == str(kind))
    return list(session.execute(query).scalars())


def count_done(session: Session, run_id: int) -> int:
    """Tasks of the run done (committed, or by this transaction), after taking the run's row
    lock (``lock_run``): the last of concurrent tasks to commit sees all the others."""
    return int(
        session.execute(
            select(func.count())
            .select_from(TASKS)
            .where(TASKS.c.run_id == run_id, TASKS.c.state == str(TaskState.DONE))
        ).scalar_one()
    )


def task_failed(session: Session, *, task_id: int, error: str, final: bool, now: datetime) -> None:
    """An attempt of a task failed (its own transaction rolled back): the error is kept, and
    on the last attempt the task and its run fail."""
    task = lock_task(session, task_id)
    if task is None or task.state == str(TaskState.DONE):
        return
    task.attempts += 1
    task.error = error[:MAX_ERROR]
    run = lock_run(session, task.run_id)
    if run is None:
        return
    run.error = error[:MAX_ERROR]
    if final:
        task.state = str(TaskState.FAILED)
        task.finished_at = now
        run.state = str(RunState.FAILED)
        run.finished_at = now


@dataclass(frozen=True, slots=True)
class RunView:
    """A run as operators see it."""

    id: int
    job: str
    day: date
    scope: str
    product_id: int | None
    state: RunState
    tasks_done: int
    tasks_total: int
    attempts: int
    items: int | None
    amount: int | None
    message: str
    errors: tuple[str, ...]
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


def _views(session: Session, rows: Sequence[JobRun]) -> list[RunView]:
    ids = [row.id for row in rows]
    task_errors: dict[int, list[str]] = {}
    if ids:
        for run_id, seq, kind, error in session.execute(
            select(TASKS.c.run_id, TASKS.c.seq, TASKS.c.kind, TASKS.c.error)
            .where(TASKS.c.run_id.in_(ids), TASKS.c.error.is_not(None), TASKS.c.state != str(TaskState.DONE))
            .order_by(TASKS.c.run_id, TASKS.c.seq)
        ):
            task_errors.setdefault(run_id, []).append(f"task {seq} ({kind}): {error}")
    views = []
    for row in rows:
        errors = list(task_errors.get(row.id, []))
        if row.error and not any(row.error in error for error in errors):
            errors.insert(0, row.error)
        views.append(
            RunView(
                id=row.id,
                job=row.job,
                day=row.day,
                scope=row.scope,
                product_id=row.product_id,
                state=RunState(row.state),
                tasks_done=row.tasks_done,
                tasks_total=row.tasks_total,
                attempts=row.attempts,
                items=row.items,
                amount=row.amount,
                message=row.message,
                errors=tuple(errors),
                started_at=row.started_at,
                finished_at=row.finished_at,
            )
        )
    return views


def runs_on(session: Session, *, day: date) -> list[RunView]:
    """The runs of business day ``day``, by job and scope."""
    rows = session.execute(select(JobRun).where(JobRun.day == day).order_by(JobRun.job, JobRun.scope)).scalars().all()
    return _views(session, rows)


def view(session: Session, run_id: int) -> RunView:
    row = session.get(JobRun, run_id, populate_existing=True)
    if row is None:
        raise not_found()
    return _views(session, [row])[0]


def not_found() -> DomainError:
    return DomainError(JobErrorCode.JOB_RUN_NOT_FOUND, t("No such job run.", "找不到这次作业运行。"), "id")


def failed_run(session: Session, run_id: int) -> JobRun:
    """The run to re-run, locked; refused unless it failed."""
    run = lock_run(session, run_id)
    if run is None:
        raise not_found()
    if run.state != str(RunState.FAILED):
        raise DomainError(
            JobErrorCode.JOB_RUN_NOT_FAILED,
            t(
                f"Only a failed run can be re-run; this one is {run.state}.",
                f"只有失败的作业运行才能重新运行；当前状态为 {run.state}。",
            ),
            "id",
        )
    return run


def reset_failed_tasks(session: Session, run: JobRun) -> list[JobTask]:
    """Failed tasks of a run back to PENDING (a re-run); returns the tasks still to do."""
    session.execute(
        update(TASKS)
        .where(TASKS.c.run_id == run.id, TASKS.c.state == str(TaskState.FAILED))
        .values(state=str(TaskState.PENDING), error=None)
    )
    run.state = str(RunState.RUNNING)
    run.error = None
    run.finished_at = None
    return [task for task in tasks_of(session, run.id) if task.state != str(TaskState.DONE)]
