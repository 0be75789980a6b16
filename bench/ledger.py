"""Ledger throughput on PostgreSQL: payments per second with 8 concurrent clients through
the service layer and through GraphQL over HTTP, against pgbench's TPC-B on the same
machine in the same run.

- Service layer: 8 clients as threads of 2 processes (as pgbench's ``-c 8 -j 2``: 8
  oversubscribed processes on a 2-core machine spend their time waiting to be scheduled),
  each calling ``wallet.payments.pay`` in its own write transaction: direct payments between
  random pairs of ``--users`` verified, funded users.
- GraphQL: a real uvicorn server (``robo serve``, ``--workers`` processes) in a subprocess on
  the same database; 8 client processes post the ``pay`` mutation over keep-alive HTTP and
  check every answer.
- pgbench: ``pgbench -i -s 10`` into a scratch database created and dropped here, then
  ``pgbench -c 8 -j 2 -T <seconds>``.

Every phase runs for the same ``--seconds`` after a warm-up. Each run creates and drops its
own databases. Target: service layer >= 0.5 x pgbench TPC-B.

    .venv/bin/python bench/ledger.py                 # 15 s per phase, 1,000 users
    .venv/bin/python bench/ledger.py --seconds 5     # quicker
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench-password-2026"
CLIENTS = 8
PROCESSES = 2  # like pgbench -j 2: 8 clients shared by 2 worker processes (threads inside)
PAY = (
    "mutation($i: PayInput!) { pay(input: $i) { payment { id status } userErrors { code message } } }"
)
# Cheap hashing and roomy limits for the benchmark's server and seed data.
BENCH_ENV = {
    "ROBO_ENV": "test",
    "ROBO_ARGON2_TIME_COST": "1",
    "ROBO_ARGON2_MEMORY_COST_KIB": "1024",
    "ROBO_PAYMENT_LIMIT_DAILY": "100000000",
    "ROBO_LOG_LEVEL": "WARNING",
    "ROBO_ESCROW_RELEASE_INTERVAL_SECONDS": "3600",
}


# --- databases -------------------------------------------------------------------------------


def _admin():
    from sqlalchemy import create_engine

    return create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")


def create_database(name: str) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(name: str) -> None:
    from sqlalchemy import text

    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def seed(url: str, users: int) -> list[tuple[int, str]]:
    """``users`` customers with a verified identity, a card and 1,000,000 CNY each."""
    import migrations
    from core.clock import SystemClock
    from core.settings import Settings
    from db.session import Database
    from users import passwords, service
    from wallet import cash, identity
    from wallet.demo import luhn_complete

    migrations.upgrade(url)
    settings = Settings(**{key[5:].lower(): value for key, value in BENCH_ENV.items()}, database_url=url)
    clock = SystemClock()
    database = Database(url)
    body = "11010519900307123"
    number = body + identity.id_check_character(body)
    card = luhn_complete("622202020011223344")
    hashed = passwords.hash_password(PASSWORD, settings=settings)
    made = []
    with database.write() as session:
        for n in range(users):
            user = service.create_user(
                session=session, email=f"bench{n}@example.com", password=PASSWORD, password_hash=hashed,
                clock=clock, settings=settings,
            )
            identity.verify_identity(session=session, clock=clock, user_id=user.id, real_name=f"Bench {n}", id_number=number)
            identity.bind_bank_card(session=session, clock=clock, settings=settings, user_id=user.id,
                                    card_number=card, holder_name=f"Bench {n}", bank_name="ICBC")
            cash.deposit(session=session, clock=clock, settings=settings, user_id=user.id,
                         amount=Decimal("1000000"), idempotency_key="seed")
            made.append((user.id, user.email))
    database.dispose()
    return made


# --- the service layer -----------------------------------------------------------------------


def _service_client(url: str, users: list, seconds: float, warmup: float, barrier, results, index: int) -> None:
    """One client process running ``CLIENTS // PROCESSES`` client threads."""
    import threading

    from core.clock import SystemClock
    from core.settings import Settings
    from db.session import Database

    settings = Settings(**{key[5:].lower(): value for key, value in BENCH_ENV.items()}, database_url=url)
    clock, database = SystemClock(), Database(url, pool_size=CLIENTS, max_overflow=0)
    threads_barrier, counts = threading.Barrier(CLIENTS // PROCESSES), []
    threads = [
        threading.Thread(
            target=_service_thread,
            args=(database, settings, clock, users, seconds, warmup, threads_barrier, counts, index * 100 + n),
        )
        for n in range(CLIENTS // PROCESSES)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    for thread in threads:
        thread.join()
    database.dispose()
    results.put((sum(c[0] for c in counts), sum(c[1] for c in counts)))


def _service_thread(database, settings, clock, users, seconds, warmup, barrier, counts, seed) -> None:
    from core.errors import DomainError
    from wallet import payments

    rng, tag = random.Random(seed), uuid.uuid4().hex[:8]
    barrier.wait()
    start, done, refused, counting = time.perf_counter(), 0, 0, False
    while True:
        now = time.perf_counter()
        if not counting and now - start >= warmup:
            counting, done, refused, begun = True, 0, 0, now
        if counting and now - begun >= seconds:
            break
        (payer_id, _), (_, payee_email) = rng.sample(users, 2)
        try:
            with database.write() as session:
                payments.pay(
                    session=session, clock=clock, settings=settings, payer_id=payer_id, payee=payee_email,
                    amount=Decimal(rng.randint(1, 100)).scaleb(-2), idempotency_key=f"{tag}-{done}-{refused}-{now}",
                )
            done += 1
        except DomainError:
            refused += 1
    counts.append((done, refused))


def run_clients(target, args: tuple, seconds: float, warmup: float, processes_count: int) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes_count), context.Queue()
    processes = [
        context.Process(target=target, args=(*args, seconds, warmup, barrier, results, index))
        for index in range(processes_count)
    ]
    for process in processes:
        process.start()
    counts = [results.get(timeout=seconds + warmup + 300) for _ in processes]
    for process in processes:
        process.join()
    done = sum(c[0] for c in counts)
    return done / seconds, sum(c[1] for c in counts)


# --- GraphQL over HTTP -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(connection: HTTPConnection, body: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request("POST", "/graphql", json.dumps(body), headers)
    response = connection.getresponse()
    payload = response.read()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}: {payload[:200]!r}")
    return json.loads(payload)


def sign_in(port: int, email: str) -> str:
    connection = HTTPConnection("127.0.0.1", port)
    answer = _post(connection, {
        "query": "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }",
        "variables": {"i": {"email": email, "password": PASSWORD}},
    })
    connection.close()
    return answer["data"]["login"]["token"]


def _http_client(port: int, accounts: list, seconds: float, warmup: float, barrier, results, index: int) -> None:
    rng, connection = random.Random(index), HTTPConnection("127.0.0.1", port)
    tag = uuid.uuid4().hex[:8]
    barrier.wait()
    start, done, refused, counting = time.perf_counter(), 0, 0, False
    while True:
        now = time.perf_counter()
        if not counting and now - start >= warmup:
            counting, done, refused, begun = True, 0, 0, now
        if counting and now - begun >= seconds:
            break
        (token, _), (_, payee_email) = rng.sample(accounts, 2)
        answer = _post(connection, {"query": PAY, "variables": {"i": {
            "payee": payee_email, "amount": f"0.{rng.randint(1, 99):02d}", "idempotencyKey": f"{tag}-{done}-{refused}-{now}",
        }}}, token)
        if answer.get("errors"):
            raise RuntimeError(answer["errors"])
        payload = answer["data"]["pay"]
        if payload["userErrors"]:
            refused += 1
        else:
            done += 1
    connection.close()
    results.put((done, refused))


def graphql_phase(url: str, users: list, seconds: float, warmup: float, workers: int, signed_in: int) -> tuple[float, int]:
    port = _free_port()
    env = {**os.environ, **BENCH_ENV, "ROBO_DATABASE_URL": url}
    server = subprocess.Popen(
        [str(BIN / "robo"), "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"server did not start: {server.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        accounts = [(sign_in(port, email), email) for _, email in users[:signed_in]]
        return run_clients(_http_client, (port, accounts), seconds, warmup, CLIENTS)
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- pgbench ---------------------------------------------------------------------------------


def pgbench_tps(seconds: int) -> float | None:
    pgbench = shutil.which("pgbench")
    if pgbench is None:
        return None
    from sqlalchemy.engine import make_url

    admin = make_url(ADMIN_URL)
    name = f"robo_bench_pgbench_{os.getpid()}"
    create_database(name)
    connect = ["-h", admin.host or "127.0.0.1", "-p", str(admin.port or 5432), "-U", admin.username or "postgres"]
    env = {**os.environ, **({"PGPASSWORD": admin.password} if admin.password else {})}
    try:
        subprocess.run([pgbench, "-i", "-q", "-s", "10", *connect, name], check=True, env=env, capture_output=True)
        run = subprocess.run(
            [pgbench, "-c", str(CLIENTS), "-j", "2", "-T", str(seconds), *connect, name],
            check=True, env=env, capture_output=True, text=True,
        )
    finally:
        drop_database(name)
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", run.stdout)
    return float(match.group(1)) if match else None


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15, help="measured seconds per phase (default 15)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds before measuring")
    parser.add_argument("--users", type=int, default=1000, help="funded users paying each other")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes for the GraphQL phase")
    parser.add_argument("--signed-in", type=int, default=200, help="users signed in for the GraphQL phase")
    args = parser.parse_args()

    try:
        _admin().connect().close()
    except Exception as error:  # noqa: BLE001 - any failure: no server to measure
        print(f"PostgreSQL not reachable at {ADMIN_URL} ({type(error).__name__}); set ROBO_BENCH_POSTGRES_URL. Skipped.")
        return
    name = f"robo_bench_ledger_{os.getpid()}"
    url = create_database(name)
    try:
        started = time.perf_counter()
        users = seed(url, args.users)
        print(f"seeded {len(users)} users in {time.perf_counter() - started:.1f} s")
        service_rate, service_refused = run_clients(
            _service_client, (url, users), args.seconds, args.warmup, PROCESSES
        )
        print(
            f"service layer : {service_rate:8.0f} payments/s  ({CLIENTS} clients in {PROCESSES} processes, "
            f"{service_refused} refused)"
        )
        http_rate, http_refused = graphql_phase(url, users, args.seconds, args.warmup, args.workers, args.signed_in)
        print(
            f"GraphQL (HTTP): {http_rate:8.0f} payments/s  ({CLIENTS} clients, {args.workers} uvicorn workers, "
            f"{http_refused} refused)"
        )
        from sqlalchemy import create_engine

        from wallet.verify import verify
        from sqlalchemy.orm import Session

        engine = create_engine(url)
        with Session(engine) as session:
            problems = verify(session)
        engine.dispose()
        print("ledger verify : " + ("OK" if not problems else f"{len(problems)} problem(s): {problems[:3]}"))
    finally:
        drop_database(name)
    tps = pgbench_tps(args.seconds)
    if tps is None:
        print("pgbench       : not installed; no baseline")
        return
    print(f"pgbench TPC-B : {tps:8.0f} tps  (-s 10, -c {CLIENTS} -j 2 -T {args.seconds})")
    print(f"ratio service / pgbench = {service_rate / tps:.2f}  (target >= 0.50)")
    print(f"ratio GraphQL / pgbench = {http_rate / tps:.2f}")


if __name__ == "__main__":
    main()
