"""Job runs for operators (issue 21): ``dailyJobRuns(date)`` lists the runs of a business day
(state, tasks done/total, duration, errors) and ``rerunDailyJob(input: {id})`` runs a failed one
again (``jobs.service``: its failed tasks back in the job engine's queue, or run now with the
in-process engine). ``runDailyJob`` (``api.graphql.investing``) keeps its contract and is
recorded here too.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.ids import global_id, id_input, optional_global_id
from api.mutations import run_request
from core.errors import DomainError
from jobs import service as jobs_service
from jobs.kinds import Job as JobEnum
from jobs.kinds import RunState
from users.roles import Role

OPERATORS = (Role.OPERATOR,)
ScheduledJob = strawberry.enum(JobEnum, name="ScheduledJob", description="A job the scheduler runs.")
JobRunState = strawberry.enum(RunState, name="JobRunState")


@strawberry.type(description="One job for one business day (a money fund's income: one fund), as operators see it.")
class JobRun(Node):
    job: ScheduledJob
    date: date = strawberry.field(description="The business day the job is for (income: the day that earned it).")
    product_id: strawberry.ID | None = strawberry.field(description="The fund, for a money fund's income of a day.")
    state: JobRunState
    tasks_done: int
    tasks_total: int
    attempts: int = strawberry.field(description="Times it was run: retries after errors and re-runs.")
    started_at: datetime | None
    finished_at: datetime | None
    duration_seconds: float | None = strawberry.field(description="From the start to the end of its last attempt.")
    items: int | None = strawberry.field(description="Orders, holdings, payments or loans it handled.")
    amount: Money | None
    message: str
    errors: list[str] = strawberry.field(description="The last error of the run and of each task not done.")

    @classmethod
    def of(cls, view: jobs_service.RunView) -> JobRun:
        return cls(
            id=global_id("JobRun", view.id),
            job=JobEnum(view.job),
            date=view.day,
            product_id=optional_global_id("Product", view.product_id),
            state=view.state,
            tasks_done=view.tasks_done,
            tasks_total=view.tasks_total,
            attempts=view.attempts,
            started_at=view.started_at,
            finished_at=view.finished_at,
            duration_seconds=view.duration_seconds,
            items=view.items,
            amount=Money.of_minor(view.amount),
            message=view.message,
            errors=list(view.errors),
        )


@fetches("JobRun")
def _fetch_run(info: Info, key: int) -> JobRun | None:
    info.context.require_role(*OPERATORS)
    with info.context.db.read() as session:
        try:
            return JobRun.of(jobs_service.run_view(session=session, run_id=key))
        except DomainError:
            return None


@strawberry.input
class RerunDailyJobInput:
    id: strawberry.ID = id_input("JobRun")


@strawberry.type
class RerunDailyJobPayload:
    run: JobRun | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class JobsQuery:
    @strawberry.field(description="Operators: the job runs of a business day (null with FORBIDDEN for anybody else).")
    def daily_job_runs(self, info: Info, date: date) -> list[JobRun] | None:
        ctx = info.context
        ctx.require_role(*OPERATORS)
        with ctx.db.read() as session:
            return [JobRun.of(view) for view in jobs_service.runs_on(session=session, day=date)]


@strawberry.type
class JobsMutation:
    @strawberry.mutation(
        description="Operators: run a failed job run again (its failed tasks go back to the job engine's queue, "
        "or, with the in-process engine, the job runs now). JOB_RUN_NOT_FAILED unless it failed."
    )
    async def rerun_daily_job(self, info: Info, input: RerunDailyJobInput) -> RerunDailyJobPayload:
        ctx = info.context

        def call(_viewer):
            view = jobs_service.rerun(database=ctx.db, clock=ctx.clock, settings=ctx.settings, run_id=int(input.id))
            return RerunDailyJobPayload(run=JobRun.of(view))

        return await run_request(info, RerunDailyJobPayload, input, call, roles=OPERATORS)
