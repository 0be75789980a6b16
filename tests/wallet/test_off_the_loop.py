"""Nothing blocks the server's event loop (``api.resolver_threads``): with one uvicorn worker, a
query whose statement is slow on purpose (``pg_sleep`` on PostgreSQL, a blocking wait on
SQLite) does not hold up ``{ __typename }`` requests sent while it runs; and argon2 (signing
in, the payment password) never runs on the event loop's thread and at most
``argon2_max_concurrent`` at once. The assertions are on order, never on durations."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from http.client import HTTPConnection

import pytest
import uvicorn
from sqlalchemy import text

from api.app import create_app
from tests.conftest import PASSWORD
from users import passwords
from wallet import payment_password
from wallet import service as wallet_service

SLOW = "{ wallet { balance { amount } } }"


class Server:
    """``app`` on a real uvicorn server (one worker) in a thread of this process."""

    def __init__(self, app) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn-loop", daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    def post(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json", "Accept-Language": "en"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request("POST", "/graphql", json.dumps({"query": query, "variables": variables}), headers)
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        assert response.status == 200, body
        return body

    def sign_in(self, email: str, password: str = PASSWORD) -> str:
        answer = self.post(
            "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }",
            {"i": {"email": email, "password": password}},
        )
        assert answer["data"]["login"]["userErrors"] == [], answer
        return answer["data"]["login"]["token"]


def test_a_slow_query_does_not_hold_up_other_requests(db, settings, clock, ready_user, monkeypatch):
    user = ready_user(deposit="10")
    started, release = threading.Event(), threading.Event()
    original = wallet_service.wallet_summary

    def slow_summary(session, user_id, *args, **kwargs):
        started.set()
        deadline = time.monotonic() + 60  # a safety net: the test releases it long before
        while not release.is_set() and time.monotonic() < deadline:
            if db.dialect == "sqlite":
                time.sleep(0.02)  # the driver blocks as a slow statement would
            else:
                session.execute(text("SELECT pg_sleep(0.02)"))
        return original(session, user_id, *args, **kwargs)

    monkeypatch.setattr(wallet_service, "wallet_summary", slow_summary)
    app = create_app(settings, db=db, clock=clock, run_periodic_jobs=False)
    with Server(app) as server:
        token = server.sign_in(user.email)

        async def scenario() -> tuple[list[dict], bool, dict]:
            slow = asyncio.ensure_future(asyncio.to_thread(server.post, SLOW, None, token))
            assert await asyncio.to_thread(started.wait, 30), "the slow query never started"
            quick = await asyncio.wait_for(
                asyncio.gather(*(asyncio.to_thread(server.post, "{ __typename }") for _ in range(5))), timeout=45
            )
            still_running = not slow.done()  # it loops until released: it must be running still
            release.set()
            return quick, still_running, await slow

        try:
            quick, still_running, slow_answer = asyncio.run(scenario())
        finally:
            release.set()
    assert [answer["data"] for answer in quick] == [{"__typename": "Query"}] * 5
    assert still_running, "the quick requests waited for the slow one"
    assert slow_answer["data"]["wallet"]["balance"]["amount"] == "10.00"


def test_argon2_never_runs_on_the_event_loop_and_is_bounded(db, settings, clock, ready_user, monkeypatch):
    user = ready_user(deposit="10")
    payee = ready_user()
    with db.write() as session:
        payment_password.set_password(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            new_password="258014",
            current_password=None,
        )
    threads: list[str] = []
    active, most = [0], [0]
    lock = threading.Lock()
    real = passwords._hasher_for(settings)

    class Watched:
        """The real hasher, noting where and how many at once it runs."""

        def _watch(self, method, *args):
            with lock:
                threads.append(threading.current_thread().name)
                active[0] += 1
                most[0] = max(most[0], active[0])
            try:
                time.sleep(0.01)  # long enough for concurrent ones to overlap
                return method(*args)
            finally:
                with lock:
                    active[0] -= 1

        def hash(self, password):
            return self._watch(real.hash, password)

        def verify(self, stored, password):
            return self._watch(real.verify, stored, password)

        def check_needs_rehash(self, stored):
            return real.check_needs_rehash(stored)

    monkeypatch.setattr(passwords, "_hasher_for", lambda _settings: Watched())
    app = create_app(settings, db=db, clock=clock, run_periodic_jobs=False)
    with Server(app) as server:
        tokens: list[str] = []
        signers = [threading.Thread(target=lambda: tokens.append(server.sign_in(user.email))) for _ in range(8)]
        for signer in signers:
            signer.start()
        for signer in signers:
            signer.join(timeout=120)
        assert len(tokens) == 8
        paid = server.post(
            "mutation($i: PayInput!) { pay(input: $i) { payment { status payee { displayName } } userErrors { code } } }",
            {"i": {"payee": payee.email, "amount": "1.00", "idempotencyKey": "argon2", "paymentPassword": "258014"}},
            tokens[0],
        )
    assert paid["data"]["pay"]["userErrors"] == [], paid
    assert paid["data"]["pay"]["payment"]["status"] == "COMPLETED"
    assert len(threads) >= 9  # eight sign-ins and the payment password
    assert "uvicorn-loop" not in threads  # the server's event loop never computed one
    assert most[0] <= settings.argon2_max_concurrent


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"argon2_max_concurrent": 2})
