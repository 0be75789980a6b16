"""Relay-style connections with opaque keyset cursors and a hard page-size cap.

``first`` defaults to 20; a larger value than ``ROBO_MAX_PAGE_SIZE`` (100) is cut to it
(``hasNextPage`` shows the rest), never an error that nulls the parent; a negative one is
refused (``INVALID_INPUT``). ``last``/``before`` page backward the same way (GitHub's
convention: ``last: 10`` without ``before`` is the end of the list); one request pages in one
direction. ``totalCount`` is counted only when asked for.
Cursors encode the sort key of the last row (JSON, base64url), so pages stay stable while
new rows arrive. A cursor comes back from the client, so it is untrusted: resolvers name the
types of its key (``page_request(..., cursor=(str, int))``) and a cursor of any other shape
(wrong length, wrong types, an integer beyond 64 bits, a naive datetime, a NUL character) is
refused with ``INVALID_CURSOR`` before it reaches the database.

Key types: ``int`` (a signed 64-bit integer, never a bool), ``str`` (at most
``MAX_CURSOR_TEXT`` characters, no NUL), ``date`` (ISO text) and ``datetime`` (ISO text with
a UTC offset, returned as an aware datetime in UTC).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

import strawberry

from core.errors import CommonErrorCode, DomainError, t

T = TypeVar("T")
Row = TypeVar("Row")

DEFAULT_PAGE_SIZE = 20
MAX_CURSOR_TEXT = 1000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool = strawberry.field(
        description="Whether there are items before this page (paging forward: whether `after` was given)."
    )
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], int] | None] = None

    @strawberry.field(description="The nodes of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many items there are in all pages together.")
    def total_count(self) -> int:
        if self.count is None:  # pragma: no cover - every connection passes its count
            raise NotImplementedError("this connection cannot count")
        return self.count()


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode()


def _invalid() -> DomainError:
    return DomainError(CommonErrorCode.INVALID_CURSOR, t("The cursor is not valid.", "翻页游标无效。"), "after")


def _key_value(value: Any, kind: type) -> Any:
    """``value`` decoded from JSON as ``kind``, or ``_invalid()``."""
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX:
            return value
    elif kind is str:
        if isinstance(value, str) and len(value) <= MAX_CURSOR_TEXT and "\x00" not in value:
            return value
    elif kind is datetime:
        if isinstance(value, str) and len(value) <= 64:
            try:
                parsed = datetime.fromisoformat(value)
                if parsed.utcoffset() is not None:
                    return parsed.astimezone(UTC)
            except (ValueError, OverflowError):  # not a date-time, or beyond year 1..9999 in UTC
                raise _invalid() from None
    elif kind is date:
        if isinstance(value, str) and len(value) <= 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise _invalid() from None
    else:  # pragma: no cover - a programming error, not a client's
        raise TypeError(f"unsupported cursor key type {kind!r}")
    raise _invalid()


def decode_cursor(cursor: str | None, types: Sequence[type] | None = None) -> list[Any] | None:
    """The key encoded in ``cursor`` (None without one). With ``types`` the key must have
    exactly that many values of those types (see the module docstring), else
    ``INVALID_CURSOR``; without, any JSON list is returned as it is."""
    if cursor is None:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeError, RecursionError):
        value = None
    if not isinstance(value, list):
        raise _invalid()
    if types is None:
        return value
    if len(value) != len(types):
        raise _invalid()
    return [_key_value(item, kind) for item, kind in zip(value, types)]


@dataclass(frozen=True, slots=True)
class PageRequest:
    """``limit`` items past the boundary key ``after`` (forward) or, when ``backward``
    (``last``/``before``), the ``limit`` items just before the key in ``before`` (or the last
    ``limit`` items without one). Resolvers pass ``boundary`` and ``backward`` to the domain's
    keyset query (``db.keyset``), which reads a backward page in reverse order."""

    limit: int
    after: list[Any] | None
    before: list[Any] | None = None
    backward: bool = False

    @property
    def boundary(self) -> list[Any] | None:
        return self.before if self.backward else self.after


def _negative(argument: str) -> DomainError:
    return DomainError(
        CommonErrorCode.INVALID_INPUT, t(f"`{argument}` cannot be negative.", f"`{argument}` 不能为负数。"), argument
    )


def page_request(
    first: int | None,
    after: str | None,
    *,
    last: int | None = None,
    before: str | None = None,
    max_page_size: int,
    cursor: Sequence[type] | None = None,
) -> PageRequest:
    """The page asked for: ``first``/``after`` forward, or ``last``/``before`` backward (not
    both directions at once); ``cursor`` names the types of the key in the cursor (see
    ``decode_cursor``), and every new caller should give it."""
    backward = last is not None or before is not None
    if backward and (first is not None or after is not None):
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                "Page forward (`first`, `after`) or backward (`last`, `before`), not both at once.",
                "请只用一个方向翻页：向后（`first`、`after`）或向前（`last`、`before`）。",
            ),
            "last",
        )
    size = last if backward else first
    if size is not None and size < 0:
        raise _negative("last" if backward else "first")
    limit = min(DEFAULT_PAGE_SIZE if size is None else size, max_page_size)
    if backward:
        return PageRequest(limit=limit, after=None, before=decode_cursor(before, cursor), backward=True)
    return PageRequest(limit=limit, after=decode_cursor(after, cursor))


def counter(db: Any, count: Callable[[Any], int]) -> Callable[[], int]:
    """``count(session)`` in a read transaction of its own, run only if ``totalCount`` is asked."""

    def run() -> int:
        with db.read() as session:
            return count(session)

    return run


def build_connection(
    rows: Sequence[Row],
    request: PageRequest,
    *,
    key: Callable[[Row], Sequence[Any]],
    node: Callable[[Row], T],
    count: Callable[[], int] | None = None,
) -> Connection[T]:
    """``rows`` must be fetched with ``limit + 1`` so we know whether another page exists (a
    backward page in reverse order, as ``db.keyset`` reads it: it is turned round here);
    ``count()`` counts every row (run only when a client asks for ``totalCount``)."""
    page = list(rows[: request.limit])
    more = len(rows) > request.limit
    if request.backward:
        page.reverse()
    edges = [Edge(node=node(row), cursor=encode_cursor(key(row))) for row in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=request.before is not None if request.backward else more,
            has_previous_page=more if request.backward else request.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=count,
    )
