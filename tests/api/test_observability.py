"""Operations (issue 21): ``/metrics`` in Prometheus's format, request ids in headers and in
every log line (job runs too), JSON logs, tracing only when an exporter is configured,
``/healthz`` and ``/readyz``."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from api import observability
from api.app import create_app, run_observed
from api.health import readiness
from api.jobs import PERIODIC_JOBS
from core.settings import LogFormat
from ledger import service as ledger_service
from tests.conftest import GraphQLClient, test_settings
from tests.wallet.conftest import ready_user  # noqa: F401 (a fixture)

LOGIN = "mutation Login($i: LoginInput!) { login(input: $i) { token userErrors { code } } }"


def _samples(body: str) -> dict[tuple[str, tuple], float]:
    found = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def _value(samples, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_per_operation_and_user_errors_by_code(http, db, make_user):
    user = make_user()
    before = _samples(http.get("/metrics").text)
    client = GraphQLClient(http)
    for _ in range(2):
        refused = client.data(LOGIN, {"i": {"email": user.email, "password": "wrong-password-1"}})
        assert refused["login"]["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    client.post("{ nonsense }")  # a validation error: a top-level error
    response = http.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    after = _samples(response.text)

    def grew(name, **labels):
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("robo_request_duration_seconds_count", operation="Login") == 2
    assert grew("robo_requests_total", operation="Login", status="200") == 2
    assert grew("robo_graphql_errors_total", kind="user_error", code="INVALID_CREDENTIALS") == 2
    assert grew("robo_graphql_errors_total", kind="error", code="GRAPHQL_VALIDATION_FAILED") == 1
    assert grew("robo_request_duration_seconds_count", operation="invalid") == 1
    assert grew("robo_request_duration_seconds_count", operation="/metrics") == 1  # the first scrape


def test_metrics_show_the_database_state_outbox_lag_ledger_check_and_calendar(http, db, clock, ready_user):
    ready_user(deposit="100")  # a deposit: an outbox event that no feed has copied yet
    samples = _samples(http.get("/metrics").text)
    assert _value(samples, "robo_database_up") == 1
    assert _value(samples, "robo_outbox_lag_events") >= 1
    assert _value(samples, "robo_outbox_latest_event_id") >= 1
    assert ("robo_ledger_check_ok", ()) not in samples  # no check has run: no result to show
    days_left = _value(samples, "robo_trading_calendar_days_left")
    assert days_left > 0 and _value(samples, "robo_trading_calendar_min_days") == 45
    assert _value(samples, "robo_db_pool_capacity", database="primary") >= 1 or db.capacity is None

    ledger_service.run_check(database=db, clock=clock, ran_by="test")
    clock.advance(timedelta(minutes=10))
    samples = _samples(http.get("/metrics").text)
    assert _value(samples, "robo_ledger_check_ok") == 1
    assert _value(samples, "robo_ledger_check_age_seconds") == pytest.approx(600, abs=1)
    assert _value(samples, "robo_trading_calendar_days_left") <= days_left


def test_a_periodic_job_run_is_timed_counted_and_logs_under_its_own_request_id(app, caplog):
    services = app.state.services
    job = next(job for job in PERIODIC_JOBS if job[0] == "login-throttle-cleanup")
    seen = []

    def run(services):
        logging.getLogger("robo.test").warning("cleaning up")
        seen.append(observability.current_request_id())
        return 3

    before = _samples(_metrics(services))
    with caplog.at_level(logging.WARNING, logger="robo.test"):
        caplog.handler.addFilter(observability.RequestIdFilter())
        assert run_observed(services, (job[0], job[1], run)) == 3
    after = _samples(_metrics(services))
    assert seen[0].startswith("job-login-throttle-cleanup-")
    assert caplog.records[-1].request_id == seen[0]
    runs = ("robo_job_runs_total", (("job", job[0]), ("outcome", "ok")))
    assert after[runs] - before.get(runs, 0) == 1
    tasks = ("robo_job_tasks_total", (("job", job[0]),))
    assert after[tasks] - before.get(tasks, 0) == 3
    assert after[("robo_job_duration_seconds_count", (("job", job[0]),))] >= 1

    def fail(services):
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        run_observed(services, (job[0], job[1], fail))
    failed = _samples(_metrics(services))[("robo_job_runs_total", (("job", job[0]), ("outcome", "failed")))]
    assert failed >= 1


def _metrics(services) -> str:
    from api.health import DatabaseStateCollector, metrics_text

    return metrics_text(services, DatabaseStateCollector(services)).decode()


def test_the_request_id_is_taken_from_the_client_or_made_and_returned(http):
    given = http.get("/healthz", headers={"X-Request-ID": "abc-123.def"})
    assert given.headers["x-request-id"] == "abc-123.def"
    made = http.get("/healthz")
    other = http.get("/healthz")
    assert made.headers["x-request-id"] and made.headers["x-request-id"] != other.headers["x-request-id"]
    hostile = http.get("/healthz", headers={"X-Request-ID": "x" * 200})  # too long for logs: replaced
    assert len(hostile.headers["x-request-id"]) == 32
    injected = http.get("/healthz", headers={"X-Request-ID": "a b\tc"})
    assert injected.headers["x-request-id"] != "a b\tc"


def test_the_request_id_reaches_the_context_that_names_it_in_error_messages(http):
    from api.context import Context

    scope = observability.RequestScope(request_id="trace-me-43")
    token = observability._SCOPE.set(scope)
    try:
        assert Context(http.app.state.services).request_id == "trace-me-43"
    finally:
        observability._SCOPE.reset(token)


def test_logs_are_json_lines_with_the_request_id():
    stream = io.StringIO()
    config = observability.logging_config(test_settings(log_format=LogFormat.JSON))
    formatter_spec = config["formatters"]["robo"]
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter(
            formatter_spec["fmt"], rename_fields=formatter_spec["rename_fields"], timestamp=formatter_spec["timestamp"]
        )
    )
    handler.addFilter(observability.RequestIdFilter())
    logger = logging.getLogger("robo.json-test")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with observability.job_scope("demo") as scope:
            logger.warning("accrued %s", "income", extra={"fund": 7})
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "accrued income" and first["level"] == "WARNING" and first["fund"] == 7
    assert first["request_id"] == scope.request_id and first["logger"] == "robo.json-test"
    assert second["request_id"] == "-"
    assert test_settings(env="production", secret_key="k" * 40, identity_key="i" * 40).json_logs
    assert not test_settings().json_logs  # text for a person at a terminal, outside production


def test_robo_serve_hands_uvicorn_the_logging_config_and_a_metrics_directory_for_workers(robo, monkeypatch, tmp_path):
    import uvicorn

    calls, seen_dirs = [], []

    def fake_run(*args, **kwargs):
        import os

        calls.append(kwargs)
        seen_dirs.append(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")  # unset for robo serve; restored after the test
    assert robo("serve", "--workers", "3").exit_code == 0
    assert calls[0]["workers"] == 3 and calls[0]["log_config"]["root"]["handlers"] == ["robo"]
    assert seen_dirs[0] and "robo-metrics-" in seen_dirs[0]
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    assert robo("serve").exit_code == 0
    assert not seen_dirs[1]  # one worker: its own registry


def test_multiprocess_metrics_add_up_every_worker(tmp_path):
    """Two processes in prometheus-client's multiprocess mode: a scrape answered by either shows
    both processes' requests."""
    script = """
import sys
from api import observability
observability.REQUEST_SECONDS.labels("Probe").observe(0.01)
"""
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)
    scrape = """
import os
from prometheus_client import CollectorRegistry, generate_latest, multiprocess
registry = CollectorRegistry()
multiprocess.MultiProcessCollector(registry)
print(generate_latest(registry).decode())
"""
    body = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout
    assert _value(_samples(body), "robo_request_duration_seconds_count", operation="Probe") == 2


def test_tracing_stays_off_without_an_exporter_and_imports_nothing_of_the_sdk():
    probe = "import sys, api.server; print(any(m.startswith('opentelemetry.sdk') for m in sys.modules))"
    env = {"PATH": "/usr/bin:/bin", "ROBO_DATABASE_URL": "sqlite://", "ROBO_WEB_DIST": ""}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_with_an_exporter_requests_and_statements_become_spans(db, clock):
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    settings = test_settings()
    try:
        provider = observability.configure_tracing(settings, db, exporter=exporter)
        app = create_app(settings, db=db, clock=clock, run_periodic_jobs=False)
        middleware, options = observability.tracing_middleware(provider)
        app.add_middleware(middleware, **options)
        with TestClient(app) as http:
            http.post("/graphql", json={"query": "query Calendar { tradingCalendar { daysLeft } }"})
    finally:
        observability._tracer_provider = None
    spans = exporter.get_finished_spans()
    server = [span for span in spans if span.kind.name == "SERVER"]
    assert server and server[0].attributes.get("graphql.operation.name") == "Calendar"
    assert any(span.attributes.get("db.system") or "SELECT" in span.name for span in spans)


def test_tracing_endpoint_comes_from_robo_or_opentelemetry_settings(monkeypatch):
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    assert observability.tracing_endpoint(test_settings()) is None
    assert observability.tracing_endpoint(test_settings(otel_endpoint="http://c:4318")) == "http://c:4318"
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    assert observability.tracing_endpoint(test_settings()) == "http://collector:4318"
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert observability.tracing_endpoint(test_settings()) is None


def test_healthz_is_alive_and_readyz_checks_the_migrations(http, db):
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["migrations"] == "current"
    with db.engine.begin() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        connection.execute(text("UPDATE alembic_version SET version_num = '0001_users'"))
    try:
        behind = http.get("/readyz")
        ok, report = readiness(http.app.state.services)
    finally:  # the session's PostgreSQL database is shared by the tests after this one
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    assert behind.status_code == 503 and behind.json()["migrations"] == "behind"
    assert not ok and report["head"] == [head] and report["at"] == ["0001_users"]


def test_a_running_out_calendar_is_an_alert_in_metrics_not_a_readiness_failure(http, clock):
    clock.advance(timedelta(days=400))  # far beyond what the calendar knows
    samples = _samples(http.get("/metrics").text)
    assert _value(samples, "robo_trading_calendar_days_left") < 45
    assert http.get("/readyz").status_code == 200


def test_a_job_started_by_a_request_logs_under_the_requests_id():
    scope = observability.RequestScope(request_id="operator-request-7")
    token = observability._SCOPE.set(scope)
    try:
        with observability.observe_job("confirm-orders"):
            inside = observability.current_request_id()
    finally:
        observability._SCOPE.reset(token)
    assert inside == "operator-request-7"
    with observability.observe_job("confirm-orders"):
        assert observability.current_request_id().startswith("job-confirm-orders-")
    assert observability.current_request_id() is None
