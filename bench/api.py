"""API throughput: our authenticated ``{ me { id email roles } }`` against a bare strawberry
``{ hello }``, measured in the same run and the same way.

Both servers are uvicorn with one worker in a subprocess (same flags: access log off, the
loop and HTTP parser uvicorn picks). Ours is ``robo serve`` on a migrated and seeded SQLite
database in a temporary directory; the baseline is a bare strawberry + FastAPI app with
default settings. A lean keep-alive HTTP/1.1 client (raw asyncio streams, so it costs far
less CPU than the servers) drives each server with the same concurrency for a fixed time,
after a warm-up, and checks every answer (status 200, no GraphQL errors). The measurement
alternates baseline/ours for a few rounds and reports medians (the ratio is the median of
the paired rounds), so drift of a shared machine hits both alike. It also prints requests per
CPU-second each server spent, a figure that other load on the machine barely moves.

    .venv/bin/python bench/api.py                     # 16 connections, 5 rounds of 5 s
    .venv/bin/python bench/api.py --clients 2         # the same with 2 client processes
    .venv/bin/python bench/api.py --check-client      # is the client the bottleneck? (1 vs 2)

Target: ratio (ours / baseline) >= 1.0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ME_QUERY = "{ me { id email roles } }"
# An app's home screen in one request (issue 15): the wallet, the portfolio with its holdings
# and pending orders, and the money funds' yields.
HOME_QUERY = (
    "{ me { displayName unreadNotificationCount wallet { balance { amount } available { amount } } "
    "portfolio { totalValue { amount } yesterdayIncome { amount } cumulativeIncome { amount } "
    "moneyFundBalance { amount } holdings { units value { amount } yesterdayIncome { amount } "
    "product { id code name } } pendingOrders { id status product { code } } } } "
    "products(kind: MONEY_FUND, first: 3) { nodes { id code name sevenDayAnnualizedYield } } }"
)
HELLO_QUERY = "{ hello }"
DEMO_EMAIL, DEMO_PASSWORD = "alice@example.com", "demo-pass-2026"

HELLO_APP = textwrap.dedent(
    '''
    """A bare strawberry + FastAPI app with default settings (the baseline)."""
    import strawberry
    from fastapi import FastAPI
    from strawberry.fastapi import GraphQLRouter


    @strawberry.type
    class Query:
        @strawberry.field
        def hello(self) -> str:
            return "world"


    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query)), prefix="/graphql")
    '''
)


# --- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_json(port: int, body: dict, token: str | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_until_up(port: int, process: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{name} server did not start on port {port}")


def start_servers(
    workdir: Path, database_url: str | None = None
) -> tuple[subprocess.Popen, int, subprocess.Popen, int, str]:
    env = dict(os.environ)
    env.update(
        ROBO_DATABASE_URL=database_url or f"sqlite:///{workdir / 'robo.db'}",
        ROBO_ENV="dev",
        ROBO_LOG_LEVEL="WARNING",
    )
    env.pop("ROBO_CLOCK", None)
    robo = str(BIN / "robo")
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([robo, *command], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)

    ours_port, hello_port = free_port(), free_port()
    ours = subprocess.Popen([robo, "serve", "--port", str(ours_port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    (workdir / "hello_app.py").write_text(HELLO_APP)
    hello = subprocess.Popen(
        [
            str(BIN / "python"),
            "-m",
            "uvicorn",
            "hello_app:app",
            "--app-dir",
            str(workdir),
            "--host",
            "127.0.0.1",
            "--port",
            str(hello_port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_until_up(ours_port, ours, "our")
    wait_until_up(hello_port, hello, "baseline")

    login = post_json(
        ours_port,
        {
            "query": "mutation($i: LoginInput!) { login(input: $i) { token userErrors { message } } }",
            "variables": {"i": {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}},
        },
    )
    token = login["data"]["login"]["token"]
    if not token:
        raise SystemExit(f"cannot sign in the demo user: {login}")
    me = post_json(ours_port, {"query": ME_QUERY}, token)
    assert me["data"]["me"]["email"] == DEMO_EMAIL, me
    assert post_json(hello_port, {"query": HELLO_QUERY})["data"] == {"hello": "world"}
    return ours, ours_port, hello, hello_port, token


# --- the load generator --------------------------------------------------------------------


def request_bytes(port: int, query: str, token: str | None) -> bytes:
    body = json.dumps({"query": query}).encode()
    headers = [
        "POST /graphql HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
    ]
    if token:
        headers.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


async def _connection(port: int, payload: bytes, state: dict) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while not state["stop"]:
            sent = time.perf_counter()
            writer.write(payload)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body = await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200") or b'"errors"' in body:
                state["failed"] += 1
                if state["failed"] == 1:
                    state["first_failure"] = (head + body)[:400].decode(errors="replace")
            elif state["counting"]:
                state["done"] += 1
                state["latencies"].append(time.perf_counter() - sent)
    finally:
        writer.close()


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _drive(port: int, payload: bytes, connections: int, warmup: float, duration: float, server_pid: int) -> dict:
    state = {"stop": False, "counting": False, "done": 0, "failed": 0, "first_failure": None, "latencies": []}
    tasks = [asyncio.create_task(_connection(port, payload, state)) for _ in range(connections)]
    await asyncio.sleep(warmup)
    state["counting"] = True
    cpu0, server0 = resource.getrusage(resource.RUSAGE_SELF), process_cpu_seconds(server_pid)
    started = time.perf_counter()
    await asyncio.sleep(duration)
    state["counting"] = False
    elapsed = time.perf_counter() - started
    cpu1, server1 = resource.getrusage(resource.RUSAGE_SELF), process_cpu_seconds(server_pid)
    state["stop"] = True
    await asyncio.gather(*tasks, return_exceptions=True)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return {
        "done": state["done"],
        "failed": state["failed"],
        "elapsed": elapsed,
        "cpu": cpu,
        "server_cpu": server1 - server0,
        "first_failure": state["first_failure"],
        "latencies": state["latencies"],
    }


def _client_process(port, payload, connections, warmup, duration, server_pid, queue) -> None:
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        pass
    queue.put(asyncio.run(_drive(port, payload, connections, warmup, duration, server_pid)))


@dataclass
class Measurement:
    rps: float
    per_cpu_second: float  # requests per CPU second the server spent: robust to a busy machine
    failed: int
    client_cpu_share: float  # CPU seconds of the client processes per second of wall time
    first_failure: str | None
    p50_ms: float = float("nan")
    p95_ms: float = float("nan")


def measure(
    port: int,
    server_pid: int,
    query: str,
    token: str | None,
    *,
    connections: int,
    clients: int,
    warmup: float,
    duration: float,
) -> Measurement:
    payload = request_bytes(port, query, token)
    queue: multiprocessing.Queue = multiprocessing.Queue()
    share = [connections // clients + (1 if i < connections % clients else 0) for i in range(clients)]
    processes = [
        multiprocessing.Process(target=_client_process, args=(port, payload, n, warmup, duration, server_pid, queue))
        for n in share
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = max(r["elapsed"] for r in results)
    done = sum(r["done"] for r in results)
    server_cpu = max(r["server_cpu"] for r in results)
    failure = next((r["first_failure"] for r in results if r["first_failure"]), None)
    latencies = sorted(latency for r in results for latency in r["latencies"])

    def percentile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    return Measurement(
        p50_ms=percentile(0.5),
        p95_ms=percentile(0.95),
        rps=done / elapsed,
        per_cpu_second=done / server_cpu if server_cpu else float("nan"),
        failed=sum(r["failed"] for r in results),
        client_cpu_share=sum(r["cpu"] for r in results) / elapsed,
        first_failure=failure,
    )


# --- main ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections")
    parser.add_argument("--clients", type=int, default=1, help="client processes sharing the connections")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured per round and server")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up before each measurement")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (medians reported)")
    parser.add_argument(
        "--check-client", action="store_true", help="measure both servers with 1 and with 2 client processes and stop"
    )
    parser.add_argument(
        "--home", action="store_true", help="ours: the home-screen query (wallet, portfolio, yields) instead of { me }"
    )
    parser.add_argument("--postgres", action="store_true", help="ours on a scratch PostgreSQL database (demo data)")
    args = parser.parse_args()
    query, ours_label = (HOME_QUERY, "home screen") if args.home else (ME_QUERY, "{ me }")

    scratch = None
    if args.postgres:
        import importlib.util

        spec = importlib.util.spec_from_file_location("bench_ledger", ROOT / "bench" / "ledger.py")
        bench_ledger = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench_ledger)
        scratch = f"bench_api_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="robo-bench-") as tmp:
        url = bench_ledger.create_database(scratch) if scratch else None
        ours, ours_port, hello, hello_port, token = start_servers(Path(tmp), url)
        targets = {
            "baseline": (hello_port, hello.pid, HELLO_QUERY, None),
            "ours": (ours_port, ours.pid, query, token),
        }
        try:
            run = dict(connections=args.connections, warmup=args.warmup, duration=args.duration)
            print(
                f"{args.connections} connections, {args.warmup:g} s warm-up, {args.duration:g} s measured "
                f"per round, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
            )
            if args.check_client:
                for clients in (1, 2):
                    for name, label in (("baseline", "bare { hello }"), ("ours", "ours { me }")):
                        m = measure(*targets[name], clients=clients, **run)
                        print(
                            f"{clients} client process(es), {label:<15} {m.rps:6.0f} req/s "
                            f"(client CPU {m.client_cpu_share:.2f} cores, failed {m.failed})"
                        )
                return 0
            latency = measure(*targets["ours"], connections=1, clients=1, warmup=args.warmup, duration=args.duration)
            print(
                f"ours {ours_label}, one connection after another: p50 {latency.p50_ms:.1f} ms, "
                f"p95 {latency.p95_ms:.1f} ms ({latency.rps:.0f} req/s)"
            )
            rounds = []
            for number in range(1, args.rounds + 1):
                base = measure(*targets["baseline"], clients=args.clients, **run)
                mine = measure(*targets["ours"], clients=args.clients, **run)
                for label, m in (("baseline", base), ("ours", mine)):
                    if m.failed:
                        print(f"{label}: {m.failed} failed answers, e.g.:\n{m.first_failure}")
                        return 1
                rounds.append((base, mine))
                print(
                    f"round {number}: bare {{ hello }} {base.rps:5.0f} req/s ({base.per_cpu_second:5.0f}/CPU-s) | "
                    f"ours {ours_label} {mine.rps:5.0f} req/s ({mine.per_cpu_second:5.0f}/CPU-s) | "
                    f"ratio {mine.rps / base.rps:.2f} | client CPU {max(base.client_cpu_share, mine.client_cpu_share):.2f} cores"
                )
            median = statistics.median
            base_rps, ours_rps = median(b.rps for b, _ in rounds), median(m.rps for _, m in rounds)
            base_cpu, ours_cpu = (
                median(b.per_cpu_second for b, _ in rounds),
                median(m.per_cpu_second for _, m in rounds),
            )
            print(
                f"bare strawberry + FastAPI {{ hello }}:           {base_rps:6.0f} req/s, {base_cpu:6.0f} per server CPU-second"
            )
            print(
                f"ours, authenticated {ours_label}:{' ' * max(1, 22 - len(ours_label))}{ours_rps:6.0f} req/s, "
                f"{ours_cpu:6.0f} per server CPU-second (one worker)"
            )
            print(
                f"ratio ours / baseline: {median(m.rps / b.rps for b, m in rounds):.2f} "
                f"(median of paired rounds; target >= {0.5 if args.home else 1.0}), per server CPU-second {ours_cpu / base_cpu:.2f}"
            )
        finally:
            for process in (ours, hello):
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            if scratch:
                bench_ledger.drop_database(scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
