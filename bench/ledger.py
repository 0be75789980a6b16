"""Ledger throughput on PostgreSQL: payments per second with 8 concurrent clients through
the service layer and through GraphQL over HTTP, against pgbench's TPC-B on the same
machine in the same run, in alternating rounds (the machine is shared: compare within a
round, report the median ratio).

- Service layer: 8 clients as threads of 2 processes (as pgbench's ``-c 8 -j 2``; 4 x 2 and
  8 x 1 measured slower on 2 cores), each calling ``wallet.payments.pay`` in its own write
  transaction: direct payments between random pairs of ``--users`` verified, funded users
  (``--guarantee`` makes them guarantee payments).
  ``--group-commit`` also measures them in group commits (``wallet.pay_batch``: the payments
  of a process share a transaction, each in its own savepoint).
- pgbench: ``pgbench -i -s 10`` once into a scratch database, then ``pgbench -c 8 -j 2 -T
  <seconds>`` each round.
- GraphQL: a real uvicorn server (``robo serve``, ``--workers`` processes) on the same
  database; 8 client processes post the ``pay`` mutation over keep-alive HTTP and check
  every answer.

Each phase measures ``--seconds`` after a warm-up and prints where the CPU went over that
window: the client processes (their own process time), the PostgreSQL backends serving them
and the server's workers (GraphQL) (the scheduler's exact run time, /proc/PID/task/*/schedstat),
PostgreSQL's background processes, and everything else on the machine (/proc/stat: other
work sharing the cores), in cores and in ms per payment or transaction.
The round trips of one payment are counted first (BEGIN, statements, COMMIT). Each round
warns of transactions open for over a minute anywhere on the server (they stop page pruning:
the balance updates stop being HOT and every phase slows down), and the end shows the share
of HOT balance updates.

The end prints both ratios against pgbench (service layer: target >= 0.5; the ``pay`` mutation
over HTTP: target >= 0.25), the median over the rounds.

    .venv/bin/python bench/ledger.py                     # 3 rounds of 15 s phases, 1,000 users
    .venv/bin/python bench/ledger.py --seconds 5 --rounds 1 --no-graphql   # quicker
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
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench-password-2026"
CLIENTS = 8
PAY = "mutation($i: PayInput!) { pay(input: $i) { payment { id status } userErrors { code message } } }"
# Cheap hashing and roomy limits for the benchmark's server and seed data.
BENCH_ENV = {
    "ROBO_ENV": "test",
    "ROBO_ARGON2_TIME_COST": "1",
    "ROBO_ARGON2_MEMORY_COST_KIB": "1024",
    "ROBO_PAYMENT_LIMIT_DAILY": "100000000",
    "ROBO_LOG_LEVEL": "WARNING",
    "ROBO_ESCROW_RELEASE_INTERVAL_SECONDS": "3600",
}
GROUP_WAIT_MS = os.environ.get("ROBO_PAY_BATCH_WAIT_MS") or "2"  # the --group-commit phase


def bench_settings(url: str):
    from core.settings import Settings

    return Settings(**{key[5:].lower(): value for key, value in BENCH_ENV.items()}, database_url=url)


# --- CPU accounting from /proc ---------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds the live threads of a process have run: the scheduler's exact count
    (/proc/PID/task/*/schedstat; utime and stime are sampled at clock ticks and miss most of a
    backend's sub-millisecond bursts); 0 when it is gone."""
    total = 0.0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0.0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0]) / 1e9
        except OSError:
            pass
    return total


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found.append((int(entry), parent, command))
    return found


def descendants(pid: int) -> list[int]:
    """``pid`` and all its children, grandchildren, ..."""
    children: dict[int, list[int]] = {}
    for child, parent, _ in _processes():
        children.setdefault(parent, []).append(child)
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def postgres_backends(database: str) -> list[int]:
    """Backends serving connections to ``database`` (their process title names it)."""
    return [pid for pid, _, command in _processes() if command.startswith("postgres: ") and f" {database} " in command]


def postgres_background() -> list[int]:
    """PostgreSQL's own processes (checkpointer, WAL writer, autovacuum, ...): no client."""
    return [
        pid
        for pid, _, command in _processes()
        if command.startswith("postgres: ") and not re.search(r"\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]", command)
    ]


def machine_busy() -> float:
    """CPU seconds all cores spent busy since boot (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq + steal) / TICKS


class CpuWindow:
    """Cores used by named groups of processes between ``start`` and ``stop``, and by
    everything else on the machine."""

    def __init__(self, **groups) -> None:
        self.groups = groups  # name -> callable returning pids

    def start(self) -> None:
        self.before = {name: {pid: process_cpu(pid) for pid in find()} for name, find in self.groups.items()}
        self.busy, self.began = machine_busy(), time.perf_counter()

    def stop(self) -> None:
        self.wall = time.perf_counter() - self.began
        self.machine = (machine_busy() - self.busy) / self.wall
        self.cores = {}
        for name, find in self.groups.items():
            before = self.before[name]
            pids = set(before) | set(find())  # a process started within the window counts from 0
            # (a process gone by now is left out: what it used before it exited is unknown)
            used = [process_cpu(pid) - before.get(pid, 0.0) for pid in pids]
            self.cores[name] = sum(value for value in used if value > 0) / self.wall

    def result(self, **reported: float) -> dict[str, float]:
        """Cores by group; ``reported``: CPU seconds over the window that processes measured
        themselves (client processes whose threads are gone by the end)."""
        cores = {**{name: seconds / self.wall for name, seconds in reported.items()}, **self.cores}
        return {**cores, "others": max(self.machine - sum(cores.values()), 0.0)}


def cpu_line(cores: dict[str, float], rate: float, unit: str) -> str:
    per = {name: (1000 * used / rate if rate else 0.0) for name, used in cores.items()}
    parts = [f"{name} {cores[name]:.2f} cores = {per[name]:.2f} ms/{unit}" for name in cores if name != "others"]
    return "; ".join(parts) + f"; others on the machine {cores['others']:.2f} cores"


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


def long_transactions(older_than: float) -> list[str]:
    """Transactions open for more than ``older_than`` seconds anywhere on the server. One that
    holds a transaction id or snapshot stops page pruning in every database: the balance rows'
    updates stop being HOT, the tables bloat and each payment gets slower as the run goes on,
    so the figures no longer describe the code."""
    from sqlalchemy import text

    admin = _admin()
    with admin.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT datname, pid, state, round(extract(epoch FROM now() - xact_start)) FROM pg_stat_activity"
                " WHERE (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL) AND pid <> pg_backend_pid()"
                " AND xact_start < now() - make_interval(secs => :older_than) ORDER BY xact_start"
            ),
            {"older_than": older_than},
        ).all()
    admin.dispose()
    return [f"{database} pid {pid} {state} for {seconds:.0f} s" for database, pid, state, seconds in rows]


def hot_updates(url: str) -> str:
    """The share of the balance rows' updates that were HOT (no index entries written)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        updated, hot = connection.execute(
            text("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'ledger_accounts'")
        ).one()
    engine.dispose()
    return f"{100 * hot / updated:.0f}% of {updated} balance updates HOT" if updated else "no balance updates"


def seed(url: str, users: int) -> list[tuple[int, str]]:
    """``users`` customers with a verified identity, a card and 1,000,000 CNY each."""
    import migrations
    from core.clock import SystemClock
    from db.session import Database
    from demo.wallet import luhn_complete
    from users import passwords, service
    from wallet import cash, identity

    migrations.upgrade(url)
    settings = bench_settings(url)
    clock = SystemClock()
    database = Database(url)

    def number_of(n: int) -> str:  # one identity per person: a distinct number per user
        born = date(1970, 1, 1) + timedelta(days=n % 15_000)
        body = f"110105{born:%Y%m%d}{n // 15_000 % 1000:03d}"
        return body + identity.id_check_character(body)

    card = luhn_complete("622202020011223344")
    hashed = passwords.hash_password(PASSWORD, settings=settings)
    made = []
    with database.write() as session:
        for n in range(users):
            user = service.create_user(
                session=session,
                email=f"bench{n}@example.com",
                password=PASSWORD,
                password_hash=hashed,
                clock=clock,
                settings=settings,
            )
            identity.verify_identity(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                real_name=f"Bench {n}",
                id_number=number_of(n),
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card,
                holder_name=f"Bench {n}",
                bank_name="ICBC",
            )
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                amount=Decimal("1000000"),
                idempotency_key="seed",
            )
            made.append((user.id, user.email))
    database.dispose()
    return made


def round_trips_per_payment(url: str, users: list, guarantee: bool) -> list[str]:
    """What one payment sends to the server (after a first one warmed the caches), counted at
    the driver: BEGIN (psycopg sends it before the first statement), statements, COMMIT."""
    import psycopg
    from sqlalchemy import event

    from core.clock import SystemClock
    from db.session import Database
    from wallet import payments

    database, sent = Database(url), []
    event.listen(database.engine, "begin", lambda connection: sent.append("BEGIN"))
    event.listen(database.engine, "commit", lambda connection: sent.append("COMMIT"))
    execute = psycopg.Cursor.execute

    def counting(cursor, query, *args, **kwargs):
        sent.append(" ".join((query.decode() if isinstance(query, bytes) else str(query)).split()[:3]))
        return execute(cursor, query, *args, **kwargs)

    (payer_id, _), (_, payee_email) = users[0], users[1]
    psycopg.Cursor.execute = counting
    try:
        for n in range(2):
            sent.clear()
            with database.write() as session:
                payments.pay(
                    session=session,
                    clock=SystemClock(),
                    settings=bench_settings(url),
                    payer_id=payer_id,
                    payee=payee_email,
                    amount=Decimal("0.01"),
                    idempotency_key=f"round-trips-{n}",
                    guarantee=guarantee,
                )
    finally:
        psycopg.Cursor.execute = execute
        database.dispose()
    return sent


# --- the service layer -----------------------------------------------------------------------


def _service_client(
    url: str,
    users: list,
    guarantee: bool,
    grouped: bool,
    threads_count: int,
    seconds: float,
    warmup: float,
    barrier,
    results,
    index: int,
) -> None:
    """One client process running ``threads_count`` client threads."""
    import threading

    from core.clock import SystemClock
    from db.session import Database
    from wallet import pay_batch, payments  # noqa: F401 - imported before the clock starts

    settings = bench_settings(url)
    clock, database = SystemClock(), Database(url, pool_size=threads_count, max_overflow=0)
    group = None
    if grouped:
        group = pay_batch.payment_group(
            database, settings.model_copy(update={"pay_batch_wait_ms": float(GROUP_WAIT_MS)})
        )
    connections = [database.engine.connect() for _ in range(threads_count)]  # the pool, opened up front
    for connection in connections:
        connection.close()
    threads_barrier, counts = threading.Barrier(threads_count + 1), []
    threads = [
        threading.Thread(
            target=_service_thread,
            args=(
                database,
                group,
                settings,
                clock,
                users,
                guarantee,
                seconds,
                warmup,
                threads_barrier,
                counts,
                index * 100 + n,
            ),
        )
        for n in range(threads_count)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    threads_barrier.wait()
    time.sleep(warmup)
    cpu = time.process_time()  # all threads of the process, over the counted window
    for thread in threads:
        thread.join()
    cpu = time.process_time() - cpu
    results.put((sum(c[0] for c in counts), sum(c[1] for c in counts), cpu))
    barrier.wait()  # the window's CPU is read before the connections (and their backends) go
    database.dispose()


def _service_thread(database, group, settings, clock, users, guarantee, seconds, warmup, barrier, counts, seed) -> None:
    from core.errors import DomainError
    from wallet import pay_batch, payments

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
        amount, key = Decimal(rng.randint(1, 100)).scaleb(-2), f"{tag}-{done}-{refused}-{now}"
        try:
            if group is not None:  # the worker's group commit (``wallet.pay_batch``)
                pay_batch.pay(
                    group,
                    clock=clock,
                    settings=settings,
                    payer_id=payer_id,
                    payee=payee_email,
                    amount=amount,
                    idempotency_key=key,
                    guarantee=guarantee,
                )
            else:  # one transaction per payment
                with database.write() as session:
                    payments.pay(
                        session=session,
                        clock=clock,
                        settings=settings,
                        payer_id=payer_id,
                        payee=payee_email,
                        amount=amount,
                        idempotency_key=key,
                        guarantee=guarantee,
                    )
            done += 1
        except DomainError:
            refused += 1
    counts.append((done, refused))


def run_clients(target, args: tuple, seconds: float, warmup: float, processes_count: int, window_groups: dict):
    """Start the client processes, measure the CPU over the counted window; returns (rate,
    refused, cores by group)."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes_count + 1), context.Queue()
    processes = [
        context.Process(target=target, args=(*args, seconds, warmup, barrier, results, index))
        for index in range(processes_count)
    ]
    for process in processes:
        process.start()
    window = CpuWindow(**window_groups)
    barrier.wait()
    time.sleep(warmup)
    window.start()
    time.sleep(seconds)
    counts = [results.get(timeout=seconds + warmup + 300) for _ in processes]
    window.stop()
    barrier.wait()
    cores = window.result(clients=sum(c[2] for c in counts))
    for process in processes:
        process.join()
    return sum(c[0] for c in counts) / seconds, sum(c[1] for c in counts), cores


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
    answer = _post(
        connection,
        {
            "query": "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }",
            "variables": {"i": {"email": email, "password": PASSWORD}},
        },
    )
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
            counting, done, refused, begun, cpu = True, 0, 0, now, time.process_time()
        if counting and now - begun >= seconds:
            break
        (token, _), (_, payee_email) = rng.sample(accounts, 2)
        answer = _post(
            connection,
            {
                "query": PAY,
                "variables": {
                    "i": {
                        "payee": payee_email,
                        "amount": f"0.{rng.randint(1, 99):02d}",
                        "idempotencyKey": f"{tag}-{done}-{refused}-{now}",
                    }
                },
            },
            token,
        )
        if answer.get("errors"):
            raise RuntimeError(answer["errors"])
        payload = answer["data"]["pay"]
        if payload["userErrors"]:
            refused += 1
        else:
            done += 1
    results.put((done, refused, time.process_time() - cpu))
    barrier.wait()
    connection.close()


class GraphQLServer:
    """``robo serve`` on the benchmark's database, with ``signed_in`` users signed in."""

    def __init__(self, url: str, users: list, workers: int, signed_in: int) -> None:
        self.port = _free_port()
        env = {**os.environ, **BENCH_ENV, "ROBO_DATABASE_URL": url}
        self.process = subprocess.Popen(
            [str(BIN / "robo"), "serve", "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise RuntimeError(f"server did not start: {self.process.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.2)
        self.accounts = [(sign_in(self.port, email), email) for _, email in users[:signed_in]]

    def run(self, seconds: float, warmup: float, window_groups: dict, profile: str | None = None):
        server = descendants(self.process.pid)
        spy = None
        if profile:  # py-spy (the bench extra) samples the workers; collapsed stacks for a flame graph
            spy = subprocess.Popen(
                [str(BIN / "py-spy"), "record", "--nonblocking", "--subprocesses", "-r", "200", "-f", "raw"]
                + ["-d", str(int(seconds + warmup)), "-o", profile, "-p", str(self.process.pid)],
                stdout=subprocess.DEVNULL,
            )
        try:
            return run_clients(
                _http_client,
                (self.port, self.accounts),
                seconds,
                warmup,
                CLIENTS,
                {"server": lambda: server, **window_groups},
            )
        finally:
            if spy is not None:
                spy.wait(timeout=seconds + warmup + 60)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


# --- pgbench ---------------------------------------------------------------------------------


class Pgbench:
    """pgbench's TPC-B on a scratch database initialised once (``-i -s 10``)."""

    def __init__(self) -> None:
        from sqlalchemy.engine import make_url

        self.path = shutil.which("pgbench")
        admin = make_url(ADMIN_URL)
        self.name = f"robo_bench_pgbench_{os.getpid()}"
        self.connect = [
            "-h",
            admin.host or "127.0.0.1",
            "-p",
            str(admin.port or 5432),
            "-U",
            admin.username or "postgres",
        ]
        self.env = {**os.environ, **({"PGPASSWORD": admin.password} if admin.password else {})}
        create_database(self.name)
        subprocess.run(
            [self.path, "-i", "-q", "-s", "10", *self.connect, self.name], check=True, env=self.env, capture_output=True
        )

    def run(self, seconds: int) -> tuple[float, dict]:
        process = subprocess.Popen(
            [self.path, "-c", str(CLIENTS), "-j", "2", "-T", str(seconds), *self.connect, self.name],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        window = CpuWindow(
            pgbench=lambda: [process.pid], postgres=lambda: postgres_backends(self.name), background=postgres_background
        )
        time.sleep(min(1.0, seconds / 5))  # connections made
        window.start()
        time.sleep(seconds - 2 * min(1.0, seconds / 5))
        window.stop()
        cores = window.result()
        out, err = process.communicate(timeout=seconds + 60)
        match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
        if process.returncode != 0 or match is None:
            raise RuntimeError(f"pgbench failed: {err[-2000:]}")
        return float(match.group(1)), cores

    def drop(self) -> None:
        drop_database(self.name)


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15, help="measured seconds per phase (default 15)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds before measuring")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the phases (default 3)")
    parser.add_argument("--users", type=int, default=1000, help="funded users paying each other")
    parser.add_argument(
        "--processes", type=int, default=2, help="client processes of the service layer (8 threads in all)"
    )
    parser.add_argument("--guarantee", action="store_true", help="guarantee payments instead of direct ones")
    parser.add_argument(
        "--group-commit",
        action="store_true",
        help="also measure the service layer in group commits (wallet.pay_batch; ROBO_PAY_BATCH_WAIT_MS, default 2)",
    )
    parser.add_argument("--no-graphql", action="store_true", help="skip the GraphQL phase")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes for the GraphQL phase")
    parser.add_argument(
        "--profile", metavar="FILE", help="py-spy the server during round 1's GraphQL phase (collapsed stacks to FILE)"
    )
    parser.add_argument("--signed-in", type=int, default=200, help="users signed in for the GraphQL phase")
    args = parser.parse_args()

    try:
        _admin().connect().close()
    except Exception as error:
        print(
            f"PostgreSQL not reachable at {ADMIN_URL} ({type(error).__name__}); set ROBO_BENCH_POSTGRES_URL. Skipped."
        )
        return
    name = f"robo_bench_ledger_{os.getpid()}"
    url = create_database(name)
    pgbench = server = None
    ratios: dict[str, list[float]] = {"service": [], "service, group commit": [], "GraphQL": []}
    try:
        started = time.perf_counter()
        users = seed(url, args.users)
        print(f"seeded {len(users)} users in {time.perf_counter() - started:.1f} s", flush=True)
        sent = round_trips_per_payment(url, users, args.guarantee)
        print(f"round trips per {'guarantee' if args.guarantee else 'direct'} payment: {len(sent)} ({', '.join(sent)})")
        if shutil.which("pgbench"):
            pgbench = Pgbench()
        else:
            print("pgbench       : not installed; no baseline")
        if not args.no_graphql:
            server = GraphQLServer(url, users, args.workers, args.signed_in)
        ours = {"postgres": lambda: postgres_backends(name), "background": postgres_background}
        threads = CLIENTS // args.processes
        for number in range(1, args.rounds + 1):
            for found in long_transactions(older_than=60):
                print(f"round {number}: WARNING a long transaction stops page pruning (figures distorted): {found}")
            rate, refused, cores = run_clients(
                _service_client,
                (url, users, args.guarantee, False, threads),
                args.seconds,
                args.warmup,
                args.processes,
                ours,
            )
            print(
                f"round {number}: service layer : {rate:7.0f} payments/s ({CLIENTS} clients in {args.processes} "
                f"processes, {refused} refused)\n    cpu: {cpu_line(cores, rate, 'payment')}",
                flush=True,
            )
            grouped = None
            if args.group_commit:
                grouped, refused, cores = run_clients(
                    _service_client,
                    (url, users, args.guarantee, True, threads),
                    args.seconds,
                    args.warmup,
                    args.processes,
                    ours,
                )
                print(
                    f"round {number}: service layer in group commits (ROBO_PAY_BATCH_WAIT_MS={GROUP_WAIT_MS}): "
                    f"{grouped:7.0f} payments/s ({refused} refused)\n    cpu: {cpu_line(cores, grouped, 'payment')}",
                    flush=True,
                )
            tps = None
            if pgbench is not None:
                tps, pg_cores = pgbench.run(args.seconds)
                ratios["service"].append(rate / tps)
                if grouped is not None:
                    ratios["service, group commit"].append(grouped / tps)
                print(
                    f"round {number}: pgbench TPC-B : {tps:7.0f} tps (-s 10, -c {CLIENTS} -j 2 -T {args.seconds})"
                    f"\n    cpu: {cpu_line(pg_cores, tps, 'txn')}",
                    flush=True,
                )
            if server is not None:
                http_rate, http_refused, http_cores = server.run(
                    args.seconds, args.warmup, ours, profile=args.profile if number == 1 else None
                )
                if tps:
                    ratios["GraphQL"].append(http_rate / tps)
                print(
                    f"round {number}: GraphQL (HTTP): {http_rate:7.0f} payments/s ({CLIENTS} clients, {args.workers} "
                    f"uvicorn workers, {http_refused} refused)\n    cpu: {cpu_line(http_cores, http_rate, 'payment')}",
                    flush=True,
                )
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session

        from ledger.verify import verify

        engine = create_engine(url)
        with Session(engine) as session:
            problems = verify(session)
        engine.dispose()
        print("ledger verify : " + ("OK" if not problems else f"{len(problems)} problem(s): {problems[:3]}"))
        print(f"hot updates   : {hot_updates(url)}")
    finally:
        if server is not None:
            server.stop()
        if pgbench is not None:
            pgbench.drop()
        drop_database(name)
    for phase, values in ratios.items():
        if values:
            shown = ", ".join(f"{value:.2f}" for value in values)
            target = {"service": "  (target >= 0.50)", "GraphQL": "  (target >= 0.25)"}.get(phase, "")
            print(f"ratio {phase} / pgbench: median {statistics.median(values):.2f} over rounds [{shown}]{target}")


if __name__ == "__main__":
    main()
