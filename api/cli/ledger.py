"""``robo ledger verify``: checks every ledger invariant for every asset; exits 0 when all
hold, 1 with a report of what is wrong."""

from __future__ import annotations

import typer

from api.cli.common import console, error_console, open_services
from ledger.service import verify as verify_ledger

app = typer.Typer(no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check that entries balance per asset, balances equal their postings, no user account
    is negative, every asset sums to zero, and escrow matches the held payments."""
    services = open_services()
    with services.db.read() as session:
        problems = verify_ledger(session)
    if problems:
        error_console.print(f"[red]The ledger has {len(problems)} problem(s):[/red]")
        for problem in problems:
            error_console.print(f"  - {problem}", soft_wrap=True)
        raise typer.Exit(1)
    console.print("Ledger OK: every entry balances, balances match their postings, nothing is negative.")
