"""The HTTP edge of every request, as one pure ASGI middleware (no per-request objects beyond
what a request needs):

- **Body limits.** A request to ``/graphql`` may carry at most ``ROBO_MAX_BODY_BYTES``
  (multipart uploads ``ROBO_MAX_UPLOAD_BYTES``). A declared ``Content-Length`` over the limit
  is refused before anything is read; a chunked body is read up to the limit and refused as
  soon as it passes it. Refusals are ``413`` with a JSON body in the GraphQL error shape.
- **Security headers** on every response: ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``, ``Cache-Control: no-store`` on GraphQL answers (they are
  personal), ``Strict-Transport-Security`` in production. The server banner is turned off in
  ``robo serve`` (uvicorn's ``server_header``).

The query text itself is limited after JSON parsing (``MAX_QUERY_BYTES``, see
``api.app.GraphQLEndpoint``), and documents above ``MAX_CACHED_QUERY_BYTES`` are parsed but
never cached (``api.extensions``).
"""

from __future__ import annotations

import json

MAX_QUERY_BYTES = 64 * 1024  # the GraphQL query text of one request
MAX_CACHED_QUERY_BYTES = 16 * 1024  # larger documents are parsed every time, never kept
GRAPHQL_PATH = "/graphql"

_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_NO_STORE = (b"cache-control", b"no-store")
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def error_body(message: str, code: str) -> bytes:
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()


def too_large(limit: int) -> bytes:
    return error_body(f"The request is too large: at most {limit:,} bytes are accepted here.", "REQUEST_TOO_LARGE")


class RequestLimits:
    """Body limits on ``/graphql`` and security headers on every response (see the module
    docstring)."""

    def __init__(self, app, *, max_body_bytes: int, max_upload_bytes: int, production: bool) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_upload = max_upload_bytes
        self.headers = _BASE_HEADERS + ([_HSTS] if production else [])

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        graphql = scope["path"].rstrip("/") == GRAPHQL_PATH
        extra = self.headers + [_NO_STORE] if graphql else self.headers

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        if graphql and scope["method"] in ("POST", "PUT", "PATCH"):
            limit = self._limit(scope)
            declared = _content_length(scope)
            if declared is not None and declared > limit:
                await _refuse(send_with_headers, 413, too_large(limit))
                return
            body = await _read_body(receive, limit)
            if body is None:
                await _refuse(send_with_headers, 413, too_large(limit))
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_headers)

    def _limit(self, scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-type":
                return self.max_upload if value.lower().startswith(b"multipart/") else self.max_body
        return self.max_body


def _content_length(scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive):
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _refuse(send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
