"""``robo worker``, ``robo scheduler`` and ``robo jobs``: the job engine (procrastinate on
PostgreSQL, ``ROBO_JOB_ENGINE=procrastinate``) and the operators' view of job runs.

    robo worker --concurrency N        run tasks (any number of workers, on any machines)
    robo scheduler [--once]            enqueue the scheduled jobs at their times (ROBO_TIMEZONE)
    robo jobs runs [--date D]          the runs of business day D (default today)
    robo jobs rerun ID                 run a failed run again
"""

from __future__ import annotations

import asyncio
import logging
import time
from decimal import Decimal

import typer
from rich.table import Table

from api.cli.common import console, domain_errors_exit, fail, open_services
from api.cli.funds import parse_day
from api.observability import configure_logging

app = typer.Typer(no_args_is_help=True)


def _engine_services():
    services = open_services()
    if services.settings.job_engine != "procrastinate":
        fail("The job engine is not configured: set ROBO_JOB_ENGINE=procrastinate (PostgreSQL).")
    from jobs import service as engine

    engine.install_schema(services.settings)
    engine.configure(database=services.db, clock=services.clock, settings=services.settings)
    return services, engine


def worker(
    concurrency: int = typer.Option(1, "--concurrency", "-c", min=1, max=64, help="Tasks run at once."),
    name: str | None = typer.Option(None, "--name", help="The worker's name in procrastinate's tables."),
) -> None:
    """Run the job engine's tasks until stopped (SIGTERM/SIGINT finish the tasks under way)."""
    services, engine = _engine_services()
    configure_logging(services.settings)  # ROBO_LOG_FORMAT, as the servers log
    app = engine.make_app(services.settings)
    console.print(f"Worker: {concurrency} task(s) at once on queue {engine.QUEUE!r}.")
    asyncio.run(engine.run_worker(app, settings=services.settings, concurrency=concurrency, name=name))


def scheduler(once: bool = typer.Option(False, "--once", help="Enqueue what is due now, then stop.")) -> None:
    """Enqueue the scheduled jobs at their times in ROBO_TIMEZONE (and put the tasks of dead
    workers back in the queue)."""
    services, engine = _engine_services()
    configure_logging(services.settings)
    memory = engine.Memory()
    app = engine.make_app(services.settings)
    settings = services.settings

    pruned = [time.monotonic()]

    async def loop() -> None:
        async with app.open_async():
            while True:
                enqueued = await asyncio.to_thread(
                    engine.tick, database=services.db, clock=services.clock, settings=settings, memory=memory
                )
                for job, day in enqueued:
                    logging.getLogger("robo.scheduler").info("enqueued %s %s", job, day.isoformat())
                try:
                    await engine.rescue_stalled(app, stalled_seconds=settings.worker_stalled_seconds)
                except Exception:
                    logging.getLogger("robo.scheduler").exception("looking for stalled jobs failed")
                if time.monotonic() - pruned[0] > 3600:
                    pruned[0] = time.monotonic()
                    await engine.prune_finished(app)
                if once:
                    return
                await asyncio.sleep(settings.scheduler_tick_seconds)

    started = time.monotonic()
    asyncio.run(loop())
    if once:
        console.print(f"Enqueued what was due ({time.monotonic() - started:.1f} s).")


@app.command("runs")
def runs_command(
    date: str | None = typer.Option(None, "--date", help="Business day YYYY-MM-DD (default today)."),
) -> None:
    """The job runs of a business day: state, tasks done/total, duration, errors."""
    from jobs import service as jobs_service

    services = open_services()
    day = parse_day(date, services.clock.today())
    with services.db.read() as session:
        views = jobs_service.runs_on(session=session, day=day)
    if not views:
        console.print(f"No job runs for {day.isoformat()}.")
        return
    table = Table(title=f"Job runs of {day.isoformat()}")
    for column in (
        "id",
        "job",
        "scope",
        "state",
        "tasks",
        "attempts",
        "seconds",
        "items",
        "amount",
        "message / errors",
    ):
        table.add_column(column)
    for view in views:
        seconds = view.duration_seconds
        table.add_row(
            str(view.id),
            view.job,
            view.scope or "-",
            str(view.state),
            f"{view.tasks_done}/{view.tasks_total}",
            str(view.attempts),
            "" if seconds is None else f"{seconds:.1f}",
            "" if view.items is None else str(view.items),
            "" if view.amount is None else str(Decimal(view.amount).scaleb(-2)),
            "; ".join(view.errors) or view.message,
        )
    console.print(table)


@app.command("rerun")
def rerun_command(run_id: int = typer.Argument(..., help="The run's id (robo jobs runs).")) -> None:
    """Run a failed run again (its failed tasks back in the queue, or now in this process)."""
    from jobs import service as jobs_service

    services = open_services()
    with domain_errors_exit():
        view = jobs_service.rerun(database=services.db, clock=services.clock, settings=services.settings, run_id=run_id)
    console.print(f"Run {view.id} ({view.job} {view.day.isoformat()} {view.scope or ''}): {view.state}.")
