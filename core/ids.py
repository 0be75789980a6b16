"""Object ids sent by clients: positive integers that fit the 64-bit primary keys.

Every id a client sends (``product(id)``, ``paymentId``, ``orderId``, ...) passes through
``parse_id`` before it reaches the database, where a value beyond the ``BIGINT`` range is
a driver error (a 500) instead of an answer. Only plain ASCII digits are accepted (no sign,
spaces, underscores or other scripts' digits, which ``int()`` would take). A refused id
raises ``DomainError`` with ``NOT_FOUND`` by default, the same answer as an id that does
not exist, so ids cannot be probed; callers that are not lookups pass ``INVALID_INPUT``.
"""

from __future__ import annotations

import re
from enum import StrEnum

from core.errors import CommonErrorCode, DomainError, Text, t

MIN_ID = 1
MAX_ID = 2**63 - 1  # the largest BIGINT (PostgreSQL) and INTEGER (SQLite) value

_DIGITS = re.compile(r"[0-9]{1,19}")
NO_SUCH_OBJECT = t("No such object.", "对象不存在。")


def is_valid_id(value: object) -> bool:
    """Whether ``value`` is an ``int`` (not a bool) in ``MIN_ID..MAX_ID``."""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_ID <= value <= MAX_ID


def parse_id(
    value: object,
    *,
    field: str,
    code: StrEnum = CommonErrorCode.NOT_FOUND,
    message: Text = NO_SUCH_OBJECT,
) -> int:
    """The id in ``value`` (an ``int`` or a string of digits such as a GraphQL ``ID``), or a
    ``DomainError(code, message, field)`` when it is not an id of 1 to 2^63 - 1."""
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    if not isinstance(value, int) or not is_valid_id(value):
        raise DomainError(code, message, field)
    return value
