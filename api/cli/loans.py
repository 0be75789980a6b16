"""``robo loans``: the daily loan job.

    robo loans process [--date D]   pay P2P and ABS coupons and principal due by D (default today)
    robo loans collect [--date D]   collect the small loans' instalments due by D (lending; default
                                    yesterday: a day is collected once it is over)

One product per transaction, idempotent per product and day; defaults recorded with
``recordCreditEvent`` reduce the payouts by the loss given default.
"""

from __future__ import annotations

import typer

from api.cli.funds import run_job
from investing.kinds import DailyJob

app = typer.Typer(no_args_is_help=True)


@app.command("process")
def process(date_text: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today).")) -> None:
    """Pay the loan products' coupons and principal due on or before D into the holders' wallets."""
    run_job(DailyJob.PROCESS_LOANS, date_text)


@app.command("collect")
def collect(date_text: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: yesterday).")) -> None:
    """Collect the small loans' instalments due by D, once D is over (default yesterday): wallet
    cash held at the end of D, then the money fund (if allowed), a share of D's sales while
    overdue; penalties, default at 90 days, write-off at 180. Idempotent per loan and day; run
    late, it catches up every day in order with the same result."""
    from rich.progress import Progress

    from api.cli.common import console, domain_errors_exit, open_services
    from api.cli.funds import parse_day
    from core.money import Money
    from lending import service as lending_service

    services = open_services()
    from datetime import timedelta

    day = parse_day(date_text, services.clock.today() - timedelta(days=1))
    with domain_errors_exit(), Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"COLLECT_LOANS {day.isoformat()}", total=None)
        report = lending_service.collect(
            database=services.db,
            clock=services.clock,
            settings=services.settings,
            day=day,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    console.print(
        f"COLLECT_LOANS {day.isoformat()}: {report.loans} loan(s) with something due "
        f"({report.in_full} paid in full set-based), "
        f"{report.advanced} with nothing due, {Money.from_minor(report.collected, 'CNY').text()} collected."
    )
