"""The per-request context: the process services (database, settings, clock), the viewer
(loaded lazily, one query), dataloaders created on first use, and a request id made only when
an error needs one. Kept lean: most requests touch only what they use."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api import observability
from api.resolver_threads import ResolverThreads
from core.clock import Clock
from core.errors import DEFAULT_LOCALE, CommonErrorCode, DomainError, t
from core.settings import Settings
from db.session import Database
from users.roles import Role
from users.service import Viewer, load_viewer

_UNSET = object()


class Services:
    """What every request shares: built once per app."""

    def __init__(self, *, db: Database, settings: Settings, clock: Clock) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.extras: dict[str, Any] = {}  # per-domain process-wide objects (e.g. advisor cache)
        self._permits: dict[int, asyncio.Semaphore] = {}
        capacity = db.capacity if db is not None else None
        # GraphQL operations run off the event loop, one per thread (``api.resolver_threads``),
        # as many threads as requests may be in flight.
        self.resolvers = ResolverThreads(max(1, capacity // 2) if capacity is not None else 4)

    def request_permits(self) -> asyncio.Semaphore | None:
        """How many HTTP requests may run at once on this event loop, each holding its shared
        read connection (``RequestDatabase``) while it awaits: half the connection pool, so
        the other half serves the short reads and writes inside them. Without a bound, more
        requests than connections would each wait for one on the event loop itself, and
        nothing could give one back. None when the pool has no fixed size."""
        capacity = self.db.capacity
        if capacity is None:
            return None
        loop = asyncio.get_running_loop()
        permits = self._permits.get(id(loop))
        if permits is None:
            permits = self._permits[id(loop)] = asyncio.Semaphore(max(1, capacity // 2))
        return permits


def preferred_locale(accept_language: str | None) -> str:
    """ "en" or "zh-CN" from an ``Accept-Language`` header (by weight, then order), else
    ``DEFAULT_LOCALE``."""
    ranked = []
    for index, part in enumerate((accept_language or "")[:500].split(",")):
        tag, _, parameters = part.strip().partition(";")
        weight = 1.0
        if parameters.strip().startswith("q="):
            try:
                weight = float(parameters.strip()[2:])
            except ValueError:
                weight = 0.0
        ranked.append((-weight, index, tag.strip().lower()))
    for weight, _, tag in sorted(ranked):
        if weight < 0 and tag.startswith("en"):
            return "en"
        if weight < 0 and tag.startswith("zh"):
            return "zh-CN"
    return DEFAULT_LOCALE


class RequestDatabase:
    """The database as one HTTP request sees it: ``read()`` blocks share one session, so the
    request's reads take one transaction on one connection (a home screen took six
    BEGIN/ROLLBACK pairs and as many pool check-outs before). After a ``write()`` the shared
    read transaction ends before the next read, so the request reads what it wrote; anything
    else is the process's ``Database``. ``close()`` ends it with the request.

    An HTTP operation's resolvers run on its own thread and event loop
    (``api.resolver_threads``), its async ones interleaving there, and any work they hand to
    the thread pool elsewhere; a session must not be used by two at a time: a read waits for
    the one in another thread to finish its block (a few statements), and since no block
    awaits, two coroutines of the same thread never hold it at once. No ``read()`` block may await (a test checks ``api/``), so the
    wait cannot be a deadlock; should one appear anyway, the read gives up waiting after
    ``WAIT_SECONDS`` and takes a session of its own. A WebSocket's context does not share: a
    subscription lives for hours, and a transaction must not."""

    WAIT_SECONDS = 5.0

    def __init__(self, database: Database) -> None:
        self.database = database
        self._session: Session | None = None
        self._replica_session: Session | None = None
        self._lock = threading.RLock()
        self._stale = False
        self._wrote = False
        self._remembered: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.database, name)

    def _on_replica(self, replica: bool) -> bool:
        """Whether a read that tolerates the replica's lag goes there: a replica is configured,
        and neither this request nor (by its read-your-writes mark) this client wrote lately."""
        return (
            replica
            and self.database.replica_sessions is not None
            and not self._wrote
            and not observability.reads_primary()
        )

    @contextmanager
    def read(self, *, replica: bool = False) -> Iterator[Session]:
        """The request's shared read session; with ``replica`` (the catalogue, history, series)
        its shared session on the replica when ``_on_replica`` says so (``db.routing``)."""
        if self._on_replica(replica):
            with self._read_replica() as session:
                yield session
            return
        if not self._lock.acquire(timeout=self.WAIT_SECONDS):
            with self.database.read() as session:
                yield session
            return
        try:
            if self._session is None:
                self._session = self.database.sessions()
            elif self._stale:
                self._remembered.clear()
                if self._session.in_transaction():
                    self._session.rollback()
            self._stale = False
            yield self._session
        finally:
            self._lock.release()

    @contextmanager
    def _read_replica(self) -> Iterator[Session]:
        if not self._lock.acquire(timeout=self.WAIT_SECONDS):
            with self.database.read(replica=True) as session:
                yield session
            return
        try:
            if self._replica_session is None:
                assert self.database.replica_sessions is not None
                self._replica_session = self.database.replica_sessions()
            yield self._replica_session
        finally:
            self._lock.release()

    def remember(self, key: str, compute: Callable[[Session], Any]) -> Any:
        """``compute(session)`` once per request for ``key`` (e.g. the viewer's wallet, which
        a home screen shows on its own and inside the portfolio), again after a write."""
        with self.read() as session:
            if key not in self._remembered:
                self._remembered[key] = compute(session)
            return self._remembered[key]

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.database.write() as session:
            yield session
        self._stale = self._wrote = True  # (and the request is marked: ``db.routing.on_write_commit``)

    def wrote(self) -> None:
        """The request wrote through another way (a group commit): the next read starts afresh,
        from the primary."""
        self._stale = self._wrote = True

    def close(self) -> None:
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None
            if self._replica_session is not None:
                self._replica_session.close()
                self._replica_session = None


_ROLE_ZH = {Role.CUSTOMER: "客户", Role.PRODUCT_MANAGER: "产品经理", Role.OPERATOR: "运营人员"}


class Context(BaseContext):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._shared = RequestDatabase(services.db)
        self.settings = services.settings
        self.clock = services.clock
        self._viewer: Any = _UNSET
        self._loaders: dict[str, DataLoader] | None = None
        self._memo: dict[str, Any] | None = None
        self._request_id: str | None = None
        # A WebSocket's ``connection_init`` payload (strawberry sets it): the access token
        # travels there as {"Authorization": "Bearer <token>"}, browsers cannot send headers.
        self.connection_params: dict[str, Any] | None = None
        self.unauthorized = False  # a WebSocket whose token was refused (closed with 4401)

    @property
    def db(self) -> Database | RequestDatabase:
        """The request's view of the database (``RequestDatabase``) over HTTP; the process's
        ``Database`` itself for a WebSocket."""
        return self.services.db if isinstance(self.request, WebSocket) else self._shared

    def close(self) -> None:
        """End the request's shared read session (called when the response is done)."""
        self._shared.close()

    def wrote(self) -> None:
        """The request wrote outside ``db.write()`` (a group commit): later reads see it."""
        self._shared.wrote()

    def remember(self, key: str, compute: Callable[[Session], Any]) -> Any:
        """``compute(session)``, once per HTTP request and key until the request writes (see
        ``RequestDatabase.remember``); every time on a WebSocket."""
        database = self.db
        if isinstance(database, RequestDatabase):
            return database.remember(key, compute)
        with database.read() as session:
            return compute(session)

    # identity -----------------------------------------------------------------------------
    @property
    def locale(self) -> str:
        """The language to answer in: the signed-in user's, else the first of
        ``Accept-Language`` the platform speaks, else Chinese."""
        viewer = self.viewer_or_none(strict=False)
        if viewer is not None:
            return viewer.locale
        request = self.request
        return preferred_locale(None if request is None else request.headers.get("accept-language"))

    @property
    def client_address(self) -> str:
        request = self.request
        if request is not None and request.client is not None:
            return request.client.host
        return "unknown"

    @property
    def device_id(self) -> str | None:
        """The app's opaque device id (``X-Device-Id``), kept with a sign-in's session so that
        device's later sign-ins skip the account-wide log-in delay (``users.auth.device_key``
        decides whether it is usable)."""
        request = self.request
        return None if request is None else request.headers.get("x-device-id")

    @property
    def user_agent(self) -> str | None:
        request = self.request
        return None if request is None else request.headers.get("user-agent")

    def _bearer_token(self) -> str | None:
        request = self.request
        if request is None:
            return None
        params = self.connection_params
        if params is not None:
            header = params.get("Authorization") or params.get("authorization")
            header = header if isinstance(header, str) else None
        else:
            header = request.headers.get("authorization")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise DomainError(
                CommonErrorCode.UNAUTHENTICATED,
                t(
                    "Send the access token as 'Authorization: Bearer <token>'.",
                    "请以 'Authorization: Bearer <token>' 的形式发送访问令牌。",
                ),
            )
        return token.strip()

    def viewer_or_none(self, *, strict: bool = True) -> Viewer | None:
        """The signed-in user, or None without a token. A bad token raises its error, so
        clients learn to refresh instead of silently seeing an anonymous answer; with
        ``strict=False`` (public operations such as ``login``) a bad token counts as none."""
        if self._viewer is _UNSET:
            try:
                self._viewer = self._load_viewer()
            except DomainError as error:
                self._viewer = error
        if isinstance(self._viewer, DomainError):
            if strict:
                raise self._viewer
            return None
        return self._viewer

    def _load_viewer(self) -> Viewer | None:
        token = self._bearer_token()
        if token is None:
            return None
        with self.db.single_read() as connection:
            return load_viewer(connection=connection, token=token, clock=self.clock, settings=self.settings)

    def require_viewer(self) -> Viewer:
        viewer = self.viewer_or_none()
        if viewer is None:
            raise DomainError(CommonErrorCode.UNAUTHENTICATED, t("Sign in first.", "请先登录。"))
        return viewer

    def require_role(self, *roles: Role) -> Viewer:
        viewer = self.require_viewer()
        if not any(role in viewer.roles for role in roles):
            names = " or ".join(role.value.replace("_", " ").lower() for role in roles)
            article = "an" if names[0] in "aeiou" else "a"
            names_zh = "或".join(_ROLE_ZH[role] for role in roles)
            raise DomainError(
                CommonErrorCode.FORBIDDEN, t(f"Only {article} {names} may do this.", f"只有{names_zh}可以这样做。")
            )
        return viewer

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per request (e.g. the viewer's risk profile for every product)."""
        if self._memo is None:
            self._memo = {}
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    # dataloaders --------------------------------------------------------------------------
    def loader(self, name: str, factory: Callable[[Context], DataLoader]) -> DataLoader:
        """The request's dataloader ``name``, created by ``factory(context)`` on first use."""
        if self._loaders is None:
            self._loaders = {}
        loader = self._loaders.get(name)
        if loader is None:
            loader = self._loaders[name] = factory(self)
        return loader

    @property
    def request_id(self) -> str:
        """The request's id (``X-Request-ID``, see ``api.observability``), or one of its own
        outside any request."""
        if self._request_id is None:
            self._request_id = observability.current_request_id() or uuid.uuid4().hex[:16]
        return self._request_id
