"""``robo escrow release-due``: releases every held guarantee payment whose auto-confirm time
has passed (the server also runs it periodically; a database lock lets only one worker at a
time do it)."""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, open_services

app = typer.Typer(no_args_is_help=True)


@app.command("release-due")
def release_due() -> None:
    """Release held guarantee payments whose auto-confirm time has passed."""
    from api.jobs import release_due_escrow

    services = open_services()
    with domain_errors_exit():
        released = release_due_escrow(services)
    if released is None:
        console.print("Another worker is releasing due payments right now; nothing done.")
    else:
        console.print(f"Released {released} held payment(s).")
