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

import csv
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from api.cli.common import console, domain_errors_exit, error_console, fail, open_services
from products import service as products_service
from products.kinds import ProductKind
from products.service import Actor

app = typer.Typer(no_args_is_help=True)

VALUE_COLUMNS = {"nav": ProductKind.EQUITY_FUND, "income_per_10k": ProductKind.MONEY_FUND, "value": None}
MAX_ERRORS_SHOWN = 50


def read_rows(path: Path) -> tuple[list[products_service.HistoryRow], list[products_service.LineError]]:
    """Parse the CSV into rows (line numbers as in the file) and the lines that do not have
    three columns; fails on an unreadable file or a bad header."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        fail(f"Cannot read {path}: {error.strerror or error}.")
    with handle:
        reader = csv.reader(handle)
        try:
            header = [cell.strip().lower() for cell in next(reader)]
        except StopIteration:
            fail(f"{path} is empty.")
        except (UnicodeDecodeError, csv.Error) as error:
            fail(f"{path} is not a UTF-8 CSV file: {error}.")
        if len(header) != 3 or header[:2] != ["product_code", "date"] or header[2] not in VALUE_COLUMNS:
            fail(
                "The header must be product_code,date,nav or product_code,date,income_per_10k or product_code,date,value."
            )
        expects = VALUE_COLUMNS[header[2]]
        rows: list[products_service.HistoryRow] = []
        malformed: list[products_service.LineError] = []
        try:
            for cells in reader:
                line = reader.line_num
                if not cells or all(not cell.strip() for cell in cells):
                    continue
                if len(cells) != 3:
                    malformed.append(
                        products_service.LineError(line, "line", f"Expected 3 columns, found {len(cells)}.")
                    )
                    continue
                rows.append(products_service.HistoryRow(line, cells[0], cells[1], cells[2], expects))
        except (UnicodeDecodeError, csv.Error) as error:
            fail(f"{path} is not a UTF-8 CSV file: {error}.")
    return rows, malformed


def reject(errors: list[products_service.LineError]) -> None:
    """Print the line errors (the first ``MAX_ERRORS_SHOWN``) and exit non-zero."""
    table = Table(title="Errors (nothing was loaded)")
    for column in ("line", "column", "error"):
        table.add_column(column)
    for error in errors[:MAX_ERRORS_SHOWN]:
        table.add_row(str(error.line), error.column, error.message)
    error_console.print(table)
    if len(errors) > MAX_ERRORS_SHOWN:
        error_console.print(f"... and {len(errors) - MAX_ERRORS_SHOWN} more.")
    fail(f"{len(errors)} line(s) have errors; the file was rejected and nothing was loaded.")


def _actor(session, email: str | None) -> Actor:
    from users.roles import Role
    from users.service import find_by_email

    if email is None:
        return Actor.system("command line (robo products import-history)")
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
    rows, malformed = read_rows(file)
    if malformed:
        reject(malformed)
    if not rows:
        fail(f"{file} has no data lines.")
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
            reject(rejected.line_errors)
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
