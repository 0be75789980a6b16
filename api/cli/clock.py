"""``robo clock show | set ISO-DATETIME | reset``: the platform's settable clock of dev and
test (``ledger.clock``), shared by every server process and worker through the database;
refused when ``ROBO_ENV=production``."""

from __future__ import annotations

from datetime import datetime

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from ledger import service as platform

app = typer.Typer(no_args_is_help=True)


def _shown(instant: datetime, services) -> str:
    return instant.astimezone(services.clock.zone).isoformat(timespec="seconds")


@app.command()
def show() -> None:
    """Print the platform's time and whether it was set."""
    services = open_services()
    with services.db.read() as session:
        state = platform.clock_state(session=session, clock=services.clock)
    console.print(f"Platform time: {_shown(state.now, services)}")
    if state.setting is None:
        source = "ROBO_CLOCK" if services.settings.clock is not None else "the real time"
        console.print(f"Not set: the configured clock runs ({source}).")
    else:
        console.print(
            f"Set to {_shown(state.setting.set_to, services)} at real time {_shown(state.setting.set_at, services)} "
            f"by {state.setting.set_by}; it runs on from there."
        )


@app.command("set")
def set_(at: str = typer.Argument(..., help="An ISO date-time with its zone, e.g. 2027-01-04T09:00:00+08:00.")) -> None:
    """Move the platform's clock (dev and test only); every process sees it within a second."""
    try:
        instant = datetime.fromisoformat(at)
    except ValueError:
        fail(f"Not an ISO date-time: {at!r} (e.g. 2027-01-04T09:00:00+08:00).")
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        platform.set_clock(session=session, clock=services.clock, settings=services.settings, at=instant, set_by="cli")
    console.print(f"Platform time set to {_shown(instant, services)}; it runs on from there.")


@app.command()
def reset() -> None:
    """Forget the setting: the configured clock (ROBO_CLOCK or the real time) runs again."""
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        now = platform.reset_clock(session=session, clock=services.clock, settings=services.settings)
    console.print(f"Platform clock reset; it reads {_shown(now, services)}.")
