"""``robo loans``: the daily loan job.

    robo loans process [--date D]   pay P2P and ABS coupons and principal due by D (default today)

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
