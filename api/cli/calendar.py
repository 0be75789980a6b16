"""``robo calendar``: the platform's trading calendar.

    robo calendar status                    the last known day, days left, closures of the next 60 days;
                                            exit 1 when fewer than 45 days are known (for alerting)
    robo calendar import FILE.csv [--as E]  add the exchange's holiday notice: header ``date,name``, one
                                            weekday closure a line; all lines or none; audited

The yearly operator task: when the exchange publishes the next year's holidays (usually in
December), write them as ``date,name`` lines and import them. Until then orders whose dates
of record fall in the unknown year are refused with CALENDAR_NOT_PUBLISHED.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from api.cli.common import command_line_actor, console, domain_errors_exit, fail, open_services, reject_lines
from core.actor import Actor
from tradingcalendar import service

app = typer.Typer(no_args_is_help=True)


@app.command()
def status() -> None:
    """How far the calendar reaches; exit 1 when fewer than 45 days are known."""
    services = open_services()
    with domain_errors_exit(), services.db.read() as session:
        current = service.status(session=session, clock=services.clock)
    console.print(
        f"Known through {current.known_through.isoformat()}: {current.days_left} day(s) after "
        f"{current.today.isoformat()}."
    )
    if current.upcoming:
        table = Table(title=f"Closures in the next {service.LOOKAHEAD_DAYS} days")
        table.add_column("date")
        table.add_column("name")
        for closure in current.upcoming:
            table.add_row(closure.day.strftime("%Y-%m-%d %a"), closure.name)
        console.print(table)
    else:
        console.print(f"No weekday closures known in the next {service.LOOKAHEAD_DAYS} days.")
    if not current.enough:
        fail(
            f"Fewer than {service.MIN_DAYS_KNOWN} days are known: import the exchange's holiday notice for "
            f"{current.known_through.year + 1} with `robo calendar import FILE.csv`."
        )


def _actor(session, email: str | None) -> Actor:
    from users.roles import Role
    from users.service import find_by_email

    if email is None:
        return command_line_actor("robo calendar import")
    user = find_by_email(session=session, email=email)
    if user is None or Role.OPERATOR not in user.roles:
        fail(f"{email} is not an operator.")
    return Actor.user(user.id, user.email)


@app.command("import")
def import_closures(
    file: Path = typer.Argument(..., help="CSV with the header date,name: one weekday closure a line."),
    as_user: str = typer.Option(None, "--as", help="Email of the operator the audit log names."),
) -> None:
    """Add the exchange's closures (all lines or none)."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        fail(f"Cannot read {file}: {error.strerror or error}.")
    except UnicodeDecodeError as error:
        fail(f"{file} is not UTF-8 text: {error}.")
    services = open_services()
    with domain_errors_exit():
        try:
            rows = service.parse_csv(text)
            with services.db.write() as session:
                summary = service.import_closures(
                    session=session,
                    clock=services.clock,
                    actor=_actor(session, as_user),
                    rows=rows,
                    source=str(file),
                )
        except service.ImportRejected as rejected:  # rolled back: nothing loaded
            reject_lines(rejected.line_errors)
    console.print(
        f"Imported {summary.loaded} closure(s) from {file}; the calendar is known through "
        f"{summary.known_through_after.isoformat()} (was {summary.known_through_before.isoformat()})."
    )
