"""Shared pieces of the CLI: services from settings, a console, failing with a message."""

from __future__ import annotations

import getpass
from typing import NoReturn

import typer
from rich.console import Console
from rich.table import Table

from api.context import Services
from core.actor import Actor
from core.clock import clock_from_settings
from core.csv_import import LineError
from core.errors import DomainError
from core.settings import get_settings
from db.session import Database
from ledger.service import platform_clock

console = Console(highlight=False)
error_console = Console(stderr=True, highlight=False)


def load_settings():
    """The process settings, or a plain message and exit code 1 when they are invalid."""
    try:
        return get_settings()
    except Exception as error:  # pydantic's validation error: print it plainly
        fail(f"Invalid settings: {error}")


def open_services() -> Services:
    settings = load_settings()
    db = Database.from_settings(settings)
    clock = platform_clock(base=clock_from_settings(settings), database=db, settings=settings)
    return Services(db=db, settings=settings, clock=clock)


def fail(message: str, code: int = 1) -> NoReturn:
    error_console.print(f"[red]Error:[/red] {message}")
    raise typer.Exit(code)


def os_user() -> str:
    """The operating-system user running the command (for audit logs), or a plain note when
    the system cannot tell (``getpass.getuser`` raises without a login name or passwd entry)."""
    try:
        return getpass.getuser() or "an unknown OS user"
    except Exception:  # OSError (3.13+) or KeyError (older): no name to be found
        return "an unknown OS user"


def command_line_actor(command: str) -> Actor:
    """The actor an audit log records for a command run without ``--as``: the command and the
    OS user who ran it, e.g. "command line (robo calendar import) by root"."""
    return Actor.system(f"command line ({command}) by {os_user()}")


def domain_errors_exit():
    """Context manager: a ``DomainError`` becomes a one-line message and exit code 1."""
    from contextlib import contextmanager

    @contextmanager
    def guard():
        try:
            yield
        except DomainError as error:
            fail(error.message + (f" ({error.field})" if error.field else ""))

    return guard()


MAX_LINE_ERRORS_SHOWN = 50


def reject_lines(errors: list[LineError]) -> NoReturn:
    """Print an import's line errors (the first ``MAX_LINE_ERRORS_SHOWN``) and exit non-zero."""
    table = Table(title="Errors (nothing was loaded)")
    for column in ("line", "column", "error"):
        table.add_column(column)
    for error in errors[:MAX_LINE_ERRORS_SHOWN]:
        table.add_row(str(error.line), error.column, error.message)
    error_console.print(table)
    if len(errors) > MAX_LINE_ERRORS_SHOWN:
        error_console.print(f"... and {len(errors) - MAX_LINE_ERRORS_SHOWN} more.")
    fail(f"{len(errors)} line(s) have errors; the file was rejected and nothing was loaded.")
