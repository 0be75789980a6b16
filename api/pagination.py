"""Relay-style connections with opaque keyset cursors and a hard page-size cap.

``first`` defaults to 20 and may not exceed ``ROBO_MAX_PAGE_SIZE`` (100); a larger or
negative value is refused (``PAGE_SIZE_TOO_LARGE`` / ``INVALID_INPUT``), never silently cut.
Cursors encode the sort key of the last row (JSON, base64url), so pages stay stable while
new rows arrive.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from core.errors import CommonErrorCode, DomainError

T = TypeVar("T")
Row = TypeVar("Row")

DEFAULT_PAGE_SIZE = 20


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field(description="The nodes of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str | None) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, list):
        raise DomainError(CommonErrorCode.INVALID_CURSOR, "The cursor is not valid.", "after")
    return value


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    after: list[Any] | None


def page_request(first: int | None, after: str | None, *, max_page_size: int) -> PageRequest:
    limit = DEFAULT_PAGE_SIZE if first is None else first
    if limit < 0:
        raise DomainError(CommonErrorCode.INVALID_INPUT, "`first` cannot be negative.", "first")
    if limit > max_page_size:
        raise DomainError(
            CommonErrorCode.PAGE_SIZE_TOO_LARGE,
            f"`first` may be at most {max_page_size}; page through the rest with `after`.",
            "first",
        )
    return PageRequest(limit=min(limit, max_page_size), after=decode_cursor(after))


def build_connection(
    rows: Sequence[Row],
    request: PageRequest,
    *,
    key: Callable[[Row], Sequence[Any]],
    node: Callable[[Row], T],
) -> Connection[T]:
    """``rows`` must be fetched with ``limit + 1`` so we know whether another page exists."""
    page = list(rows[: request.limit])
    edges = [Edge(node=node(row), cursor=encode_cursor(key(row))) for row in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > request.limit,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
