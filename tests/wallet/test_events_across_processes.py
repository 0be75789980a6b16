"""A payment made through one server process reaches a subscriber connected to another
(issue 15): two ``robo serve`` processes on one database, a WebSocket subscription on the
first, the payment posted to the second."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests.conftest import DEFAULT_NOW, PASSWORD

pytestmark = pytest.mark.slow

SUBSCRIBE = "subscription { walletEvents { kind payment { id } } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _server(database_url: str):
    port = _free_port()
    env = {
        **os.environ,
        "ROBO_ENV": "test",
        "ROBO_DATABASE_URL": database_url,
        "ROBO_CLOCK": DEFAULT_NOW.isoformat(),
        "ROBO_ARGON2_TIME_COST": "1",
        "ROBO_ARGON2_MEMORY_COST_KIB": "1024",
        "ROBO_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "robo"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _post(port: int, query: str, variables: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, headers)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["data"]


def _token(port: int, email: str) -> str:
    login = "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }"
    return _post(port, login, {"i": {"email": email, "password": PASSWORD}})["login"]["token"]


def test_a_payment_through_one_process_reaches_a_subscriber_of_another(db, ready_user):
    payer, payee = ready_user(deposit="100"), ready_user()
    with _server(db.url) as first, _server(db.url) as second:
        with connect(f"ws://127.0.0.1:{first}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send(
                json.dumps(
                    {"type": "connection_init", "payload": {"Authorization": f"Bearer {_token(first, payee.email)}"}}
                )
            )
            assert json.loads(ws.recv(timeout=10)) == {"type": "connection_ack"}
            ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
            time.sleep(0.5)  # the subscription is listening
            pay = "mutation($i: PayInput!) { pay(input: $i) { payment { id } userErrors { code } } }"
            paid = _post(
                second,
                pay,
                {"i": {"payee": payee.email, "amount": "1.00", "idempotencyKey": "x"}},
                _token(second, payer.email),
            )["pay"]
            assert paid["userErrors"] == []
            message = json.loads(ws.recv(timeout=10))
    assert message["type"] == "next"
    assert message["payload"]["data"]["walletEvents"] == {"kind": "PAYMENT_RECEIVED", "payment": paid["payment"]}
