"""PostgreSQL wakes the live-update hub (issue 15): a trigger notifies ``robo_outbox`` when an
outbox event commits (never for one rolled back), and a hub that LISTENs delivers the event
without waiting for its poll."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

from api.events import EventHub
from db import listen as db_listen
from ledger import outbox
from tests.conftest import DEFAULT_NOW

pytestmark = pytest.mark.postgresql


def _emit(db, user_id: int, *, commit: bool = True) -> None:
    def write():
        with contextlib.suppress(RuntimeError), db.write() as session:
            outbox.emit(session, topic="test.EVENT", at=DEFAULT_NOW, user_ids=[user_id])
            if not commit:
                raise RuntimeError("roll back")

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()


def test_a_committed_outbox_event_notifies_and_a_rolled_back_one_does_not(pg_db):
    async def scenario():
        woken: asyncio.Queue[None] = asyncio.Queue()

        async def consume():
            async for _ in db_listen.notifications(pg_db.url):
                woken.put_nowait(None)

        consumer = asyncio.get_running_loop().create_task(consume())
        await asyncio.wait_for(woken.get(), 10)  # listening
        _emit(pg_db, 1, commit=False)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(woken.get(), 0.5)
        _emit(pg_db, 1)
        await asyncio.wait_for(woken.get(), 10)
        consumer.cancel()

    asyncio.run(scenario())


def test_a_listening_hub_delivers_without_waiting_for_its_poll(pg_db):
    async def scenario():
        hub = EventHub(pg_db, poll_seconds=10, listen_url=pg_db.url)  # a poll far slower than the wait below
        queue = hub.listen(7)

        async def listening():
            while not hub._listening:
                await asyncio.sleep(0.05)

        await asyncio.wait_for(listening(), 10)
        await asyncio.sleep(0.2)  # the reader has had its first look and sleeps on the long poll
        _emit(pg_db, 7)
        (event,) = await asyncio.wait_for(queue.get(), 5)
        assert event.topic == "test.EVENT"
        for task in (hub._task, hub._listener):
            task.cancel()

    asyncio.run(scenario())
