"""The FastAPI application factory: GraphQL at ``/graphql`` (GraphiQL outside production),
``/healthz``, ``/readyz`` and ``/metrics`` (``api.health``), request ids, metrics and tracing
(``api.observability``), the built web app at ``/`` (``ROBO_WEB_DIST``), CORS for the configured browser origins, request limits and security
headers (``api.http_limits``), and the background jobs the server runs periodically (each
takes a database lock, so one worker runs it at a time). Each HTTP operation runs on a thread of
its own (``api.resolver_threads``), never on the event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from cross_web import HTTPException  # the exception strawberry's views answer with
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types.unset import UNSET

from api import health, observability
from api.context import Context, Services, preferred_locale
from api.http_limits import MAX_QUERY_BYTES, RequestLimits
from api.jobs import PERIODIC_JOBS, PeriodicJob
from api.resolver_threads import ResolverThreads
from api.schema import build_schema
from api.trusted_documents import TrustedDocuments, UntrustedDocument
from core.clock import Clock, clock_from_settings
from core.errors import DomainError
from core.settings import Settings, get_settings
from db.routing import ReadYourWrites
from db.session import Database
from investing import service as investing_service
from ledger.service import platform_clock

log = logging.getLogger("api")


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    clock: Clock | None = None,
    run_periodic_jobs: bool = True,
) -> FastAPI:
    settings = settings or get_settings()
    db = db or Database.from_settings(settings)
    # the configured clock, moved by the stored setting of dev and test (``ledger.clock``)
    clock = clock or platform_clock(base=clock_from_settings(settings), database=db, settings=settings)
    services = Services(db=db, settings=settings, clock=clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        tasks = [asyncio.create_task(_record_pool_every(services))]
        # With a job engine (ROBO_JOB_ENGINE=procrastinate) `robo scheduler` enqueues them instead.
        if run_periodic_jobs and settings.job_engine == "inprocess":
            tasks += [asyncio.create_task(_every(services, job)) for job in PERIODIC_JOBS]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            observability.mark_process_dead()
            services.resolvers.close()

    app = FastAPI(
        title="Robo-advisory wealth platform",
        lifespan=lifespan,
        docs_url=None if settings.is_production else "/docs",
        redoc_url=None,
        openapi_url=None if settings.is_production else "/openapi.json",
    )
    app.state.services = services

    async def context_getter(connection: HTTPConnection) -> AsyncIterator[Context]:
        # a generator dependency: FastAPI closes it once the response is done, and being
        # async it runs on the event loop (a plain function costs a thread hop per request).
        # An HTTP request waits here for a permit (see ``Services.request_permits``); a
        # WebSocket's context holds no shared read and needs none.
        permits = services.request_permits() if connection.scope["type"] == "http" else None
        if permits is not None:
            await permits.acquire()
        context = Context(services)
        try:
            yield context
        finally:
            context.close()
            if permits is not None:
                permits.release()

    app.state.schema = schema = build_schema(settings)
    router = GraphQLEndpoint(
        schema,
        context_getter=context_getter,
        graphql_ide=None if settings.is_production else "graphiql",
        allow_queries_via_get=False,
        multipart_uploads_enabled=True,  # file uploads (importProductHistory); see parse_multipart
    )
    router.resolvers = services.resolvers
    if settings.trusted_documents:
        router.trusted = TrustedDocuments.load(settings.trusted_documents)
    app.include_router(router, prefix="/graphql")

    health.add_routes(app, services)  # /healthz, /readyz, /metrics

    @app.get("/statements/{month}.csv")
    def statement_csv(month: str, request: Request) -> Response:
        """A month's statement as CSV (UTF-8 with a byte-order mark, so Excel shows Chinese),
        for the bearer of an access token: 401 without one, 400 for a bad or future month."""
        return _statement_csv(services, request, month)

    _serve_web_app(app, settings.web_dist)

    if settings.cors_origins:
        app.add_middleware(
            CorsWhenOrigin,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-Device-Id"],
            max_age=600,
        )
    app.add_middleware(  # limits and headers apply to every response, CORS's too
        RequestLimits,
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        production=settings.is_production,
    )
    provider = observability.configure_tracing(settings, db)
    if provider is not None:
        middleware, options = observability.tracing_middleware(provider)
        app.add_middleware(middleware, **options)
    read_your_writes = None
    if db.replica_engine is not None:
        read_your_writes = ReadYourWrites(secret=settings.secret_key, seconds=settings.read_your_writes_seconds)
    app.add_middleware(  # outermost: the request id, the latency, read-your-writes
        observability.Observability, access_log=settings.access_log, read_your_writes=read_your_writes
    )
    return app


# (the statement download, /statements/<month>.csv, is a route of its own and answers first;
# /statements alone is the app's screen)
_API_PATHS = frozenset({"graphql", "healthz", "readyz", "metrics", "docs", "redoc", "openapi.json"})


def _serve_web_app(app: FastAPI, web_dist: str) -> None:
    """The built web app at ``/``: its files as they are, and ``index.html`` for any other
    GET path (the app's routes, a single-page app's fallback). Registered after the API's
    routes, so ``/graphql``, ``/statements/...`` and ``/healthz`` keep answering; nothing when
    the app has not been built."""
    root = Path(web_dist).resolve() if web_dist else None
    if root is None or not (root / "index.html").is_file():
        return
    index = root / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    def web_app(path: str) -> Response:
        if path.split("/", 1)[0] in _API_PATHS:  # the API's own paths (some only outside production)
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


# A multipart request must carry one of these (none can be sent cross-site without a preflight).
PREFLIGHT_HEADERS = ("authorization", "apollo-require-preflight", "x-apollo-operation-name")


def _statement_csv(services: Services, request: Request, month: str) -> Response:
    context = Context(services)
    context.request = request
    try:
        viewer = context.require_viewer()
    except DomainError as error:  # no token, a bad or an expired one
        message = error.text.in_(preferred_locale(request.headers.get("accept-language")))
        body = {"errors": [{"message": message, "code": str(error.code)}]}
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    try:
        with services.db.read() as session:
            found = investing_service.statement(session, clock=services.clock, user_id=viewer.id, month=month)
    except DomainError as error:  # not a month, or one that has not begun
        body = {"errors": [{"message": error.text.in_(viewer.locale), "code": str(error.code), "field": error.field}]}
        return JSONResponse(body, status_code=400)
    body = "\ufeff" + investing_service.statement_csv(found, locale=viewer.locale)
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="statement-{found.month}.csv"',
            "Cache-Control": "no-store",
        },
    )


UNAUTHORIZED_CLOSE = 4401  # the WebSocket close code for a missing, invalid or expired token
QUERY_TOO_LARGE = {
    "message": f"The query text is too large: at most {MAX_QUERY_BYTES:,} bytes.",
    "extensions": {"code": "REQUEST_TOO_LARGE"},
}


def _query_too_large(message: Any) -> bool:
    """Whether a WebSocket operation's query text is over ``MAX_QUERY_BYTES`` (the limit of an
    HTTP request's, checked before it is parsed or cached; a message without a query string is
    left to strawberry to refuse)."""
    payload = message.get("payload") if isinstance(message, dict) else None
    query = payload.get("query") if isinstance(payload, dict) else None
    return isinstance(query, str) and len(query) > MAX_QUERY_BYTES // 4 and len(query.encode()) > MAX_QUERY_BYTES


class _TransportWSHandler(BaseGraphQLTransportWSHandler):
    """strawberry's ``graphql-transport-ws`` handler, closing a connection whose token was
    refused with 4401 (strawberry closes every refused ``connection_init`` with 4403) and
    answering an operation whose query text is over ``MAX_QUERY_BYTES`` with an ``error``
    message (``REQUEST_TOO_LARGE``) instead of parsing it. The size of a whole message is
    bounded by the server (``robo serve`` passes uvicorn ``ws_max_size``)."""

    async def handle_subscribe(self, message: Any) -> None:
        if self.connection_acknowledged and _query_too_large(message) and message.get("id") not in self.operations:
            await self.send_message({"id": message.get("id"), "type": "error", "payload": [QUERY_TOO_LARGE]})
            return
        await super().handle_subscribe(message)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        close = self.websocket.close

        async def close_unauthorized_as_4401(code: int, reason: str) -> None:
            if code == 4403 and getattr(self.context, "unauthorized", False):
                code, reason = UNAUTHORIZED_CLOSE, "Unauthorized"
            await close(code, reason)

        self.websocket.close = close_unauthorized_as_4401  # type: ignore[method-assign]


class _LegacyWSHandler(BaseGraphQLWSHandler):
    """strawberry's handler of the older ``graphql-ws`` protocol, with the same limit on an
    operation's query text (an ``error`` message for that operation)."""

    async def handle_start(self, message: Any) -> None:
        if self.connection_acknowledged and _query_too_large(message):
            await self.send_message({"type": "error", "id": message.get("id"), "payload": QUERY_TOO_LARGE})
            return
        await super().handle_start(message)


class GraphQLEndpoint(GraphQLRouter):
    """strawberry's router, refusing with a 4xx instead of failing with a 500: JSON bodies that
    are not an object (or a list, which its batching check refuses), JSON nested too deeply to
    parse (400), and query texts over ``MAX_QUERY_BYTES`` before they are parsed (413; over a
    WebSocket, an ``error`` message for that operation).
    Subscriptions authenticate in ``connection_init`` (``{"Authorization": "Bearer <token>"}``).
    File uploads follow the GraphQL multipart request convention; such a request must carry a
    header a browser sends cross-site only after a CORS preflight (``PREFLIGHT_HEADERS``), so a
    form on another site cannot post one (CSRF): 400 otherwise."""

    graphql_transport_ws_handler_class = _TransportWSHandler
    graphql_ws_handler_class = _LegacyWSHandler
    trusted: TrustedDocuments | None = None  # ROBO_TRUSTED_DOCUMENTS
    resolvers: ResolverThreads | None = None  # where HTTP operations run (off the event loop)

    async def execute_single(self, *args: Any, **kwargs: Any) -> Any:
        """An HTTP operation, on a thread of its own (``api.resolver_threads``): its resolvers
        may block on the database without stalling the other requests of the worker."""
        operation = super().execute_single(*args, **kwargs)
        if self.resolvers is None:
            return await operation
        return await self.resolvers.run(operation)

    async def on_ws_connect(self, context: Context) -> Any:
        try:
            viewer = context.viewer_or_none()
        except DomainError:
            viewer = None
        if viewer is None:
            context.unauthorized = True
            raise ConnectionRejectionError()
        return UNSET

    async def parse_multipart(self, request) -> dict[str, str]:
        if not any(name in request.headers for name in PREFLIGHT_HEADERS):
            raise HTTPException(
                400,
                "A multipart (file upload) request needs an Authorization header (or Apollo-Require-Preflight).",
            )
        token = _IN_MULTIPART.set(True)  # its "map" part is JSON too, but not a document
        try:
            return await super().parse_multipart(request)
        finally:
            _IN_MULTIPART.reset(token)

    def parse_json(self, data: str | bytes):
        try:
            value = super().parse_json(data)
        except RecursionError:
            raise HTTPException(400, "The request body is nested too deeply to be a GraphQL request.") from None
        if not isinstance(value, dict | list):
            raise HTTPException(400, 'The request body must be a JSON object such as {"query": "..."}.')
        for item in value if isinstance(value, list) else (value,):
            query = item.get("query") if isinstance(item, dict) else None
            if isinstance(query, str) and len(query) > MAX_QUERY_BYTES // 4 and len(query.encode()) > MAX_QUERY_BYTES:
                raise HTTPException(413, f"The query text is too large: at most {MAX_QUERY_BYTES:,} bytes.")
        if self.trusted is not None and not _is_files_map(value):
            try:
                if isinstance(value, list):
                    return [self.trusted.resolve(item) if isinstance(item, dict) else item for item in value]
                return self.trusted.resolve(value)
            except UntrustedDocument as refused:
                raise HTTPException(400, str(refused)) from None
        return value


_IN_MULTIPART: ContextVar[bool] = ContextVar("in_multipart", default=False)


def _is_files_map(value: Any) -> bool:
    """The ``map`` part of a multipart request (``{"0": ["variables.file"]}``), which strawberry
    parses with ``parse_json`` as it does the ``operations`` part (that one is checked)."""
    return (
        _IN_MULTIPART.get()
        and isinstance(value, dict)
        and all(isinstance(paths, list) and all(isinstance(path, str) for path in paths) for paths in value.values())
    )


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

    name, interval_of, _ = job
    while True:
        await asyncio.sleep(interval_of(services.settings))
        try:
            await run_in_threadpool(run_observed, services, job)
        except Exception:
            log.exception("periodic job %s failed", name)


def run_observed(services: Services, job: PeriodicJob) -> object:
    """One run of a periodic job, timed and counted (``robo_job_*``), its logs under a request
    id of its own."""
    name, _, run = job
    with observability.observe_job(name) as observed:
        result = run(services)
        if isinstance(result, int) and not isinstance(result, bool):
            observed.tasks = result
    return result


POOL_RECORD_SECONDS = 5.0


async def _record_pool_every(services: Services) -> None:
    """Keep this process's pool gauges fresh (in multiprocess mode, another worker may answer
    the scrape)."""
    while True:
        observability.record_pool(services.db)
        await asyncio.sleep(POOL_RECORD_SECONDS)
