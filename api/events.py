"""Live updates for subscriptions: one ``EventHub`` per server process tails the ledger's
outbox (``ledger.outbox``) and wakes the subscriptions of the users each new event concerns,
with the events already shaped for them: each user's events are shaped once per process and
read, however many of their devices are subscribed.

Every process reads the same outbox, so a payment committed through any worker or process
reaches a subscriber connected to any other, on SQLite and PostgreSQL alike; the delay is
at most ``ROBO_EVENTS_POLL_SECONDS`` (0.1 s) plus the read. On PostgreSQL the hub also
LISTENs (``db.listen``; a trigger notifies on every outbox insert, at commit) and reads as soon
as it is woken, polling only every second as a safety net. On PostgreSQL ids are taken
before commit, so an event may commit after one with a higher id: the hub re-reads the last
``LOOKBACK`` ids each time and remembers what it delivered, so a late commit is delivered
late, never lost. A client that reconnects with the last event id it saw gets what it missed
from the outbox itself (``ledger.outbox.events_for_user``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from db import listen as db_listen
from ledger import service as ledger_service

log = logging.getLogger(__name__)

LOOKBACK = 500  # ids re-read for events that committed after a higher id
QUEUE_LIMIT = 1000  # a subscriber this far behind is told to reconnect (and replays)
LISTENING_POLL_SECONDS = 1.0  # the safety-net poll while a LISTEN connection wakes the hub
RELISTEN_SECONDS = 1.0  # the wait before listening again after the connection was lost

# (session, user id, the user's new events, the platform's time zone) -> what to deliver
Shape = Callable[[Any, int, list[Any], Any], list[Any]]


def raw_events(session: Any, user_id: int, events: list[Any], zone: Any) -> list[Any]:
    """The outbox's events themselves, unshaped."""
    return events


class EventHub:
    """Tails the outbox for this process's subscribers (started by the first one)."""

    def __init__(self, db: Any, poll_seconds: float, listen_url: str | None = None, zone: Any = None) -> None:
        self.db = db
        self.poll_seconds = poll_seconds
        self.listen_url = listen_url  # PostgreSQL: where to LISTEN for new events
        self.zone = zone  # the platform's time zone, for shaping
        self._queues: dict[tuple[int, Shape], set[asyncio.Queue[list[Any]]]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self._listener: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._listening = False
        self._high: int | None = None  # the highest id read
        self._seen: set[int] = set()  # ids read within the lookback
        self.listened = 0  # subscriptions started since the hub was made (a subscriber knows when it is heard)

    def listen(self, user_id: int, shape: Shape = raw_events) -> asyncio.Queue[list[Any]]:
        """A queue that receives, batch by batch, every new event concerning ``user_id`` as
        ``shape`` makes it (``unlisten`` it with the same shape)."""
        queue: asyncio.Queue[list[Any]] = asyncio.Queue(QUEUE_LIMIT)
        self._queues[(user_id, shape)].add(queue)
        self.listened += 1
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._run())
        if self.listen_url is not None and (self._listener is None or self._listener.done()):
            self._listener = loop.create_task(self._listen(self.listen_url))
        return queue

    def unlisten(self, user_id: int, queue: asyncio.Queue[list[Any]], shape: Shape = raw_events) -> None:
        listeners = self._queues.get((user_id, shape))
        if listeners is not None:
            listeners.discard(queue)
            if not listeners:
                del self._queues[(user_id, shape)]

    async def start_from_now(self) -> None:
        if self._high is None:
            self._high, self._seen = await run_in_threadpool(self._now)

    def _now(self) -> tuple[int, set[int]]:
        """The latest id and the ids already committed within the lookback below it: those are
        the past, not news (a hub started after a deposit must not announce it to a subscriber
        who asked for what happens from now on); ids missing among them may still commit."""
        with self.db.read() as session:
            latest = ledger_service.latest_event_id(session)
            return latest, set(ledger_service.event_ids_after(session, max(0, latest - LOOKBACK)))

    async def _run(self) -> None:
        await self.start_from_now()
        while True:
            self._wake.clear()  # a notification during the read below wakes the next one at once
            if self._queues:
                try:
                    await self._tick()
                except Exception:  # the database is away for a moment: try again next time
                    log.exception("reading the ledger's events failed")
            timeout = LISTENING_POLL_SECONDS if self._listening else self.poll_seconds
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def _listen(self, url: str) -> None:
        """Wake the reader on every notification; while not listening it polls as often as
        ``poll_seconds`` says, so a lost connection delays events, never loses them."""
        while True:
            try:
                async for _ in db_listen.notifications(url):
                    self._listening = True
                    self._wake.set()
            except Exception:  # the database restarted or refused: poll until it is back
                log.warning("listening for the ledger's events failed; polling until it works again", exc_info=True)
            self._listening = False
            await asyncio.sleep(RELISTEN_SECONDS)

    async def _tick(self) -> None:
        wanted = list(self._queues)
        per_user = await run_in_threadpool(self._read, {user_id for user_id, _ in wanted})
        keys = [key for key in wanted if per_user.get(key[0])]
        # each (user, shape) once, however many of the user's devices listen; the users in
        # parallel on the thread pool (their reads overlap, as separate subscriptions' did)
        shaped = await asyncio.gather(*(run_in_threadpool(self._shape, key, per_user[key[0]]) for key in keys))
        for key, items in zip(keys, shaped, strict=True):
            for queue in self._queues.get(key, ()) if items else ():
                with contextlib.suppress(asyncio.QueueFull):  # stuck: it replays when it reconnects
                    queue.put_nowait(items)

    def _shape(self, key: tuple[int, Shape], events: list[Any]) -> list[Any]:
        user_id, shape = key
        try:
            with self.db.read() as session:
                return shape(session, user_id, events, self.zone)
        except Exception:  # one user's trouble must not hold up the others
            log.exception("shaping events for a subscriber failed")
            return []

    def _read(self, users: set[int]) -> dict[int, list[Any]]:
        """The new events concerning ``users``, per user."""
        high = self._high or 0
        with self.db.read() as session:
            ids = ledger_service.event_ids_after(session, max(0, high - LOOKBACK))
            unseen = [event_id for event_id in ids if event_id not in self._seen][:2000]
            fresh = ledger_service.events_by_id(session, unseen)
            concerned = ledger_service.concerned(session, fresh, users) if fresh else {}
        per_user: dict[int, list[Any]] = defaultdict(list)
        for event in fresh:
            for user_id in concerned.get(event.id, ()):
                per_user[user_id].append(event)
        for event in fresh:
            self._seen.add(event.id)
        if fresh:
            self._high = max(high, fresh[-1].id)
            floor = self._high - 2 * LOOKBACK
            self._seen = {seen for seen in self._seen if seen > floor}
        return per_user


def hub_of(services: Any) -> EventHub:
    """The process's hub (one per app)."""
    hub = services.extras.get("events")
    if hub is None:
        settings = services.settings
        listen_url = None
        if services.db.dialect == "postgresql":
            listen_url = settings.database_direct_url or settings.database_url
        hub = services.extras["events"] = EventHub(
            services.db, settings.events_poll_seconds, listen_url, zone=services.clock.zone
        )
    return hub
