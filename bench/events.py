"""Live updates under load: payments among ``--users`` users on PostgreSQL through GraphQL,
each user with ``--subscribers`` ``walletEvents`` subscriptions spread over ``--servers``
``robo serve`` processes, at ``--rate`` payments a second for ``--seconds``.

It prints the delivery latency (median and p99) from the moment the payer's HTTP answer
arrived (the payment is committed by then) to the moment each subscriber received its event,
and the same from the moment the request was sent; the payments and events per second
achieved; and, after a forced reconnect of half of the subscriptions midway (each resumes
with ``after`` = the last event id it saw), how many events were lost or sent twice: every
subscriber must receive one event for every payment its user sent or received.

    .venv/bin/python bench/events.py                                  # 500 users x 2, 200/s, 60 s
    .venv/bin/python bench/events.py --users 100 --rate 50 --seconds 20 --no-write
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import random
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import date
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORT = ROOT / "docs" / "benchmarks.md"

_spec = importlib.util.spec_from_file_location("bench_ledger", ROOT / "bench" / "ledger.py")
bench_ledger = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_ledger)

SUBSCRIBE = "subscription($after: ID) { walletEvents(after: $after) { id kind payment { id } } }"
PAY = "mutation($i: PayInput!) { pay(input: $i) { payment { id } userErrors { code } } }"


class Subscriber:
    """One ``walletEvents`` subscription of one user, which it can drop and resume."""

    def __init__(self, user: int, token: str, port: int, received: dict) -> None:
        self.user, self.token, self.port = user, token, port
        self.received = received  # payment id -> arrival times, shared per (user, subscriber)
        self.last_id: str | None = None
        self.duplicates = 0
        self.task: asyncio.Task | None = None
        self.ready = asyncio.Event()

    async def run(self) -> None:
        from websockets.asyncio.client import connect

        async with connect(f"ws://127.0.0.1:{self.port}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {self.token}"}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            payload = {"query": SUBSCRIBE, "variables": {"after": self.last_id}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            self.ready.set()
            async for raw in ws:
                now = time.monotonic()
                message = json.loads(raw)
                if message.get("type") != "next":
                    continue
                event = message["payload"]["data"]["walletEvents"]
                self.last_id = event["id"]
                payment = event["payment"]["id"] if event["payment"] else None
                if payment is None:
                    continue
                if payment in self.received:
                    self.duplicates += 1
                else:
                    self.received[payment] = now

    def start(self) -> None:
        self.ready = asyncio.Event()
        self.task = asyncio.get_running_loop().create_task(self.run())

    async def drop_and_resume(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self.task
        self.start()


def _post(connection: HTTPConnection, body: dict, token: str) -> dict:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    connection.request("POST", "/graphql", json.dumps(body), headers)
    return json.loads(connection.getresponse().read())


def _payer(port: int, tokens: dict, user_ids: list, rate: float, seconds: float, out: list, lock, seed: int) -> None:
    rng = random.Random(seed)
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.monotonic()
    n = 0
    while True:
        due = start + n / rate
        now = time.monotonic()
        if due - start > seconds or now - start > seconds:  # the servers may not keep up: stop on time
            break
        if due > now:
            time.sleep(due - now)
        payer, payee = rng.sample(user_ids, 2)
        sent = time.monotonic()
        body = {
            "query": PAY,
            "variables": {"i": {"payee": tokens[payee][1], "amount": "0.01", "idempotencyKey": uuid.uuid4().hex}},
        }
        answer = _post(connection, body, tokens[payer][0])["data"]["pay"]
        answered = time.monotonic()
        if not answer["userErrors"]:
            with lock:
                out.append((answer["payment"]["id"], payer, payee, sent, answered))
        n += 1


async def _measure(args, ports: list[int], tokens: dict, user_ids: list) -> dict:
    received: dict[tuple[int, int], dict] = defaultdict(dict)
    subscribers = [
        Subscriber(user, tokens[user][0], ports[(i + k) % len(ports)], received[(user, k)])
        for i, user in enumerate(user_ids)
        for k in range(args.subscribers)
    ]
    for subscriber in subscribers:
        subscriber.start()
    await asyncio.gather(*(s.ready.wait() for s in subscribers))
    await asyncio.sleep(1.0)
    payments, lock = [], threading.Lock()
    threads = [
        threading.Thread(
            target=_payer,
            args=(ports[i % len(ports)], tokens, user_ids, args.rate / args.payers, args.seconds, payments, lock, i),
        )
        for i in range(args.payers)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    await asyncio.sleep(args.seconds / 2)
    print(f"  {len(payments):,} payments so far; dropping half of the subscriptions ...", flush=True)
    dropped = subscribers[::2]
    for subscriber in dropped:  # half of the phones lose their connection and come back
        await subscriber.drop_and_resume()
    while any(thread.is_alive() for thread in threads):
        await asyncio.sleep(0.2)
    elapsed = time.monotonic() - started
    await asyncio.sleep(3.0)  # the last events arrive
    for subscriber in subscribers:
        subscriber.task.cancel()
    await asyncio.gather(*(s.task for s in subscribers), return_exceptions=True)

    from_answer, from_request, lost, expected = [], [], 0, 0
    for payment, payer, payee, sent, answered in payments:
        for user in (payer, payee):
            for k in range(args.subscribers):
                expected += 1
                arrived = received[(user, k)].get(payment)
                if arrived is None:
                    lost += 1
                    continue
                from_answer.append(max(0.0, arrived - answered))
                from_request.append(arrived - sent)
    return {
        "payments": len(payments),
        "elapsed": elapsed,
        "events": expected - lost,
        "lost": lost,
        "duplicates": sum(s.duplicates for s in subscribers),
        "from_answer": from_answer,
        "from_request": from_request,
        "subscriptions": len(subscribers),
        "reconnected": len(dropped),
    }


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--subscribers", type=int, default=2, help="subscriptions per user")
    parser.add_argument("--servers", type=int, default=2, help="robo serve processes")
    parser.add_argument("--rate", type=float, default=200.0, help="payments a second asked for")
    parser.add_argument("--payers", type=int, default=8, help="client threads posting payments")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--no-write", action="store_true", help=f"do not update {REPORT.relative_to(ROOT)}")
    args = parser.parse_args()

    name = f"bench_events_{uuid.uuid4().hex[:8]}"
    url = bench_ledger.create_database(name)
    servers = []
    try:
        print(f"seeding {args.users} users ...", flush=True)
        users = bench_ledger.seed(url, args.users)
        servers = [bench_ledger.GraphQLServer(url, users, workers=1, signed_in=0) for _ in range(args.servers)]
        tokens = {user_id: (bench_ledger.sign_in(servers[0].port, email), email) for user_id, email in users}
        ports = [server.port for server in servers]
        print(
            f"{args.users * args.subscribers} subscriptions on {len(ports)} server processes; "
            f"{args.rate:.0f} payments/s asked for {args.seconds:.0f} s ...",
            flush=True,
        )
        result = asyncio.run(_measure(args, ports, tokens, [user_id for user_id, _ in users]))
    finally:
        for server in servers:
            server.stop()
        bench_ledger.drop_database(name)

    rate = result["payments"] / result["elapsed"]
    lines = [
        f"payments: {result['payments']:,} in {result['elapsed']:.0f} s = {rate:.0f}/s (asked {args.rate:.0f}/s)",
        f"events delivered: {result['events']:,} to {result['subscriptions']} subscriptions "
        f"({result['events'] / result['elapsed']:.0f}/s); {result['reconnected']} reconnected midway",
        f"lost: {result['lost']}, sent twice: {result['duplicates']}",
        f"latency from the payer's answer: median {_p(result['from_answer'], 0.5):.0f} ms, "
        f"p99 {_p(result['from_answer'], 0.99):.0f} ms (target p99 < 250 ms)",
        f"latency from the payer's request: median {_p(result['from_request'], 0.5):.0f} ms, "
        f"p99 {_p(result['from_request'], 0.99):.0f} ms",
    ]
    print("\n".join(lines))
    if not args.no_write:
        command = " ".join(["bench/events.py", *sys.argv[1:]])
        section = "\n".join(
            [
                "<!-- bench/events.py -->",
                "## Live updates under load (`bench/events.py`, issue 15)",
                "",
                f"PostgreSQL, {date.today()}, `.venv/bin/python {command}`: {args.users} users x "
                f"{args.subscribers} `walletEvents` subscriptions over {args.servers} `robo serve` processes "
                f"(one worker each), payments through GraphQL by {args.payers} client threads, all on this 2-core "
                "machine (servers, PostgreSQL, the subscribers and the payers share it).",
                "",
                *[f"- {line}" for line in lines],
                "<!-- /bench/events.py -->",
            ]
        )
        text = REPORT.read_text(encoding="utf-8")
        start, end = "<!-- bench/events.py -->", "<!-- /bench/events.py -->"
        if start in text:
            text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        REPORT.write_text(text, encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
