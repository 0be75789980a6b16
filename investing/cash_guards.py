"""Checks on the cash a subscription spends, registered by the packages above (lending: loan
money is never invested). ``subscribe`` calls ``check`` with the cash account locked, so a
guard sees the balance the order will take from; a guard raises ``DomainError`` to refuse."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

Guard = Callable[[Session, int, int, int], None]  # (session, user id, cash balance, amount), fen
_GUARDS: list[Guard] = []


def register(guard: Guard) -> Guard:
    if guard not in _GUARDS:
        _GUARDS.append(guard)
    return guard


def check(session: Session, *, user_id: int, balance: int, amount: int) -> None:
    for guard in _GUARDS:
        guard(session, user_id, balance, amount)
