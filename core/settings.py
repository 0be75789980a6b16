"""Process settings, read once from ``ROBO_*`` environment variables (pydantic-settings).

Unsafe development defaults (the default secret key, a pinned clock) are refused when
``ROBO_ENV=production``, so a misconfigured production process fails at start-up.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-only-secret-key-change-me-0123456789abcdef"
DEFAULT_IDENTITY_KEY = "dev-only-identity-key-change-me-0123456789abcdef"


class LogFormat(StrEnum):
    JSON = "json"  # one JSON object a line (python-json-logger), with the request id
    TEXT = "text"  # for a person at a terminal


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every setting is an environment variable with the ``ROBO_`` prefix (see README)."""

    model_config = SettingsConfigDict(env_prefix="ROBO_", extra="ignore", frozen=True)

    env: Environment = Environment.DEV
    database_url: str = "sqlite:///./var/robo.db"
    secret_key: str = DEFAULT_SECRET_KEY
    # Keys the fingerprints of verified identity numbers (HMAC); never rotate it in place:
    # the fingerprints already stored would stop matching.
    identity_key: str = DEFAULT_IDENTITY_KEY
    # An ISO date-time with zone: the clock starts there when the process starts and runs on.
    clock: datetime | None = None
    timezone: str = "Asia/Shanghai"
    currency: str = "CNY"

    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # Operations (``api.observability``, ``api.health``): logs as JSON lines (default in
    # production) or text (default elsewhere); one log line per HTTP request; ``/metrics``
    log_format: LogFormat | None = None
    access_log: bool = False
    metrics_enabled: bool = True
    # prometheus-client's multiprocess directory (PROMETHEUS_MULTIPROC_DIR) for ``robo serve
    # --workers N``; unset, ``robo serve`` makes a fresh one for its workers when N > 1
    metrics_dir: str | None = None
    # OpenTelemetry tracing stays off unless an OTLP/HTTP endpoint is configured here or in
    # OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    otel_endpoint: str | None = None
    otel_service_name: str = "robo-advisor"
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:3000", "http://127.0.0.1:3000"]
    )
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto uvicorn believes (its forwarded_allow_ips);
    # empty: proxy headers are ignored and the client address is the peer's.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # Request limits
    max_body_bytes: int = 256 * 1024  # a GraphQL request's HTTP body
    max_upload_bytes: int = 5 * 1024 * 1024  # a multipart request (file uploads)

    # Authentication
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_days: int = 30
    # A refresh token just replaced still answers with the same new pair this long (a retry
    # on a flaky network, a second tab); used again later, it ends the session.
    refresh_grace_seconds: int = Field(default=30, ge=0, le=300)
    argon2_time_cost: int = 3
    argon2_memory_cost_kib: int = 65536
    login_free_attempts: int = 3  # failures per (account, address) before delays start
    login_account_free_attempts: int = 5  # per account from any address it never signed in from
    login_address_free_attempts: int = 20  # per address across accounts (credential stuffing)
    login_max_delay_seconds: int = 300  # cap of the progressive delay
    argon2_max_concurrent: int = 4  # password hashes computed at once per worker (64 MiB each)
    registrations_per_address_hour: int = 5
    # One-time links by mail (password reset, email verification; ``users.recovery``)
    app_url: str = "http://localhost:3000"  # the web app: links in mails point there
    password_reset_ttl_minutes: int = Field(default=60, ge=5, le=24 * 60)
    email_verification_ttl_hours: int = Field(default=24, ge=1, le=24 * 7)
    account_mails_per_email_hour: int = 3  # reset or verification mails per address asked for
    account_mails_per_address_hour: int = 20  # such requests per client address
    payment_password_resets_per_day: int = 5  # re-verifications of identity per user
    payee_previews_per_hour: int = 30

    # GraphQL limits
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_page_size: int = 100
    document_cache_size: int = 1024
    # A JSON file {sha256: document} of the only documents the server runs (production)
    trusted_documents: str | None = None
    # The built web app (``web/dist``, from ``make run``) served at ``/``; empty: API only
    web_dist: str = "web/dist"
    # Live updates: how often each server process reads new ledger events for its subscribers
    # (on PostgreSQL a LISTEN wakes it at once; the poll is then only a safety net, every second)
    events_poll_seconds: float = Field(default=0.1, gt=0, le=10)
    # PostgreSQL: a direct connection (not through a transaction-pooling PgBouncer) for LISTEN;
    # unset: the database URL itself
    database_direct_url: str | None = None
    # A streaming replica for read-only queries that tolerate its lag (catalogue, history,
    # series; ``db.routing``); a viewer who wrote within ``read_your_writes_seconds`` reads
    # the primary. Unset: every read goes to the primary.
    database_read_url: str | None = None
    read_your_writes_seconds: float = Field(default=5.0, ge=0, le=300)
    # Behind PgBouncer in transaction-pooling mode: psycopg's server-side prepared statements
    # off (a prepared statement lives on one server connection, the next transaction may get
    # another)
    database_pgbouncer: bool = False
    database_pool_size: int = Field(default=10, ge=1, le=1000)
    database_max_overflow: int = Field(default=20, ge=0, le=1000)
    # Notifications: how often the server copies new ledger events into users' notifications
    # (reading them also catches up), and how often it looks for reminders due
    notifications_feed_seconds: float = Field(default=2.0, gt=0, le=3600)
    notifications_remind_seconds: int = Field(default=3600, gt=0, le=86400)

    # Automatic investing (issue 17): the drift band beyond which a goal is rebalanced, the
    # redemption-fee rate above which units inside their fee period are not sold (unless the
    # drift is twice the band), and how often the server runs today's plans and rebalancing
    rebalance_band: Decimal = Field(default=Decimal("0.03"), gt=0, lt=1)
    rebalance_fee_threshold: Decimal = Field(default=Decimal("0.005"), ge=0, lt=1)
    automation_seconds: int = Field(default=3600, gt=0, le=86400)

    # Scheduled jobs (issue 21): ``inprocess`` (the server runs them, as on SQLite) or
    # ``procrastinate`` (PostgreSQL: ``robo scheduler`` enqueues them, ``robo worker`` runs them)
    job_engine: Literal["inprocess", "procrastinate"] = "inprocess"
    income_task_rows: int = Field(default=250_000, ge=1)  # holdings per phase-1 task of a fund's income
    job_max_attempts: int = Field(default=5, ge=0, le=50)  # retries of a failed task (exponential backoff)
    job_retry_base_seconds: int = Field(default=2, ge=1, le=600)  # backoff: base ** (attempt + 1) seconds
    worker_heartbeat_seconds: float = Field(default=10.0, gt=0, le=600)
    worker_stalled_seconds: float = Field(default=30.0, gt=0, le=3600)  # a worker silent this long is dead
    scheduler_tick_seconds: float = Field(default=15.0, gt=0, le=600)
    scheduler_retry_seconds: int = Field(default=600, ge=1, le=86400)  # a waiting daily job is enqueued again

    # Wallet
    bank_auto_settle: bool = True
    payment_limit_per_transaction: Decimal = Decimal("50000")
    payment_limit_daily: Decimal = Decimal("200000")
    # Group commit of payments (PostgreSQL; ``db.group_commit``): concurrent payments of a worker
    # share one transaction, each in its own savepoint. The longest a payment waits for others
    # to join its batch (0, the default: one transaction per payment; on the 2-core machine of
    # docs/benchmarks.md batching was slower), the most in one batch, and how many batches a
    # worker writes at once.
    pay_batch_wait_ms: float = Field(default=0.0, ge=0, le=50)
    pay_batch_max: int = Field(default=32, ge=1, le=64)
    pay_batch_lanes: int = Field(default=2, ge=1, le=16)
    escrow_auto_confirm_days: int = 10
    escrow_release_interval_seconds: int = 60
    escrow_refund_response_days: int = 5  # a refund request unanswered this long is refunded
    escrow_extension_days: int = 5  # a payer may extend a hold once by this much
    payment_password_max_failures: int = 5
    payment_password_block_minutes: int = 30

    # Money fund
    fast_redemption_daily_limit: Decimal = Decimal("10000")

    # The small-loan company (``lending``): funding limits (2008 CBRC/PBoC guidance on
    # small-loan companies; net capital simplified to paid-in capital) and loan terms.
    lender_bank_borrowing_ratio: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    lender_abs_multiple: Decimal = Field(default=Decimal("4"), ge=0)
    lender_single_borrower_share: Decimal = Field(default=Decimal("0.05"), gt=0, le=1)
    lending_max_apr: Decimal = Field(default=Decimal("0.24"), gt=0, le=Decimal("0.36"))
    lending_penalty_multiple: Decimal = Field(default=Decimal("1.5"), ge=1)  # penalty rate = rate x this, capped
    lending_repay_from_sales_share: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    lending_min_amount: Decimal = Decimal("1000")
    lending_default_days: int = Field(default=90, ge=1)
    lending_write_off_days: int = Field(default=180, ge=1)

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("fast_redemption_daily_limit")
    @classmethod
    def _regulatory_fast_limit(cls, value: Decimal) -> Decimal:
        if value < 0 or value > Decimal("10000"):
            raise ValueError(
                "ROBO_FAST_REDEMPTION_DAILY_LIMIT is 0 to 10000 (the regulatory T+0 cap per user, fund and day)"
            )
        return value

    @field_validator("clock")
    @classmethod
    def _clock_has_zone(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("ROBO_CLOCK needs a zone, e.g. 2026-11-26T09:30:00+08:00")
        return value

    @model_validator(mode="after")
    def _engine_needs_postgresql(self) -> Settings:
        if self.job_engine == "procrastinate" and self.is_sqlite:
            raise ValueError(
                "ROBO_JOB_ENGINE=procrastinate needs PostgreSQL (ROBO_DATABASE_URL=postgresql+psycopg://...)"
            )
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env is Environment.PRODUCTION:
            if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
                raise ValueError(
                    "ROBO_SECRET_KEY must be set to a random value of at least 32 characters when ROBO_ENV=production"
                )
            if self.identity_key == DEFAULT_IDENTITY_KEY or len(self.identity_key) < 32:
                raise ValueError(
                    "ROBO_IDENTITY_KEY must be set to a random value of at least 32 characters when ROBO_ENV=production"
                )
            if self.clock is not None:
                raise ValueError("ROBO_CLOCK pins the clock and is refused when ROBO_ENV=production")
        return self

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def json_logs(self) -> bool:
        if self.log_format is None:
            return self.is_production
        return self.log_format is LogFormat.JSON

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read from the environment once)."""
    return Settings()
