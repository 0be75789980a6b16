"""Whether a member of staff is a party to what they would decide: a product manager may not
approve a change to a product they hold. Holdings live in a higher package (``wallet``),
which registers its check here at import (``register_holding_check``); lower packages never
import higher ones. Without a registered check approvals are refused (fail closed)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

HoldingCheck = Callable[[Session, int, int], bool]  # (session, user id, product id) -> holds
_checks: list[HoldingCheck] = []


def register_holding_check(check: HoldingCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def holds(session: Session, *, user_id: int, product_id: int) -> bool:
    if not _checks:
        raise RuntimeError("No holding check is registered: import wallet before approving product changes.")
    return any(check(session, user_id, product_id) for check in _checks)
