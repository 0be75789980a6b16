"""Operations: request ids, structured logs, Prometheus metrics and OpenTelemetry tracing.

- **Request ids.** ``RequestScope`` (a context variable) holds each request's id: the client's
  ``X-Request-ID`` when it is a plain token of at most 128 characters, else a fresh one; every
  response returns it in ``X-Request-ID``. Worker threads see it (the thread pool copies the
  context), and so does every log line (``RequestIdFilter``). A periodic job's run gets its own
  id (``job_scope``) and a job started by a request (``runDailyJob``) logs under that request's.
- **Logs.** python-json-logger rather than structlog: the code logs through the standard
  ``logging`` module everywhere (and so do uvicorn, SQLAlchemy and alembic), and python-json-logger
  is a ``logging.Formatter``, so every one of those lines becomes one JSON object with the request
  id without touching a call site; structlog would need its own logger API or a bridge in front of
  the same formatter. ``logging_config`` is the ``dictConfig`` that ``robo serve`` hands to
  uvicorn, so each worker process logs the same way.
- **Metrics** (prometheus-client): request latency per GraphQL operation, errors by code (top-level
  errors and ``userErrors``), periodic jobs' durations, runs and items, the connection pool. The
  database's own state (outbox lag, the ledger check, the trading calendar) is read at scrape time
  (``api.health``). With several uvicorn workers, prometheus-client's multiprocess mode
  (``PROMETHEUS_MULTIPROC_DIR``, set by ``robo serve``) adds up every worker's files.
- **Tracing** stays off, with nothing of the OpenTelemetry SDK imported, unless an OTLP endpoint
  is configured (``ROBO_OTEL_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT``).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from starlette.datastructures import MutableHeaders
from strawberry.extensions import SchemaExtension

from core.settings import Settings
from db import routing
from db.routing import MARK_COOKIE, MARK_HEADER, ReadYourWrites
from db.session import Database

log = logging.getLogger("api.access")

# --- the request's scope ---------------------------------------------------------------------

REQUEST_ID_HEADER = "x-request-id"
_GOOD_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")


@dataclass
class RequestScope:
    """What one request (or one job run) carries through the event loop and worker threads."""

    request_id: str
    operation: str | None = None  # the GraphQL operation's name, for the latency metric
    wrote: bool = False  # a write transaction committed (read-your-writes: answer with a mark)
    read_primary: bool = False  # the client carries a read-your-writes mark that holds
    extra: dict[str, Any] = field(default_factory=dict)


_SCOPE: ContextVar[RequestScope | None] = ContextVar("robo_request_scope", default=None)


def current_scope() -> RequestScope | None:
    return _SCOPE.get()


def current_request_id() -> str | None:
    scope = _SCOPE.get()
    return None if scope is None else scope.request_id


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(value: str | None) -> str:
    """The client's request id when it is a plain token (letters, digits, ``._:/+=-``; at most
    128 characters: it goes into logs and headers), else a fresh one."""
    if value and _GOOD_REQUEST_ID.fullmatch(value):
        return value
    return new_request_id()


@contextmanager
def job_scope(name: str) -> Iterator[RequestScope]:
    """Run a job under a request id of its own (``job-<name>-<hex>``), unless it runs inside a
    request or another job already (then their id stays, so the job's logs name who began it)."""
    outer = _SCOPE.get()
    if outer is not None:
        yield outer
        return
    scope = RequestScope(request_id=f"job-{name}-{uuid.uuid4().hex[:12]}")
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


def note_write() -> None:
    """The current request committed a write (its later reads, and the client's next ones for a
    few seconds, go to the primary); nothing outside a request."""
    scope = _SCOPE.get()
    if scope is not None:
        scope.wrote = True


routing.on_write_commit(note_write)  # every committed write transaction, whichever Database wrote


def reads_primary() -> bool:
    """Whether the current request must read the primary: it wrote, or it carries a mark."""
    scope = _SCOPE.get()
    return scope is not None and (scope.wrote or scope.read_primary)


# --- logs ------------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (``-`` outside any request or job) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id() or "-"
        return True


JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def logging_config(settings: Settings) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the process (and uvicorn's ``log_config``): every
    logger, uvicorn's too, through one handler on stderr, JSON lines or text."""
    if settings.json_logs:
        formatter: dict[str, Any] = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    level = settings.log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "api.observability.RequestIdFilter"}},
        "formatters": {"robo": formatter},
        "handlers": {
            "robo": {
                "class": "logging.StreamHandler",
                "formatter": "robo",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            name: {"handlers": [], "propagate": True, "level": level}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
        "root": {"handlers": ["robo"], "level": level},
    }


def configure_logging(settings: Settings) -> None:
    """Configure this process's logging (``robo serve`` does it in each worker through uvicorn;
    other long-running commands call this)."""
    import logging.config

    logging.config.dictConfig(logging_config(settings))


# --- metrics ---------------------------------------------------------------------------------

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
JOB_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)

REQUEST_SECONDS = Histogram(
    "robo_request_duration_seconds",
    "HTTP request latency by GraphQL operation name (else the route), from the first byte in to the last out.",
    ["operation"],
    buckets=LATENCY_BUCKETS,
)
REQUESTS = Counter("robo_requests", "HTTP requests by operation and status code.", ["operation", "status"])
GRAPHQL_ERRORS = Counter(
    "robo_graphql_errors",
    "GraphQL errors by code: kind=user_error for userErrors entries, kind=error for top-level errors.",
    ["kind", "code"],
)
JOB_SECONDS = Histogram("robo_job_duration_seconds", "Periodic job run time.", ["job"], buckets=JOB_BUCKETS)
JOB_RUNS = Counter("robo_job_runs", "Periodic job runs by outcome (ok, failed).", ["job", "outcome"])
JOB_TASKS = Counter(
    "robo_job_tasks", "Items a periodic job handled (payments released, notifications made...).", ["job"]
)
JOB_LAST_SUCCESS = Gauge(
    "robo_job_last_success_timestamp_seconds",
    "When a periodic job last finished without error (Unix time).",
    ["job"],
    multiprocess_mode="max",
)
POOL_CONNECTIONS = Gauge(
    "robo_db_pool_connections",
    "Database connections of the processes' pools by state (checked_out, idle) and database (primary, replica).",
    ["database", "state"],
    multiprocess_mode="livesum",
)
POOL_CAPACITY = Gauge(
    "robo_db_pool_capacity",
    "The most connections the processes' pools may hold (pool size plus overflow).",
    ["database"],
    multiprocess_mode="livesum",
)

MAX_OPERATION_NAMES = 500  # distinct operation labels per process; further names count as "other"
_OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_operation_names: set[str] = set()
_operation_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    """A bounded label for an operation name (clients choose names: a well-formed one is kept,
    up to ``MAX_OPERATION_NAMES`` of them per process)."""
    if not name:
        return "anonymous"
    if not _OPERATION_NAME.fullmatch(name):
        return "other"
    if name in _operation_names:
        return name
    with _operation_lock:
        if len(_operation_names) >= MAX_OPERATION_NAMES:
            return "other"
        _operation_names.add(name)
    return name


def count_user_errors(codes: list[str]) -> None:
    for code in codes:
        GRAPHQL_ERRORS.labels("user_error", code).inc()


def count_error(code: str) -> None:
    GRAPHQL_ERRORS.labels("error", code).inc()


def record_pool(database: Database) -> None:
    """This process's pool use into the pool gauges (at scrape time and every few seconds)."""
    for name, engine in (("primary", database.engine), ("replica", database.replica_engine)):
        if engine is None:
            continue
        pool: Any = engine.pool
        if not hasattr(pool, "checkedout"):
            continue
        out, idle = pool.checkedout(), pool.checkedin()
        POOL_CONNECTIONS.labels(name, "checked_out").set(out)
        POOL_CONNECTIONS.labels(name, "idle").set(idle)
        size = pool.size() if hasattr(pool, "size") else 0
        POOL_CAPACITY.labels(name).set(size + max(0, getattr(pool, "_max_overflow", 0)))


@dataclass
class JobRun:
    tasks: int = 0


@contextmanager
def observe_job(name: str) -> Iterator[JobRun]:
    """Time one run of job ``name`` under a request id of its own (``job_scope``), counting its
    outcome and the items it handled (set ``run.tasks``); a span when tracing is on."""
    run = JobRun()
    with job_scope(name), _span(f"job {name}"):
        started = time.perf_counter()
        try:
            yield run
        except BaseException:
            JOB_RUNS.labels(name, "failed").inc()
            raise
        finally:
            JOB_SECONDS.labels(name).observe(time.perf_counter() - started)
        JOB_RUNS.labels(name, "ok").inc()
        JOB_TASKS.labels(name).inc(max(0, run.tasks))
        JOB_LAST_SUCCESS.labels(name).set(time.time())


def mark_process_dead() -> None:
    """In multiprocess mode, drop this process's live gauges (a worker that exits)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid())


# --- the GraphQL operation name --------------------------------------------------------------


class OperationName(SchemaExtension):
    """Names the request's operation for the latency metric (and the trace's span) once the
    document is known: the operation the request runs, ``anonymous`` without a name, ``invalid``
    when the document did not parse or validate."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        name = context.operation_name
        if name is None and context.graphql_document is not None:
            operations = [
                node
                for node in context.graphql_document.definitions
                if node.kind == "operation_definition"  # type: ignore[attr-defined]
            ]
            if len(operations) == 1 and operations[0].name is not None:  # type: ignore[attr-defined]
                name = operations[0].name.value  # type: ignore[attr-defined]
        _name_operation(operation_label(name))
        yield

    def on_operation(self) -> Iterator[None]:
        yield
        scope = _SCOPE.get()
        if scope is not None and scope.operation is None:  # never executed: parse or validation failed
            scope.operation = "invalid"


def _name_operation(label: str) -> None:
    scope = _SCOPE.get()
    if scope is None:
        return
    scope.operation = label if scope.operation in (None, label) else "batch"
    if _tracer_provider is not None:
        from opentelemetry import trace

        trace.get_current_span().set_attribute("graphql.operation.name", label)


# --- the middleware --------------------------------------------------------------------------


class Observability:
    """Outermost ASGI middleware: the request id (read or made, and returned), the request's
    latency and count by operation, the read-your-writes mark (answered after a write, read on
    the way in), and an access log line per request when ``ROBO_ACCESS_LOG`` is on."""

    def __init__(self, app: Any, *, access_log: bool = False, read_your_writes: ReadYourWrites | None = None) -> None:
        self.app = app
        self.access_log = access_log
        self.read_your_writes = read_your_writes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id, mark = None, None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == MARK_HEADER.encode() and self.read_your_writes is not None:
                mark = value.decode("latin-1")
            elif name == b"cookie" and mark is None and self.read_your_writes is not None:
                mark = _cookie(value.decode("latin-1"), MARK_COOKIE)
        state = RequestScope(request_id=accepted_request_id(request_id))
        state.read_primary = self.read_your_writes is not None and self.read_your_writes.holds(mark)
        token = _SCOPE.set(state)
        if kind == "websocket":
            try:
                await self.app(scope, receive, send)
            finally:
                _SCOPE.reset(token)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["x-request-id"] = state.request_id
                if state.wrote and self.read_your_writes is not None:
                    issued = self.read_your_writes.issue()
                    seconds = max(1, int(self.read_your_writes.seconds + 0.999))
                    headers.append(
                        "set-cookie", f"{MARK_COOKIE}={issued}; Max-Age={seconds}; Path=/; HttpOnly; SameSite=Lax"
                    )
                    headers[MARK_HEADER] = issued
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            elapsed = time.perf_counter() - started
            operation = state.operation or _route_label(scope)
            REQUEST_SECONDS.labels(operation).observe(elapsed)
            REQUESTS.labels(operation, str(status)).inc()
            if self.access_log:
                log.info(
                    "%s %s %s",
                    scope.get("method"),
                    scope.get("path"),
                    status,
                    extra={"operation": operation, "status": status, "duration_ms": round(elapsed * 1000, 2)},
                )
            _SCOPE.reset(token)


def _route_label(scope: dict[str, Any]) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


# --- tracing ---------------------------------------------------------------------------------

_tracer_provider: Any = None  # set once tracing is configured


def tracing_endpoint(settings: Settings) -> str | None:
    """Where spans go, or None (tracing off): ``ROBO_OTEL_ENDPOINT``, else OpenTelemetry's own
    variables; ``OTEL_SDK_DISABLED=true`` turns it off whatever is set."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    return (
        settings.otel_endpoint
        or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or None
    )


def configure_tracing(settings: Settings, database: Database, *, exporter: Any = None) -> Any:
    """Turn tracing on for this process when an endpoint is configured (or ``exporter`` is given,
    as tests do): a tracer provider exporting in batches over OTLP/HTTP and spans for the
    database's statements. The caller adds ``tracing_middleware``. Returns the provider, or
    None when tracing stays off (then no OpenTelemetry SDK module is imported)."""
    global _tracer_provider
    endpoint = tracing_endpoint(settings)
    if exporter is None and endpoint is None:
        return None
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": settings.otel_service_name}))
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        if settings.otel_endpoint:
            url = settings.otel_endpoint.rstrip("/")
            url = url if url.endswith("/v1/traces") else url + "/v1/traces"
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=url)))
        else:  # the exporter reads OpenTelemetry's variables itself (and adds /v1/traces)
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import get_meter

    tracer = provider.get_tracer("robo.db")
    usage = get_meter("robo.db").create_up_down_counter("db.client.connections.usage")
    for engine in (database.engine, database.replica_engine):
        if engine is not None:
            EngineTracer(tracer, engine, usage)
    _tracer_provider = provider
    return provider


def tracing_middleware(provider: Any) -> tuple[Any, dict[str, Any]]:
    """OpenTelemetry's ASGI middleware and its options (a server span per request, the caller's
    ``traceparent`` honoured), for ``app.add_middleware``."""
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return OpenTelemetryMiddleware, {"tracer_provider": provider}


@contextmanager
def _span(name: str) -> Iterator[None]:
    if _tracer_provider is None:
        yield
        return
    with _tracer_provider.get_tracer("robo.jobs").start_as_current_span(name):
        yield
