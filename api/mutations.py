"""The one way a mutation runs: check the input, authenticate, open a write transaction off the
event loop (on the operation's own thread, ``api.resolver_threads``; else in the thread pool), run the domain service, and turn a ``DomainError``
into ``userErrors`` after rolling everything back, so nothing is half-written.

    @strawberry.mutation
    async def deposit(self, info: Info, input: DepositInput) -> DepositPayload:
        return await run_mutation(info, DepositPayload, input, lambda s, viewer: {...})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.context import Context
from api.errors import UserError, check_input
from api.resolver_threads import on_resolver_thread
from core.errors import DomainError
from users.roles import Role
from users.service import Viewer
from wallet import service as wallet_service

P = TypeVar("P")

Action = Callable[[Session, Viewer | None], "dict[str, Any] | Any"]


def guarded(payload: type[P], call: Callable[[], dict[str, Any] | Any], context: Context) -> P:
    """Run ``call()``: its result (the payload's fields as a dict, or a payload) or, for a
    ``DomainError``, the payload with one ``userErrors`` entry per refusal in the viewer's
    language. The one place the API turns domain errors into ``userErrors``."""
    try:
        result = call()
    except DomainError as error:
        return payload(user_errors=UserError.all_from(error, context.locale))
    return result if isinstance(result, payload) else payload(**result)


def _viewer(context: Context, *, auth: bool, roles: tuple[Role, ...]) -> Viewer | None:
    if roles:
        return context.require_role(*roles)
    if auth:
        return context.require_viewer()
    return context.viewer_or_none(strict=False)  # public: a stale token must not stop anyone from signing in again


def run_sync(
    context: Context,
    payload: type[P],
    input: object | None,
    action: Action,
    *,
    auth: bool = True,
    roles: tuple[Role, ...] = (),
) -> P:
    def call():
        viewer = _viewer(context, auth=auth, roles=roles)  # who may ask comes before what was asked
        if input is not None:
            check_input(input)
        with context.db.write() as session:
            return action(session, viewer)

    return guarded(payload, call, context)


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
    if on_resolver_thread():  # off the event loop already, on a thread of this operation's own
        return run_sync(info.context, payload, input, action, auth=auth, roles=roles)
    return await run_in_threadpool(run_sync, info.context, payload, input, action, auth=auth, roles=roles)


async def run_request(
    info: Info,
    payload: type[P],
    input: object | None,
    call: Callable[[Viewer | None], dict[str, Any] | Any],
    *,
    auth: bool = True,
    roles: tuple[Role, ...] = (),
) -> P:
    """Run ``call(viewer)`` off the event loop, for a service that opens its own transactions
    (signing in, changing a password: their slow password checks run outside any)."""
    context = info.context

    def call_checked():
        viewer = _viewer(context, auth=auth, roles=roles)
        if input is not None:
            check_input(input)
        return call(viewer)

    if on_resolver_thread():
        return guarded(payload, call_checked, context)
    return await run_in_threadpool(guarded, payload, call_checked, context)


def with_payment_password(ctx, payload, action):
    """``action(session, viewer)`` through ``wallet.payment_password.run_checked``."""

    def run(session, viewer):
        return wallet_service.run_checked(
            session, clock=ctx.clock, settings=ctx.settings, action=lambda s: action(s, viewer)
        )

    return run
