"""``robo products``: catalogue maintenance from the command line.

``robo products import-history FILE.csv [--as EMAIL]`` loads NAV or income history in bulk.
The file is UTF-8 CSV with a header line and one point per line:

    product_code,date,nav               equity funds: the NAV of a trading day
    product_code,date,income_per_10k    money funds: the income per 10,000 units of a day
    product_code,date,value             either: the value follows the product's kind

Dates are ``YYYY-MM-DD`` (not after today), values plain decimals with at most 4 places
(a NAV above 0; an income may be negative). A point already stored with the same value is
skipped. Any bad line (bad date or number, NAV <= 0, a date in the future, an unknown or
closed product, the wrong kind, a day given twice with different values or differing from
the stored value) rejects the whole file: every error is listed and nothing is loaded.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from api.cli.common import command_line_actor, console, domain_errors_exit, fail, open_services, reject_lines
from products import service as products_service
from products.service import Actor

app = typer.Typer(no_args_is_help=True)


def read_rows(path: Path) -> list[products_service.HistoryRow]:
    """The file's data lines (``products.history.parse_csv``, as the API's
    ``importProductHistory`` reads an uploaded file); a bad header, malformed lines or text
    that is not UTF-8 are reported as line errors, like the rest."""
    try:
        content = path.read_bytes()
    except OSError as error:
        fail(f"Cannot read {path}: {error.strerror or error}.")
    try:
        return products_service.parse_csv(products_service.decode_file(content))
    except products_service.ImportRejected as rejected:
        reject_lines(rejected.line_errors)


def _actor(session, email: str | None) -> Actor:
    from users.roles import Role
    from users.service import find_by_email

    if email is None:
        return command_line_actor("robo products import-history")
    user = find_by_email(session=session, email=email)
    if user is None or Role.PRODUCT_MANAGER not in user.roles:
        fail(f"{email} is not a product manager.")
    return Actor.user(user.id, user.email)


@app.command("import-history")
def import_history(
    file: Path = typer.Argument(..., help="CSV: product_code,date,nav | income_per_10k | value"),
    as_user: str = typer.Option(None, "--as", help="Email of the product manager the audit log names."),
) -> None:
    """Load NAV / income history in bulk: all lines or none."""
    rows = read_rows(file)
    services = open_services()
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=False
    )
    tasks: dict[str, int] = {}

    def report(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = progress.add_task("Checking" if phase == "check" else "Loading ", total=total)
        progress.update(tasks[phase], completed=done)

    with domain_errors_exit():
        try:
            with progress, services.db.write() as session:
                actor = _actor(session, as_user)
                summary = products_service.import_history(
                    session=session, clock=services.clock, actor=actor, rows=rows, progress=report
                )
        except products_service.ImportRejected as rejected:  # rolled back: nothing loaded
            reject_lines(rejected.line_errors)
    table = Table()
    for column in ("product", "kind", "loaded", "already stored", "from", "to"):
        table.add_column(column)
    for item in summary.products:
        table.add_row(
            item.code,
            item.kind.value,
            str(item.loaded),
            str(item.unchanged),
            str(item.first or ""),
            str(item.last or ""),
        )
    console.print(table)
    console.print(f"Loaded {summary.loaded} point(s); {summary.unchanged} already stored. From {file}.")
