"""The ``robo`` command line (typer). Every command reads ``ROBO_*`` settings; refusals are
printed as one clear line and exit non-zero."""

from __future__ import annotations

import typer

from api.cli import (
    abs,
    automation,
    bank,
    calendar,
    clock,
    credit,
    escrow,
    funds,
    jobs,
    ledger,
    lender,
    loans,
    mail,
    notifications,
    products,
    simulate,
    users,
)
from api.cli.common import console, fail, load_settings, open_services
from core.settings import Settings

app = typer.Typer(help="Robo-advisory wealth platform.", no_args_is_help=True, add_completion=False)
app.add_typer(users.app, name="users", help="Manage accounts and roles.")
app.add_typer(products.app, name="products", help="Catalogue maintenance.")
app.add_typer(bank.app, name="bank", help="The simulated bank rail.")
app.add_typer(escrow.app, name="escrow", help="Guarantee (escrow) payments.")
app.add_typer(ledger.app, name="ledger", help="Ledger checks.")
app.add_typer(funds.app, name="funds", help="Daily fund jobs.")
app.add_typer(loans.app, name="loans", help="Daily loan jobs.")
app.add_typer(credit.app, name="credit", help="Credit scorecard models and scores.")
app.add_typer(lender.app, name="lender", help="The small-loan company's funding.")
app.add_typer(abs.app, name="abs", help="ABS pools: the monthly waterfall and servicer reports.")
app.add_typer(simulate.app, name="simulate", help="Simulations (dev and test).")
app.add_typer(calendar.app, name="calendar", help="The exchange's trading calendar.")
app.add_typer(notifications.app, name="notifications", help="Notification feed and daily reminders.")
app.add_typer(clock.app, name="clock", help="The platform's settable clock (dev and test).")
app.add_typer(automation.app, name="automation", help="Scheduled plans (定投) and automatic rebalancing.")
app.add_typer(mail.app, name="mail", help="Outgoing mail (the outbox; no mail server needed).")
app.add_typer(jobs.app, name="jobs", help="Job runs: see them, re-run a failed one.")
app.command("worker")(jobs.worker)
app.command("scheduler")(jobs.scheduler)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema to the latest migration."""
    import migrations

    settings = load_settings()
    migrations.upgrade(settings.database_url)
    if settings.job_engine == "procrastinate":  # the job engine's own tables (its pinned schema)
        from jobs import service as jobs_service

        jobs_service.install_schema(settings)
    services = open_services()
    with services.db.write() as session:  # figures of products on sale from the joint scenarios
        from products.service import refresh_joint

        refresh_joint(session=session, clock=services.clock)
    console.print(f"Database is up to date ({_safe_url(settings.database_url)}).")


@app.command("seed-demo")
def seed_demo(
    if_empty: bool = typer.Option(False, "--if-empty", help="Only load when the database has no users."),
) -> None:
    """Load the demo data (refused when ROBO_ENV=production)."""
    from demo.seed import database_is_empty, demo_users_present, seed_all

    services = open_services()
    if services.settings.is_production:
        fail("Demo data is never loaded when ROBO_ENV=production.")
    with services.db.write() as session:
        if not database_is_empty(session):
            if not if_empty:
                fail("The database is not empty; demo data is only loaded into an empty database.")
            console.print("Database already has data; demo data not loaded.")
            if demo_users_present(session):
                print_demo_logins()
            return
        seed_all(session=session, clock=services.clock, settings=services.settings)
    console.print("Demo data loaded.")
    print_demo_logins()


@app.command("demo-logins")
def print_demo_logins() -> None:
    """Print the demo log-ins."""
    from demo.users import DEMO_PASSWORD, all_logins

    console.print(f"Demo log-ins (password for all: [bold]{DEMO_PASSWORD}[/bold]):")
    for login in all_logins():
        console.print(f"  {login.email:<22} {login.note}")


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to bind (default ROBO_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default ROBO_PORT, 8000)."),
    workers: int = typer.Option(1, help="uvicorn worker processes."),
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql outside production). Logs go to stderr
    (JSON lines with ROBO_LOG_FORMAT=json, the default in production); with several workers,
    /metrics adds up every worker's metrics (prometheus-client's multiprocess mode)."""
    import os
    import shutil
    import tempfile

    import uvicorn

    from api.observability import configure_logging, logging_config

    settings = load_settings()
    host = host or settings.host
    port = port or settings.port
    configure_logging(settings)
    made_dir = _metrics_dir(settings, workers, os.environ, tempfile.mkdtemp)
    console.print(
        f"Serving GraphQL on http://{host}:{port}/graphql" + ("" if settings.is_production else " (GraphiQL)")
    )
    try:
        uvicorn.run(
            "api.server:app",
            host=host,
            port=port,
            workers=workers,
            log_config=logging_config(settings),  # applied in every worker process
            log_level=settings.log_level.lower(),
            access_log=False,  # ROBO_ACCESS_LOG: one structured line per request, with its id
            server_header=False,  # no "server: uvicorn" banner
            # a WebSocket message is bounded as an HTTP body is (uvicorn's default: 16 MiB)
            ws_max_size=settings.max_body_bytes,
            # X-Forwarded-For / -Proto only from the proxies named in ROBO_TRUSTED_PROXIES
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=",".join(settings.trusted_proxies) or None,
        )
    finally:
        if made_dir is not None:
            shutil.rmtree(made_dir, ignore_errors=True)


def _metrics_dir(settings: Settings, workers: int, environ, make_dir) -> str | None:
    """Point prometheus-client's multiprocess mode at a directory before the workers start
    (they inherit the environment): ``PROMETHEUS_MULTIPROC_DIR`` as given, else
    ``ROBO_METRICS_DIR``, else, with more than one worker, a fresh temporary one (returned, to
    be removed at exit). The files of an earlier run are cleared first."""
    from pathlib import Path

    directory = environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.metrics_dir
    made = None
    if directory is None and workers > 1:
        directory = made = make_dir(prefix="robo-metrics-")
    if directory is None:
        return None
    Path(directory).mkdir(parents=True, exist_ok=True)
    for stale in Path(directory).glob("*.db"):
        stale.unlink()
    environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    return made


@app.command("export-schema")
def export_schema(
    path: str = typer.Argument("schema.graphql", help="Where to write the SDL ('-' for stdout)."),
) -> None:
    """Write the GraphQL schema (SDL) that is committed as schema.graphql."""
    from api.schema import schema_sdl

    sdl = schema_sdl()
    if path == "-":
        typer.echo(sdl, nl=False)
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(sdl)
    console.print(f"Wrote {path}.")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
