"""Group commit: concurrent short write transactions of one process batched into one.

``GroupCommit.run(action)`` runs ``action(session)`` in a savepoint of a transaction shared
with the other actions waiting at that moment, and returns its result only after that
transaction committed; an action that raises rolls back its savepoint alone and its caller
gets the exception (the others are unaffected). So each action is still atomic, and what it
returns is durable when the caller sees it. One commit (one WAL flush, one BEGIN/COMMIT pair,
one pool check-out) serves the whole batch.

Batching: a caller that finds fewer than ``lanes`` batches being gathered or written becomes
the leader of one: it waits up to ``wait_seconds`` (or until ``max_batch`` actions queue),
takes the queue, writes and commits it, hands the results out and, if more actions queued
meanwhile, hands the leadership to one of their callers. Nothing runs in a thread of its own:
the leader's thread does the batch's work, each action in its caller's ``contextvars``
context. Keep ``max_batch`` at most 64: PostgreSQL caches that many subtransactions per
backend, beyond which every snapshot gets slower.

``prepare(session, hints)`` runs first in the batch's transaction, with the ``hint`` of each
action (a caller's way to lock what the batch will touch in one fixed order, so two batches
cannot deadlock). An action that fails with a deadlock or a serialisation failure anyway (a
lock order ``prepare`` did not know) is run again alone, in its own transaction.

SQLite serialises writers and a batch would only lengthen the writer lock: there, and with
``wait_seconds`` None, ``run`` is one ``Database.write()`` per action.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.session import Database

T = TypeVar("T")

# SQLSTATEs after which an action is run again alone: deadlock detected, serialization failure.
RETRY_ALONE = frozenset({"40P01", "40001"})


class _Pending(Generic[T]):
    __slots__ = ("action", "context", "done", "error", "hint", "lead", "result", "wake")

    def __init__(self, action: Callable[[Session], T], hint: object) -> None:
        self.action = action
        self.hint = hint
        self.context = contextvars.copy_context()
        self.wake = threading.Event()
        self.done = False
        self.lead = False  # woken to lead the next batch, not with a result
        self.result: Any = None
        self.error: BaseException | None = None


def _retry_alone(error: BaseException) -> bool:
    if not isinstance(error, DBAPIError):
        return False
    return getattr(error.orig, "sqlstate", None) in RETRY_ALONE


class GroupCommit:
    """Batches ``run`` calls of the threads of one process (see the module's docstring)."""

    def __init__(
        self,
        database: Database,
        *,
        wait_seconds: float | None,
        max_batch: int = 32,
        lanes: int = 2,
        prepare: Callable[[Session, Sequence[object]], None] | None = None,
    ) -> None:
        self.database = database
        self.wait_seconds = wait_seconds
        self.max_batch = max(1, min(max_batch, 64))
        self.lanes = max(1, lanes)
        self.prepare = prepare
        self.batched = wait_seconds is not None and database.dialect != "sqlite"
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._queue: list[_Pending[Any]] = []
        self._leaders = 0
        self._expect = 1
        self.batches = 0  # committed batches and the actions in them (for benchmarks and tests)
        self.actions = 0

    def run(self, action: Callable[[Session], T], *, hint: object = None) -> T:
        """``action(session)`` in a savepoint of a shared write transaction; its result once
        that transaction committed, or its exception (only its own work rolled back)."""
        if not self.batched:
            with self.database.write() as session:
                return action(session)
        pending: _Pending[T] = _Pending(action, hint)
        with self._lock:
            self._queue.append(pending)
            lead = self._leaders < self.lanes
            if lead:
                self._leaders += 1
            elif len(self._queue) >= self.max_batch:
                self._arrived.notify()  # a leader gathering a batch: it is full
        if not lead:
            pending.wake.wait()
            lead = pending.lead  # handed a lane: lead (or give it back when already done)
        if lead:
            self._lead(pending)
        if pending.error is not None:
            raise pending.error
        return pending.result  # type: ignore[no-any-return]

    # --- the leader ------------------------------------------------------------------------

    def _lead(self, own: _Pending[Any]) -> None:
        while True:
            with self._lock:
                if own.done:
                    self._hand_over()
                    return
                # Wait for as many as the last batch had (callers come back at about the same
                # rate), at most ``wait_seconds``.
                deadline = time.monotonic() + (self.wait_seconds or 0.0)
                expect = min(self._expect, self.max_batch)
                while len(self._queue) < expect and own in self._queue:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._arrived.wait(left)
                batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
                if batch:
                    self._expect = max(len(batch), 1)
                if not batch:  # another leader took ours: its result comes from there
                    self._leaders -= 1
                    leave = True
                else:
                    leave = False
            if leave:
                own.wake.clear()
                if not own.done:
                    own.wake.wait()
                if own.done:
                    return
                continue  # (not reached: a caller outside the queue is never handed a lane)
            self._write(batch)

    def _hand_over(self) -> None:
        """(Lock held.) The leader's own action is done: wake a queued caller to lead the
        next batch, or give the lane back."""
        for waiting in self._queue:
            if not waiting.lead:
                waiting.lead = True
                waiting.wake.set()
                return
        self._leaders -= 1

    def _write(self, batch: list[_Pending[Any]]) -> None:
        alone: list[_Pending[Any]] = []
        try:
            with self.database.write() as session:
                if self.prepare is not None:
                    self.prepare(session, [pending.hint for pending in batch])
                for pending in batch:
                    savepoint = session.begin_nested()
                    try:
                        pending.result = pending.context.run(pending.action, session)
                        savepoint.commit()
                    except BaseException as error:
                        if savepoint.is_active:
                            savepoint.rollback()
                        if _retry_alone(error):
                            alone.append(pending)
                        else:
                            pending.error = error
                        pending.result = None
        except BaseException as error:  # the commit (or ``prepare``) failed: nothing of the batch holds
            for pending in batch:
                if pending not in alone:
                    pending.result, pending.error = None, error
        else:
            with self._lock:
                self.batches += 1
                self.actions += len(batch) - len(alone)
        for pending in alone:
            try:
                with self.database.write() as session:
                    pending.result = pending.context.run(pending.action, session)
                    pending.error = None
            except BaseException as error:
                pending.result, pending.error = None, error
        for pending in batch:
            pending.done = True
            pending.wake.set()
