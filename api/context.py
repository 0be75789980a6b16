"""The per-request context: the process services (database, settings, clock), the viewer
(loaded lazily, one query), dataloaders created on first use, and a request id made only when
an error needs one. Kept lean: most requests touch only what they use."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError
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


class Context(BaseContext):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.db = services.db
        self.settings = services.settings
        self.clock = services.clock
        self._viewer: Any = _UNSET
        self._loaders: dict[str, DataLoader] | None = None
        self._request_id: str | None = None

    # identity -----------------------------------------------------------------------------
    @property
    def client_address(self) -> str:
        request = self.request
        if request is not None and request.client is not None:
            return request.client.host
        return "unknown"

    def _bearer_token(self) -> str | None:
        request = self.request
        if request is None:
            return None
        header = request.headers.get("authorization")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise DomainError(
                CommonErrorCode.UNAUTHENTICATED,
                "Send the access token as 'Authorization: Bearer <token>'.",
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
            raise DomainError(CommonErrorCode.UNAUTHENTICATED, "Sign in first.")
        return viewer

    def require_role(self, *roles: Role) -> Viewer:
        viewer = self.require_viewer()
        if not any(role in viewer.roles for role in roles):
            names = " or ".join(role.value.replace("_", " ").lower() for role in roles)
            article = "an" if names[0] in "aeiou" else "a"
            raise DomainError(CommonErrorCode.FORBIDDEN, f"Only {article} {names} may do this.")
        return viewer

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
        if self._request_id is None:
            self._request_id = uuid.uuid4().hex[:16]
        return self._request_id
