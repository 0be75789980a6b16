"""``robo bank``: the simulated bank rail. ``pending`` lists withdrawals waiting for the
bank; ``settle`` gives the bank's answer: completed, or failed (money returned) for the
ids passed with ``--fail``."""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from core.money import Money
from ledger import service as ledger_service
from wallet import service as wallet_service

app = typer.Typer(no_args_is_help=True)


@app.command()
def pending() -> None:
    """List withdrawals waiting for the bank."""
    services = open_services()
    with services.db.read() as session:
        ids = wallet_service.pending_withdrawal_ids(session, limit=10_000)
        if not ids:
            console.print("No pending withdrawals.")
            return
        for transaction_id in ids:
            row = ledger_service.transaction(session, transaction_id)
            console.print(
                f"  withdrawal {row.id}: user {row.user_id}, {Money.from_minor(row.amount, row.asset).display()}, "
                f"since {row.created_at:%Y-%m-%d %H:%M} UTC",
                soft_wrap=True,
            )


@app.command()
def settle(
    fail_ids: list[int] = typer.Option(
        [], "--fail", help="Withdrawal id the bank refused (repeatable): its money goes back."
    ),
    only: list[int] = typer.Option([], "--only", help="Settle only these withdrawal ids (repeatable)."),
) -> None:
    """Settle pending withdrawals: COMPLETED, or FAILED (money returned) for --fail ids."""
    services = open_services()
    completed = failed = 0
    with domain_errors_exit():
        with services.db.read() as session:
            pending_ids = set(wallet_service.pending_withdrawal_ids(session, limit=1_000_000))
        unknown = sorted((set(fail_ids) | set(only)) - pending_ids)
        if unknown:
            fail(f"Not pending withdrawals: {', '.join(map(str, unknown))}.")
        chosen = sorted(set(only) | set(fail_ids)) if only else sorted(pending_ids)
        for transaction_id in chosen:
            succeeded = transaction_id not in fail_ids
            with services.db.write() as session:
                wallet_service.settle_withdrawal(
                    session=session, clock=services.clock, transaction_id=transaction_id, succeeded=succeeded
                )
            completed += succeeded
            failed += not succeeded
    console.print(f"Settled {completed} withdrawal(s) as completed and {failed} as failed (money returned).")
