"""The one way a mutation runs: check the input, authenticate, open a write transaction in a
worker thread (never on the event loop), run the domain service, and turn a ``DomainError``
into ``userErrors`` after rolling everything back, so nothing is half-written.

    @strawberry.mutation
    async def deposit(self, info: Info, input: DepositInput) -> DepositPayload:
        return await run_mutation(info, DepositPayload, input, lambda s, viewer: {...})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from strawberry.types import Info
from sqlalchemy.orm import Session

from api.context import Context
from api.errors import UserError, check_input
from core.errors import DomainError
from users.auth import Viewer
from users.roles import Role

P = TypeVar("P")

Action = Callable[[Session, Viewer | None], "dict[str, Any] | Any"]


def run_sync(
    context: Context,
    payload: type[P],
    input: object | None,
    action: Action,
    *,
    auth: bool = True,
    roles: tuple[Role, ...] = (),
) -> P:
    try:
        if input is not None:
            check_input(input)
        if roles:
            viewer = context.require_role(*roles)
        elif auth:
            viewer = context.require_viewer()
        else:  # public: a stale token must not stop anyone from signing in again
            viewer = context.viewer_or_none(strict=False)
        with context.db.write() as session:
            result = action(session, viewer)
            if isinstance(result, payload):
                return result
            return payload(**result)
    except DomainError as error:
        return payload(user_errors=UserError.all_from(error))


async def run_mutation(
    info: Info,
    payload: type[P],
    input: object | None,
    action: Action,
    *,
    auth: bool = True,
    roles: tuple[Role, ...] = (),
) -> P:
    """Run ``action(session, viewer)`` in a write transaction off the event loop. The action
    returns the payload's fields as a dict (or a payload). With ``auth`` the caller must be
    signed in (and hold one of ``roles`` if given)."""
    return await run_in_threadpool(run_sync, info.context, payload, input, action, auth=auth, roles=roles)
