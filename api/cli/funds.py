"""``robo funds``: commands of this group (added by the domain that owns them)."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True)
