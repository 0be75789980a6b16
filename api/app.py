"""The FastAPI application factory: GraphQL at ``/graphql`` (GraphiQL outside production),
``GET /healthz``, CORS for the configured browser origins, and the background jobs the
server runs periodically (each takes a database lock, so one worker runs it at a time)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import text
from cross_web import HTTPException  # the exception strawberry's views answer with
from strawberry.fastapi import GraphQLRouter

from api.context import Context, Services
from api.schema import build_schema
from core.clock import Clock, clock_from_settings
from core.settings import Settings, get_settings
from db.session import Database

log = logging.getLogger("api")

# Periodic jobs: (name, interval setting, function(services)). Domains register theirs in
# ``api.jobs``; the server runs each every interval in a worker thread.
PeriodicJob = tuple[str, Callable[[Settings], float], Callable[[Services], object]]


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    clock: Clock | None = None,
    run_periodic_jobs: bool = True,
) -> FastAPI:
    settings = settings or get_settings()
    db = db or Database(settings.database_url)
    clock = clock or clock_from_settings(settings)
    services = Services(db=db, settings=settings, clock=clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        tasks = []
        if run_periodic_jobs:
            from api.jobs import PERIODIC_JOBS

            tasks = [asyncio.create_task(_every(services, job)) for job in PERIODIC_JOBS]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()

    app = FastAPI(
        title="Robo-advisory wealth platform",
        lifespan=lifespan,
        docs_url=None if settings.is_production else "/docs",
        redoc_url=None,
        openapi_url=None if settings.is_production else "/openapi.json",
    )
    app.state.services = services

    def context_getter() -> Context:
        return Context(services)

    router = GraphQLEndpoint(
        build_schema(settings),
        context_getter=context_getter,
        graphql_ide=None if settings.is_production else "graphiql",
        allow_queries_via_get=False,
    )
    app.include_router(router, prefix="/graphql")

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy
            log.warning("health check failed: %s", error)
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "reachable"})

    if settings.cors_origins:
        app.add_middleware(
            CorsWhenOrigin,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    return app


class GraphQLEndpoint(GraphQLRouter):
    """strawberry's router, refusing JSON bodies that are not an object (or a list, which
    its batching check refuses) with a 400 instead of failing with a 500."""

    def parse_json(self, data: str | bytes):
        value = super().parse_json(data)
        if not isinstance(value, dict | list):
            raise HTTPException(400, "The request body must be a JSON object such as {\"query\": \"...\"}.")
        return value


class CorsWhenOrigin:
    """Starlette's CORS middleware, consulted only for requests with an ``Origin`` header
    (browsers send one on every cross-origin request); the rest, such as mobile apps and
    server-to-server calls, skip its per-response work."""

    def __init__(self, app, **options) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, **options)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and any(name == b"origin" for name, _ in scope["headers"]):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _every(services: Services, job: PeriodicJob) -> None:
    from starlette.concurrency import run_in_threadpool

    name, interval_of, run = job
    while True:
        await asyncio.sleep(interval_of(services.settings))
        try:
            await run_in_threadpool(run, services)
        except Exception:  # noqa: BLE001 - a failed round is logged and retried next time
            log.exception("periodic job %s failed", name)
