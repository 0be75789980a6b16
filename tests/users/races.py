"""Racing two transactions past a check-then-insert, for the unique-key race tests.

``race(monkeypatch, module, "find_by_email", attempt)`` runs ``attempt()`` in two threads
and holds each one right after its duplicate check until both have checked, so both see no
duplicate and both insert: the race that PostgreSQL's READ COMMITTED allows. Returns what
each attempt returned (or the ``DomainError`` it raised)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from core.errors import DomainError


def race(monkeypatch, module, check_name: str, attempt: Callable[[], object], *, racers: int = 2) -> list:
    barrier = threading.Barrier(racers, timeout=20)
    check = getattr(module, check_name)

    def checked_then_wait(**kwargs):
        found = check(**kwargs)
        barrier.wait()  # every transaction has checked before any inserts
        return found

    monkeypatch.setattr(module, check_name, checked_then_wait)

    def run():
        try:
            return attempt()
        except DomainError as error:
            return error

    with ThreadPoolExecutor(racers) as pool:
        return list(pool.map(lambda _: run(), range(racers)))
