"""``robo ledger verify``: checks every ledger invariant for every asset; exits 0 when all
hold, 1 with a report of what is wrong. Each run's result is kept (``ledger.checks``): the
operators' console shows the latest as ``ledgerCheck``."""

from __future__ import annotations

import typer

from api.cli.common import console, error_console, open_services
from ledger.service import run_check

app = typer.Typer(no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check that entries balance per asset, balances equal their postings, no user account
    is negative, every asset sums to zero, and escrow matches the held payments."""
    services = open_services()
    result = run_check(database=services.db, clock=services.clock, ran_by="command line (robo ledger verify)")
    if result.problems:
        error_console.print(f"[red]The ledger has {len(result.problems)} problem(s):[/red]")
        for problem in result.problems:
            error_console.print(f"  - {problem}", soft_wrap=True)
        raise typer.Exit(1)
    console.print("Ledger OK: every entry balances, balances match their postings, nothing is negative.")
