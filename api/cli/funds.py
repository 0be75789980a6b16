"""``robo funds``: the daily fund jobs, one product per transaction, with a progress bar.

    robo funds confirm-orders [--date D]   confirm the orders of the trading day before D (default today)
    robo funds accrue-income [--date D]    distribute each money fund's income of D (default yesterday)

Both are idempotent per product and day: running a day again changes nothing; a run killed
half-way is finished by the next. ``ROBO_CLOCK`` pins "today", so a week can be simulated.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from api.cli.common import console, domain_errors_exit, fail, open_services
from core.money import Money
from investing import service as investing_service
from investing.kinds import DailyJob

app = typer.Typer(no_args_is_help=True)


def parse_day(text: str | None, default: date) -> date:
    if text is None:
        return default
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        fail(f"Bad date {text!r}: use YYYY-MM-DD.")


def run_job(job: DailyJob, day_text: str | None, *, default_offset: int = 0) -> None:
    """Run ``job`` for the day given (or today + ``default_offset`` days) and print a table."""
    services = open_services()
    day = parse_day(day_text, services.clock.today() + timedelta(days=default_offset))
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[code]}"),
        console=console,
        transient=False,
    )
    task = progress.add_task(f"{job.value} {day.isoformat()}", total=None, code="")

    def report(done: int, total: int, code: str) -> None:
        progress.update(task, completed=done, total=total, code=code)

    with domain_errors_exit(), progress:
        result = investing_service.run_daily_job(
            database=services.db, clock=services.clock, job=job, day=day, progress=report
        )
        progress.update(task, total=max(len(result.runs), 1), completed=max(len(result.runs), 1))
    if not result.runs:
        console.print(f"Nothing to do for {job.value} on {day.isoformat()}.")
        return
    table = Table(title=f"{job.value} {day.isoformat()}")
    for column in ("product", "result", "items", "amount", "detail"):
        table.add_column(column)
    for run in result.runs:
        amount = "" if run.amount is None else Money.from_minor(run.amount, "CNY").text()
        table.add_row(run.code, run.result.value, str(run.items), amount, run.message)
    console.print(table)
    refused = [run for run in result.runs if run.result is investing_service.JobResult.REFUSED]
    if refused:
        fail(f"{len(refused)} product(s) could not run: " + "; ".join(f"{run.code}: {run.message}" for run in refused))


@app.command("confirm-orders")
def confirm_orders(
    date_text: str = typer.Option(None, "--date", help="The run day D, YYYY-MM-DD (default: today)."),
) -> None:
    """Confirm the orders of the trading day before D at that day's price; pay redemption cash due."""
    run_job(DailyJob.CONFIRM_ORDERS, date_text)


@app.command("accrue-income")
def accrue_income(
    date_text: str = typer.Option(None, "--date", help="The income day D, YYYY-MM-DD (default: yesterday)."),
) -> None:
    """Distribute each money fund's income of day D to its holders, exactly to the fen."""
    run_job(DailyJob.ACCRUE_INCOME, date_text, default_offset=-1)
