"""``interface Node`` and the root fields ``node(id)`` / ``nodes(ids)`` that refetch any object
by its global id (``api.ids``).

Each domain module registers, per type, a fetcher ``(info, key) -> object | None`` with
``@fetches("Payment")``; it returns the object as the viewer may see it, or None. ``node``
answers null for anything else: a malformed id, an id of nothing, an object of somebody
else, or no sign-in, all alike, so an id reveals nothing about what exists.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.types import Info

from api.ids import KINDS, decode
from core.errors import CommonErrorCode, DomainError, t

Fetcher = Callable[[Info, int], "Awaitable[Any] | Any"]
FETCHERS: dict[str, Fetcher] = {}
MAX_NODES = 100


@strawberry.interface(description="An object with a global id: refetch it with node(id).")
class Node:
    id: strawberry.ID


def fetches(kind: str) -> Callable[[Fetcher], Fetcher]:
    """Register the fetcher of ``kind`` objects."""
    assert kind in KINDS, kind

    def register(fetcher: Fetcher) -> Fetcher:
        assert kind not in FETCHERS, kind
        FETCHERS[kind] = fetcher
        return fetcher

    return register


async def fetch(info: Info, value: object, kind: str | None = None) -> Any:
    """The object ``value`` names (a ``kind`` object, if given) if the viewer may see it,
    else None."""
    decoded = decode(value)
    if decoded is None or (kind is not None and decoded[0] != kind):
        return None
    kind, key = decoded
    try:
        found = FETCHERS[kind](info, key)
        if inspect.isawaitable(found):
            found = await found
    except DomainError:  # not signed in, not allowed, no such object: all the same answer
        return None
    return found


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id, or null when it does not exist or is not yours to see.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await fetch(info, id)

    @strawberry.field(
        description=f"Objects by their global ids, in the same order (null for each one you may not see); "
        f"at most {MAX_NODES} ids."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT,
                t(f"Ask for at most {MAX_NODES} ids at once.", f"一次最多查询 {MAX_NODES} 个 id。"),
                "ids",
            )
        return [await fetch(info, each) for each in ids]
