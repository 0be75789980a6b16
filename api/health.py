"""What load balancers and Prometheus ask: ``/healthz``, ``/readyz`` and ``/metrics``.

- ``GET /healthz``: the process is alive and answering (no database: a balancer that restarts
  processes must not restart every one of them because the database is down).
- ``GET /readyz``: ready for traffic: the database (the primary, and the replica when one is
  configured) answers and its schema is at the migrations' head. 503 with the reason otherwise.
  The trading calendar running out is *not* a readiness failure (orders wait with
  ``CALENDAR_NOT_PUBLISHED``, everything else works): it is an alert on
  ``robo_trading_calendar_days_left`` in ``/metrics``.
- ``GET /metrics``: Prometheus's text format: the process's metrics (``api.observability``; every
  worker's, added up, in multiprocess mode) and the database's state, read at scrape time:
  outbox lag (events not yet copied into notifications, and the oldest one's age), the last
  ledger check's result and age, the trading calendar's days left, the connection pool.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from api.context import Services
from api.observability import record_pool
from db.session import Database
from ledger import service as ledger_service
from notifications import service as notifications_service
from tradingcalendar import service as trading_calendar

log = logging.getLogger("api.health")


def migration_state(database: Database) -> tuple[set[str], set[str]]:
    """(the revisions the database is at, the migrations' heads)."""
    import migrations

    with database.engine.connect() as connection:
        current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return current, set(migrations.current_heads())


def readiness(services: Services) -> tuple[bool, dict[str, Any]]:
    """Whether this process should get traffic, and what was checked."""
    report: dict[str, Any] = {}
    database = services.db
    try:
        current, heads = migration_state(database)
    except Exception as error:
        log.warning("readiness: the database is unreachable: %s", error)
        return False, {"status": "unavailable", "database": "unreachable"}
    report["database"] = "reachable"
    if current != heads:
        report.update(status="unavailable", migrations="behind", at=sorted(current), head=sorted(heads))
        return False, report
    report["migrations"] = "current"
    if database.replica_engine is not None:
        try:
            with database.replica_engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:
            log.warning("readiness: the read replica is unreachable: %s", error)
            report.update(status="unavailable", replica="unreachable")
            return False, report
        report["replica"] = "reachable"
    report["status"] = "ok"
    return True, report


class DatabaseStateCollector:
    """Gauges read from the database at scrape time (a few index probes)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def describe(self) -> list[Any]:
        return []  # nothing to check at registration: collect() reads the database

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        services = self.services
        up = GaugeMetricFamily("robo_database_up", "Whether the scrape could read the database (1) or not (0).")
        try:
            families = list(self._read(GaugeMetricFamily))
        except Exception as error:
            log.warning("metrics: the database could not be read: %s", error)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families
        record_pool(services.db)

    def _read(self, gauge: Any) -> Iterator[Any]:
        services = self.services
        now = services.clock.now()
        with services.db.read() as session:
            lag = notifications_service.feed_lag(session)
            check = ledger_service.latest_check(session)
            calendar = trading_calendar.status(session=session, clock=services.clock)
        events = gauge("robo_outbox_lag_events", "Ledger outbox events not yet copied into notifications.")
        events.add_metric([], lag.events)
        yield events
        age = gauge("robo_outbox_lag_seconds", "Age of the oldest outbox event not yet copied (0: none waiting).")
        age.add_metric([], 0.0 if lag.oldest_at is None else max(0.0, (now - lag.oldest_at).total_seconds()))
        yield age
        latest = gauge("robo_outbox_latest_event_id", "The newest ledger outbox event's id.")
        latest.add_metric([], lag.latest_id)
        yield latest
        if check is not None:
            ok = gauge(
                "robo_ledger_check_ok", "Whether the last ledger check found every invariant held (1) or not (0)."
            )
            ok.add_metric([], 1 if check.ok else 0)
            yield ok
            problems = gauge("robo_ledger_check_problems", "Problems the last ledger check reported.")
            problems.add_metric([], len(check.problems))
            yield problems
            checked = gauge("robo_ledger_check_age_seconds", "Time since the last ledger check read the ledger.")
            checked.add_metric([], max(0.0, (now - check.ran_at).total_seconds()))
            yield checked
        days = gauge(
            "robo_trading_calendar_days_left",
            "Days after today the trading calendar knows (alert below robo_trading_calendar_min_days: import the exchange's notice).",
        )
        days.add_metric([], calendar.days_left)
        yield days
        least = gauge("robo_trading_calendar_min_days", "Fewer days known than this: robo calendar status fails.")
        least.add_metric([], trading_calendar.MIN_DAYS_KNOWN)
        yield least


def metrics_text(services: Services, collector: DatabaseStateCollector) -> bytes:
    """The exposition: this process's (or every worker's) metrics, then the database's state."""
    from prometheus_client import REGISTRY, CollectorRegistry, generate_latest

    record_pool(services.db)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        process = generate_latest(registry)
    else:
        process = generate_latest(REGISTRY)
    database = CollectorRegistry(auto_describe=False)
    database.register(collector)  # type: ignore[arg-type]
    return process + generate_latest(database)


def add_routes(app: FastAPI, services: Services) -> None:
    """``/healthz``, ``/readyz`` and (unless ``ROBO_METRICS_ENABLED=false``) ``/metrics``."""

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @app.get("/readyz", include_in_schema=False)
    def readyz() -> JSONResponse:
        ready, report = readiness(services)
        return JSONResponse(report, status_code=200 if ready else 503)

    if services.settings.metrics_enabled:
        from prometheus_client import CONTENT_TYPE_LATEST

        collector = DatabaseStateCollector(services)

        @app.get("/metrics", include_in_schema=False)
        def metrics() -> Response:
            return Response(metrics_text(services, collector), media_type=CONTENT_TYPE_LATEST)
