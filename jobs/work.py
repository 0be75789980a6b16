"""What each scheduled job does, run in one process (the server's in-process path, the
operators' ``runDailyJob``, and the job engine's single-task jobs): every job calls its domain's
service, which is idempotent per (job, product, day), and returns an ``Outcome``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.clock import Clock
from core.settings import Settings
from credit import service as credit_service
from db.session import Database
from investing import service as investing_service
from investing.kinds import DailyJob
from jobs.kinds import Job, RunState
from lending import service as lending_service
from notifications import service as notifications_service
from securitisation import service as securitisation_service
from tradingcalendar import service as trading_calendar
from users.auth import clear_stale_throttles

# Jobs kept in ``job_runs`` (operators see them in ``dailyJobRuns``); the housekeeping ones
# (the feed every few seconds, log-in throttles, the calendar's horizon) are not.
RECORDED = frozenset(
    {
        Job.CONFIRM_ORDERS,
        Job.ACCRUE_INCOME,
        Job.PROCESS_LOANS,
        Job.RELEASE_ESCROWS,
        Job.COLLECT_LOANS,
        Job.RUN_ABS_POOLS,
        Job.AUTOMATION,
        Job.REMINDERS,
        Job.SCORE_CREDIT,
    }
)


@dataclass(frozen=True, slots=True)
class Outcome:
    state: RunState  # DONE, WAITING or FAILED (a product's day refused)
    items: int | None = None
    amount: int | None = None
    message: str = ""
    report: investing_service.JobReport | None = None  # the daily jobs' report (runDailyJob)


def collection_report(collected: lending_service.CollectionReport) -> investing_service.JobReport:
    """The loan collection of a day as a daily-job report (one run: the loan book)."""
    result = investing_service.JobResult.DONE if collected.loans else investing_service.JobResult.NOTHING
    run = investing_service.ProductRun(
        None,
        "loans",
        result,
        collected.loans,
        collected.collected,
        message=(
            f"{collected.loans} loan(s) with something due ({collected.in_full} paid in full set-based), "
            f"{collected.advanced} with nothing due"
        ),
    )
    return investing_service.JobReport(DailyJob.COLLECT_LOANS, collected.day, (run,))


def of_report(report: investing_service.JobReport) -> Outcome:
    """A daily job's report as an outcome: FAILED when a product's day was refused, WAITING
    when one waits (a price, an income figure, an earlier day), else DONE."""
    refused = [run for run in report.runs if run.result is investing_service.JobResult.REFUSED]
    waiting = [run for run in report.runs if run.result is investing_service.JobResult.WAITING]
    amounts = [run.amount for run in report.runs if run.amount is not None]
    parts = [f"{run.code}: {run.result} {run.message}".strip() for run in report.runs if run.message]
    state = RunState.FAILED if refused else RunState.WAITING if waiting else RunState.DONE
    return Outcome(
        state,
        items=report.items,
        amount=sum(amounts) if amounts else None,
        message="; ".join(parts) or "nothing due",
        report=report,
    )


def run(*, database: Database, clock: Clock, settings: Settings, job: Job, day: date) -> Outcome:
    """Run ``job`` for ``day`` in this process (ACCRUE_INCOME in a single pass per fund)."""
    job = Job(job)
    if job in (Job.CONFIRM_ORDERS, Job.ACCRUE_INCOME, Job.PROCESS_LOANS, Job.RELEASE_ESCROWS):
        report = investing_service.run_daily_job(database=database, clock=clock, job=DailyJob(job), day=day)
        return of_report(report)
    if job is Job.COLLECT_LOANS:
        return of_report(
            collection_report(lending_service.collect(database=database, clock=clock, settings=settings, day=day))
        )
    if job is Job.RUN_ABS_POOLS:
        return of_report(securitisation_service.run_pools(database=database, clock=clock, settings=settings, day=day))
    if job is Job.AUTOMATION:
        automation = notifications_service.run_automation(database=database, clock=clock, settings=settings, day=day)
        return Outcome(
            RunState.DONE,
            items=automation.plans.invested + automation.rebalancing.rebalanced,
            message=f"{automation.plans.invested} plan instalment(s), {automation.rebalancing.rebalanced} rebalance(s)",
        )
    if job is Job.SCORE_CREDIT:
        with database.write() as session:
            scored = credit_service.score_day(session=session, clock=clock, settings=settings, day=day)
        if scored.model_version is None:
            return Outcome(RunState.DONE, items=0, message="no credit model fitted yet: nothing scored")
        return Outcome(
            RunState.DONE,
            items=scored.written,
            message=f"{scored.written} score(s) as of {day.isoformat()} with model {scored.model_version}",
        )
    if job is Job.REMINDERS:
        with database.write() as session:
            reminders = notifications_service.send_reminders(session=session, clock=clock, day=day)
        return Outcome(RunState.DONE, items=reminders.created, message=f"{reminders.created} reminder(s)")
    if job is Job.NOTIFICATIONS_FEED:
        fed = notifications_service.run_feed(database, clock)
        return Outcome(RunState.DONE, items=fed)
    if job is Job.LOGIN_CLEANUP:
        with database.write() as session:
            cleared = clear_stale_throttles(session=session, clock=clock)
        return Outcome(RunState.DONE, items=cleared)
    with database.write() as session:  # CALENDAR_WARNING
        warned = trading_calendar.warn_if_running_out(session=session, clock=clock) is not None
    return Outcome(RunState.DONE, items=int(warned))


def run_recorded(*, database: Database, clock: Clock, settings: Settings, job: Job, day: date) -> Outcome:
    """``run``, kept in ``job_runs`` when the job is one operators follow: the run (job, day)
    is RUNNING while it works, then DONE, WAITING or FAILED with what it did or the error."""
    from jobs import runs

    job = Job(job)
    if job not in RECORDED:
        return run(database=database, clock=clock, settings=settings, job=job, day=day)
    if job in (Job.CONFIRM_ORDERS, Job.ACCRUE_INCOME, Job.PROCESS_LOANS):  # a refused date is not a run
        investing_service.check_job_day(DailyJob(job), day, clock)
    if job is Job.COLLECT_LOANS:
        lending_service.check_day_over(day, clock)
    if job is Job.SCORE_CREDIT:
        credit_service.check_scoring_day(day, clock)
    with database.write() as session:
        record = runs.open_run(session, job=job, day=day, now=clock.now())
        runs.start(record, now=clock.now(), tasks_total=1)
        run_id = record.id
    try:
        outcome = run(database=database, clock=clock, settings=settings, job=job, day=day)
    except Exception as error:
        with database.write() as session:
            record_row = runs.lock_run(session, run_id)
            if record_row is not None:
                runs.finish(
                    record_row, state=RunState.FAILED, now=clock.now(), error=f"{type(error).__name__}: {error}"
                )
        raise
    with database.write() as session:
        record_row = runs.lock_run(session, run_id)
        if record_row is not None:
            runs.finish(
                record_row,
                state=outcome.state,
                now=clock.now(),
                items=outcome.items,
                amount=outcome.amount,
                message=outcome.message,
                error=outcome.message if outcome.state is RunState.FAILED else None,
            )
    return outcome
