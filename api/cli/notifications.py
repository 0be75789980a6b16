"""``robo notifications``: the notification jobs (the server also runs both periodically).

    robo notifications remind [--date D]   create the reminders due by D (default today)
    robo notifications feed                copy new ledger events into users' notifications

Both are idempotent: a reminder or an event's notification is created once however often,
late or concurrently they run.
"""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, open_services
from api.cli.funds import parse_day
from notifications import service as notifications_service

app = typer.Typer(no_args_is_help=True)


@app.command("remind")
def remind(
    date_text: str = typer.Option(None, "--date", help="The day D, YYYY-MM-DD (default: today)."),
) -> None:
    """Create the reminders due by D: held payments releasing the next day, risk assessments
    expiring within 30 days, plans drifted beyond their band."""
    services = open_services()
    day = parse_day(date_text, services.clock.today())
    with domain_errors_exit(), services.db.write() as session:
        run = notifications_service.send_reminders(session=session, clock=services.clock, day=day)
    console.print(
        f"Reminders for {day.isoformat()}: {run.escrow} held payment(s), {run.risk} risk assessment(s), "
        f"{run.drift} drifted plan(s) (new ones only)."
    )


@app.command("feed")
def feed() -> None:
    """Copy new ledger events into users' notifications."""
    services = open_services()
    created = notifications_service.run_feed(services.db, services.clock)
    console.print(f"{created} new notification(s).")
