"""GraphQL operations over HTTP run off the server's event loop, on threads of their own.

Resolvers are mostly synchronous and read the database as they go: on the event loop, one
slow statement would stall every other request of the worker. Each HTTP operation instead
runs on one of ``size`` threads, each with an event loop of its own (its async resolvers and
dataloaders run there, its synchronous ones block only that thread), and one operation at a
time per thread. The server's loop only parses HTTP, waits for a free thread and sends the
answer.

``size`` is the number of HTTP requests that may be in flight (``Services.request_permits``:
half the connection pool), so a request holding a permit finds a free thread at once.
A mutation already on such a thread runs its write transaction there (``api.mutations``): no
second hop to the thread pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_local = threading.local()


def on_resolver_thread() -> bool:
    """True on a thread of a ``ResolverThreads`` (its loop is dedicated to one operation)."""
    return getattr(_local, "resolver", False)


class ResolverThreads:
    """``size`` threads running an event loop each; ``run`` hands a coroutine to an idle one."""

    def __init__(self, size: int, *, name: str = "robo-resolver") -> None:
        self.size = max(1, size)
        self._idle: asyncio.Queue[asyncio.AbstractEventLoop] | None = None
        self._owner: asyncio.AbstractEventLoop | None = None
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._threads: list[threading.Thread] = []
        self._name = name
        self._lock = threading.Lock()

    def _start(self) -> asyncio.Queue[asyncio.AbstractEventLoop]:
        owner = asyncio.get_running_loop()
        with self._lock:
            if self._idle is not None and self._owner is owner:
                return self._idle
            idle: asyncio.Queue[asyncio.AbstractEventLoop] = asyncio.Queue()
            for number in range(self.size):
                loop = asyncio.new_event_loop()
                ready = threading.Event()
                thread = threading.Thread(
                    target=self._serve, args=(loop, ready), name=f"{self._name}-{number}", daemon=True
                )
                thread.start()
                ready.wait()
                self._loops.append(loop)
                self._threads.append(thread)
                idle.put_nowait(loop)
            self._idle, self._owner = idle, owner
            return idle

    @staticmethod
    def _serve(loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
        _local.resolver = True
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set)
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def run(self, operation: Coroutine[Any, Any, T]) -> T:
        """Run ``operation`` on an idle thread's loop (waiting for one if none is idle)."""
        idle = self._idle if self._owner is asyncio.get_running_loop() else None
        if idle is None:
            idle = self._start()
        loop = await idle.get()
        owner = asyncio.get_running_loop()
        future = asyncio.run_coroutine_threadsafe(operation, loop)

        def give_back(_: object) -> None:  # once the operation ended (even if its caller gave up)
            with contextlib.suppress(RuntimeError):  # a closed server loop needs the thread no more
                owner.call_soon_threadsafe(idle.put_nowait, loop)

        future.add_done_callback(give_back)
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Stop the threads (their loops finish what they run first)."""
        with self._lock:
            for loop in self._loops:
                loop.call_soon_threadsafe(loop.stop)
            for thread in self._threads:
                thread.join(timeout=10)
            self._loops, self._threads, self._idle, self._owner = [], [], None, None
