"""``robo mail outbox``: the mails the platform has written (password-reset and verification
links), newest first; no mail server is needed. ``--mark-sent`` marks the ones shown as sent."""

from __future__ import annotations

import typer

from api.cli.common import console, open_services
from users import service

app = typer.Typer(no_args_is_help=True)


@app.command()
def outbox(
    to: str = typer.Option(None, "--to", help="Only mails to this address."),
    unsent: bool = typer.Option(False, "--unsent", help="Only mails not marked sent yet."),
    mark_sent: bool = typer.Option(False, "--mark-sent", help="Mark the mails shown as sent."),
    limit: int = typer.Option(20, help="At most this many (newest first)."),
) -> None:
    """Print outgoing mails (recipient, subject, body with its link)."""
    services = open_services()
    with services.db.write() as session:
        mails = service.mail_outbox(session, to=to, unsent_only=unsent, limit=limit)
        marked = (
            service.mark_mail_sent(session, [each.id for each in mails], now=services.clock.now()) if mark_sent else 0
        )
    if not mails:
        console.print("No mails.")
        return
    zone = services.clock.zone
    for each in mails:
        state = "sent " + each.sent_at.astimezone(zone).isoformat(timespec="seconds") if each.sent_at else "not sent"
        console.print(f"[bold]#{each.id}[/bold] to {each.to_address} ({each.kind}, {each.locale}, {state})")
        console.print(f"Date: {each.created_at.astimezone(zone).isoformat(timespec='seconds')}")
        console.print(f"Subject: {each.subject}")
        console.print(each.body, soft_wrap=True)
        console.print()
    if mark_sent:
        console.print(f"Marked {marked} mail(s) sent.")
