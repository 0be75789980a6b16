"""``robo abs``: the ABS pools' monthly job and their servicer reports.

    robo abs run [--date D]                       close pools whose closing date has come and run
                                                  every month due by D (default today), in order
    robo abs report --pool ID --month YYYY-MM     the month's servicer report as CSV

The job runs the loans' collection up to D first; each pool in its own transactions; run late
it catches up, run twice it does nothing more (``runDailyJob(job: RUN_ABS_POOLS)`` is the same).
"""

from __future__ import annotations

import typer
from rich.table import Table

from api.cli.common import console, domain_errors_exit, fail, open_services
from api.cli.funds import parse_day
from core.money import Money

app = typer.Typer(no_args_is_help=True)


@app.command("run")
def run(date_text: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today).")) -> None:
    """Run the ABS pools' closings and monthly waterfalls due on or before D."""
    from securitisation import service

    services = open_services()
    day = parse_day(date_text, services.clock.today())
    with domain_errors_exit():
        report = service.run_pools(database=services.db, clock=services.clock, settings=services.settings, day=day)
    if not report.runs:
        console.print(f"RUN_ABS_POOLS {day.isoformat()}: no pool to run.")
        return
    table = Table(title=f"RUN_ABS_POOLS {day.isoformat()}")
    for column in ("pool", "result", "steps", "paid to holders", "message"):
        table.add_column(column)
    for r in report.runs:
        table.add_row(r.code, r.result.value, str(r.items), Money.from_minor(r.amount or 0, "CNY").text(), r.message)
    console.print(table)


@app.command("report")
def report(
    pool: int = typer.Option(..., "--pool", help="The pool's id."),
    month: str = typer.Option(..., "--month", help="YYYY-MM"),
) -> None:
    """Print a month's servicer report as CSV (amounts in fen)."""
    from securitisation import service

    services = open_services()
    with domain_errors_exit(), services.db.read() as session:
        found = service.get_pool(session, pool)
        run = service.run_of_month(session, pool, month)
        if run is None:
            fail(f"No report for pool {pool} in {month}.")
        typer.echo(service.reports.csv_text(found, run), nl=False)
