"""Idempotency keys of money-moving requests (``deposit``, ``withdraw``, ``pay``; later
``subscribe``, ``redeem``, ...).

``claim`` inserts (user, key, operation, hash of the parameters) with ``ON CONFLICT DO
NOTHING`` as the first write of the request's transaction; ``complete`` stores the result's
id in the same transaction as the effect. The unique constraint decides concurrent requests
with the same key: on PostgreSQL the second insert waits until the first transaction ends,
then finds its row (a replay) or, if it rolled back, claims the key itself; SQLite
serialises writers. So one key gives exactly one effect, a replay returns the original
result, and the same key with other parameters is refused (``IDEMPOTENCY_KEY_REUSED``).
A refused request writes nothing, so its key stays free for a corrected retry.

A request whose parameters include an id that only the database knows yet (``pay`` names its
payee by email) can have the database finish the hash: ``hash_template`` splits the canonical
text around that value and ``sql_request_hash`` is the same SHA-256 in SQL (PostgreSQL), so
the key can be claimed in the statement that looks the id up.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.errors import DomainError, t
from db.base import table_of
from db.session import is_sqlite
from ledger.errors import LedgerErrorCode
from ledger.models import IdempotencyKey

KEYS = table_of(IdempotencyKey)
MAX_KEY_LENGTH = 255
FIELD = "idempotencyKey"

_CLAIM = {
    "sqlite": sqlite.insert(KEYS).on_conflict_do_nothing().returning(KEYS.c.id),
    "postgresql": postgresql.insert(KEYS).on_conflict_do_nothing().returning(KEYS.c.id),
}
_EARLIER = select(KEYS.c.operation, KEYS.c.request_hash, KEYS.c.result_id).where(
    KEYS.c.user_id == bindparam("user_id", type_=BigInteger), KEYS.c.key == bindparam("key")
)
_COMPLETE = (
    update(KEYS).where(KEYS.c.id == bindparam("row_id", type_=BigInteger)).values(result_id=bindparam("result_id"))
)


@dataclass(frozen=True, slots=True)
class Claim:
    """Either a fresh claim (``row_id``; do the work, then ``complete``) or a replay of an
    earlier request (``replay_of``: the id of its result)."""

    row_id: int | None = None
    replay_of: int | None = None

    @property
    def is_replay(self) -> bool:
        return self.replay_of is not None


def check_key(key: object) -> str:
    """A key is 1..255 characters and not only blanks."""
    if not isinstance(key, str) or not key.strip():
        raise DomainError(
            LedgerErrorCode.INVALID_IDEMPOTENCY_KEY,
            t("Send an idempotency key (1 to 255 characters).", "请提供幂等键（1 到 255 个字符）。"),
            FIELD,
        )
    if len(key) > MAX_KEY_LENGTH:
        raise DomainError(
            LedgerErrorCode.INVALID_IDEMPOTENCY_KEY,
            t(
                f"The idempotency key may have at most {MAX_KEY_LENGTH} characters.",
                f"幂等键最多 {MAX_KEY_LENGTH} 个字符。",
            ),
            FIELD,
        )
    return key


def _canonical(operation: str, parameters: dict[str, Any]) -> str:
    """The request as canonical JSON (sorted keys, no spaces, ASCII only)."""
    return json.dumps({"operation": operation, **parameters}, sort_keys=True, separators=(",", ":"), default=str)


def request_hash(operation: str, parameters: dict[str, Any]) -> str:
    """SHA-256 of the operation and its parameters (canonical JSON; never include secrets)."""
    return hashlib.sha256(_canonical(operation, parameters).encode()).hexdigest()


class _Late:
    """Stands for the value the database will put in (rendered as a marker string)."""

    marker = "\u0000late\u0000"

    def __str__(self) -> str:
        return self.marker


_LATE, _LATE_JSON = _Late(), json.dumps(_Late.marker)


def hash_template(operation: str, parameters: dict[str, Any], *, late: str) -> tuple[str, str]:
    """``(head, tail)`` such that ``request_hash(operation, {**parameters, late: n})`` is the
    SHA-256 of ``head + str(n) + tail`` for every integer ``n``: the request's hash when the
    integer parameter ``late`` is only known to the database (see ``sql_request_hash``)."""
    text = _canonical(operation, {**parameters, late: _LATE})
    head, found, tail = text.partition(_LATE_JSON)
    if found and _LATE_JSON not in tail:
        return head, tail
    # The marker also occurs in a value: find the spot by difference instead.
    zero = _canonical(operation, {**parameters, late: 0})
    one = _canonical(operation, {**parameters, late: 1})
    at = next(i for i, (a, b) in enumerate(zip(zero, one, strict=True)) if a != b)
    return zero[:at], zero[at + 1 :]


def sql_request_hash(late: str) -> str:
    """PostgreSQL expression of ``request_hash`` given ``hash_template``'s parts as the bound
    parameters ``:hash_head`` and ``:hash_tail`` and the SQL expression ``late`` (an integer)."""
    return f"encode(sha256(convert_to(:hash_head || CAST({late} AS TEXT) || :hash_tail, 'UTF8')), 'hex')"


def claim(
    session: Session, *, user_id: int, key: str, operation: str, parameters: dict[str, Any], now: datetime
) -> Claim:
    key = check_key(key)
    digest = request_hash(operation, parameters)
    statement = _CLAIM["sqlite" if is_sqlite(session) else "postgresql"]
    row_id = session.execute(
        statement, {"user_id": user_id, "key": key, "operation": operation, "request_hash": digest, "created_at": now}
    ).scalar_one_or_none()
    if row_id is not None:
        return Claim(row_id=row_id)
    return replay_of_earlier(session, user_id=user_id, key=key, operation=operation, parameters=parameters)


def replay_of_earlier(session: Session, *, user_id: int, key: str, operation: str, parameters: dict[str, Any]) -> Claim:
    """The key was claimed before (and committed): the replay of that request, or
    ``IDEMPOTENCY_KEY_REUSED`` when it was a different one."""
    earlier = session.execute(_EARLIER, {"user_id": user_id, "key": key}).one()
    if earlier.operation != operation or earlier.request_hash != request_hash(operation, parameters):
        raise DomainError(
            LedgerErrorCode.IDEMPOTENCY_KEY_REUSED,
            t(
                "This idempotency key was already used for a different request; use a new key.",
                "该幂等键已用于另一个请求，请使用新的幂等键。",
            ),
            FIELD,
        )
    if earlier.result_id is None:  # pragma: no cover - claim and complete share a transaction
        raise RuntimeError(f"idempotency key of user {user_id} has no result")
    return Claim(replay_of=earlier.result_id)


def complete(session: Session, claim: Claim, *, result_id: int) -> None:
    """Record the result of a fresh claim (same transaction as the effect)."""
    assert claim.row_id is not None, "only a fresh claim can be completed"
    session.execute(_COMPLETE, {"row_id": claim.row_id, "result_id": result_id})
