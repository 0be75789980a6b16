"""Abuse on PostgreSQL: attacks against real uvicorn servers (``robo serve`` in a subprocess;
one worker, and for attack 5 two) on a scratch PostgreSQL database, printing the worker's
memory and what got through. The worker is the ``robo serve`` process itself (uvicorn serves in-process with one
worker; checked: it has no child processes); its memory is read from /proc/PID/status: VmRSS
(now) and VmHWM (the peak, reset before each attack through /proc/PID/clear_refs).

1. Memory, from 8 concurrent clients after a warm-up (a few requests of each kind, so
   one-time allocations are not counted), in three stages. Stage 1, refused or never cached:
   ~5 MB bodies (a comment in the query) with a Content-Length and chunked, 100 KB query
   texts in bodies under the body limit, distinct ~60 KB comments (answered, parsed every
   time, never cached: over 16 KiB), JSON nested 5,000 levels deep, a query text nested 300
   levels deep. Stages 2 and 3 fill the document cache (1,024 entries of at most 16 KiB of
   text) with distinct documents: ~15 KB comments, then ~4 KB documents of 1,996 comment
   tokens (the token limit is 2,000: what a cached document costs grows with its tokens, not
   its bytes). ``--field-documents`` adds a stage 4 of documents of 1,995 unknown fields, the
   costliest per entry found (slow: ~0.1 s of the worker each). Printed: the status codes of
   each kind and the RSS before, after and at the peak of each stage. Through: any 5xx, an
   oversized request answered 200, or a stage's peak over the RSS before it by more than
   50 MiB.
2. Log-in throttling (wrong passwords fired back-to-back). With ``ROBO_TRUSTED_PROXIES`` empty
   (the default) a different X-Forwarded-For on each attempt changes nothing: one address.
   With ``ROBO_TRUSTED_PROXIES=127.0.0.1`` (a second server) each attempt comes from its own
   address: in sequence, all at once, and dripped for a while waiting out each wait; then
   credential stuffing, 30 emails from one address (in sequence and all at once). Printed:
   attempts whose password was checked (INVALID_CREDENTIALS) and refused (TOO_MANY_ATTEMPTS).
   Through: an attempt checked while a wait set by an earlier failure certainly applied (the
   checked attempts' send and answer times bound when the server counted them).
3. Registrations: 20 from one address in sequence (rotating X-Forwarded-For, ignored) and 20
   at once (trusted proxy, one forwarded address). Through: more accounts than
   ``ROBO_REGISTRATIONS_PER_ADDRESS_HOUR``.
4. Argon2 concurrency: a third server with the default argon2 cost (64 MiB per hash, time
   cost 3) and the address throttle out of the way gets 24 log-ins at once, three times on
   one fresh worker: wrong passwords for an account hashed at that cost, then unknown emails
   (verified against a dummy hash made on first use), then unknown emails again. Printed:
   the peak RSS growth of each and the wall time. Through: growth over
   ``ROBO_ARGON2_MAX_CONCURRENT`` x 64 MiB + 32 MiB. Also timed: registrations refused by the
   hourly limit, next to a log-in (is the password hashed before the limit is checked?).
5. Two workers (server D: ``robo serve --workers 2``, trusted proxy): the counters live in the
   database, so they hold whichever worker answers. 24 log-ins at once from 24 addresses for
   one account, credential stuffing (30 emails at once from one address), 20 registrations at
   once from one address, 20 registrations of a taken email at once from one address (each
   failed attempt counts: before, EMAIL_TAKEN rolled its count back), and the plan race
   (issue item 9): 8 ``investInPlan`` at once for one plan of a demo customer under 8 keys
   (exactly one may succeed, the rest PLAN_ALREADY_INVESTED; any other answer is through).
   Printed: the CPU time each worker spent (both must have served). A REBALANCE plan needs
   confirmed holdings that drifted, which a fresh demo portfolio has not: its race is in
   tests/security/test_plan_races.py. Afterwards ``robo ledger verify`` must stay clean.

Accounts are made with ``robo users create`` and cheap argon2 (1 MiB, time cost 1) after
``robo seed-demo`` (the plan race's customer); servers A, B and D hash cheaply too, so the
figures of 2, 3 and 5 are about counting, not hashing. The script always exits 0: it prints;
it does not assert. It replaces its own section of docs/benchmarks.md (``--no-write``: not).

    .venv/bin/python bench/abuse.py            # a few minutes
    .venv/bin/python bench/abuse.py --quick    # fewer requests, a shorter drip

PostgreSQL: ``ROBO_BENCH_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), where a scratch database is made
and dropped.

Targets: memory flat within 50 MiB; nothing through.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MIB = 1024 * 1024

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code message } } }"
REGISTER = "mutation($i: RegisterInput!) { register(input: $i) { user { id } userErrors { code } } }"
TYPENAME = "{ __typename }"
VICTIM_PASSWORD = "victim-passphrase-2026-bench"
VICTIMS = {  # attack -> account
    "ignored": "victim@bench.example",
    "sequence": "victim-seq@bench.example",
    "burst": "victim-burst@bench.example",
    "drip": "victim-drip@bench.example",
    "workers": "victim-workers@bench.example",
}
PLAN_CUSTOMER, DEMO_PASSWORD = "dave@example.com", "demo-pass-2026"  # robo seed-demo's C4 customer
REPORT = ROOT / "docs" / "benchmarks.md"
SECTION = "bench/abuse.py"
VICTIM_ARGON2 = "victim-argon2@bench.example"  # hashed at the default cost (64 MiB)
CHEAP_ARGON2 = {"ROBO_ARGON2_TIME_COST": "1", "ROBO_ARGON2_MEMORY_COST_KIB": "1024"}
BASE_ENV = {"ROBO_ENV": "test", "ROBO_LOG_LEVEL": "WARNING", "ROBO_ESCROW_RELEASE_INTERVAL_SECONDS": "3600"}
MEMORY_TARGET_MIB = 50
WAIT_SLACK = 0.1  # seconds: a check this far inside a wait counts as through


def setting(name: str) -> int:
    """A throttle setting as the servers see it (the environment, else the default)."""
    from core.settings import Settings

    return int(os.environ.get(f"ROBO_{name.upper()}", Settings.model_fields[name].default))


# --- the scratch database ----------------------------------------------------------------------


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


def robo_env(url: str, **extra: str) -> dict:
    env = {**os.environ, **BASE_ENV, **extra, "ROBO_DATABASE_URL": url}
    env.pop("ROBO_CLOCK", None)  # the real clock: the throttle's waits are real seconds
    return env


def prepare(url: str) -> None:
    """Migrate, then make the victims' accounts (``robo users create``, in parallel): cheap
    hashes, but the default cost for the one of the argon2 attack."""
    env = robo_env(url, **CHEAP_ARGON2)
    subprocess.run([str(BIN / "robo"), "migrate"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(BIN / "robo"), "seed-demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    made = [
        subprocess.Popen(
            [
                str(BIN / "robo"),
                "users",
                "create",
                "--email",
                email,
                "--password",
                VICTIM_PASSWORD,
                "--role",
                "customer",
            ],
            env=env if email != VICTIM_ARGON2 else robo_env(url),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for email in [*VICTIMS.values(), VICTIM_ARGON2]
    ]
    for process in made:
        _, err = process.communicate(timeout=120)
        if process.returncode != 0:
            raise RuntimeError(f"robo users create failed: {err.decode()[-2000:]}")


# --- the server and its memory -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                pass
    return found


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of ``pid`` in bytes."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) * 1024
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of ``pid`` so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _is_worker(pid: int) -> bool:
    """A uvicorn worker process (not multiprocessing's resource tracker)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"resource_tracker" not in cmdline.read()
    except OSError:
        return False


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux: ``5`` to /proc/PID/clear_refs)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def mib(value: float) -> str:
    return f"{value / MIB:.1f} MiB"


class Server:
    """``robo serve --port P --workers N`` on the scratch database, with ``extra`` settings."""

    def __init__(self, name: str, url: str, logs: Path, workers: int = 1, **extra: str) -> None:
        self.name, self.port = name, _free_port()
        self.log_path = logs / f"{name}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - the server's output; closed by stop()
        self.process = subprocess.Popen(
            [str(BIN / "robo"), "serve", "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT,
            env=robo_env(url, **extra),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server {name} did not start:\n{self.log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        children = [pid for pid in _children(self.process.pid) if _is_worker(pid)]
        while workers > 1 and len(children) < workers and time.monotonic() < deadline:
            time.sleep(0.5)  # /healthz answered by the first worker up
            children = [pid for pid in _children(self.process.pid) if _is_worker(pid)]
        self.workers = children or [self.process.pid]
        if workers > 1:
            self.pid = max(children, key=lambda pid: memory(pid).get("VmRSS", 0))
            self.serving = (
                f"{len(children)} worker processes {children}, children of robo serve (pid {self.process.pid})"
            )
        elif children:  # not expected with one worker: then the child serves
            self.pid = max(children, key=lambda pid: memory(pid).get("VmRSS", 0))
            self.serving = f"pid {self.pid}, a child of robo serve (pid {self.process.pid})"
        else:
            self.pid = self.process.pid
            self.serving = f"pid {self.pid}, robo serve itself (no child processes)"

    def _healthy(self) -> bool:
        try:
            connection = HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", "/healthz")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    def errors_logged(self) -> list[str]:
        self.log.flush()
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [line for line in lines if "ERROR" in line or "Traceback" in line]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- HTTP ----------------------------------------------------------------------------------------


def post(port: int, body: bytes, headers: dict | None = None, timeout: float = 60) -> tuple[int, dict | None]:
    """POST ``body`` to /graphql: (status, JSON answer or None)."""
    connection = HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", "/graphql", body, {"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    try:
        return response.status, json.loads(payload)
    except ValueError:
        return response.status, None


def graphql(port: int, query: str, variables: dict | None = None, headers: dict | None = None):
    return post(port, json.dumps({"query": query, "variables": variables or {}}).encode(), headers)


def send_big(port: int, body: bytes, chunked: bool, timeout: float = 60) -> int | str:
    """POST a big body over a raw socket, stopping as soon as an answer comes: the status, or
    ``"closed"`` when the server closed the connection without one."""
    head = ["POST /graphql HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}")
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    received = b""
    try:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        step = 64 * 1024
        for start in range(0, len(body), step):
            if select.select([sock], [], [], 0)[0]:
                break  # answered already
            piece = body[start : start + step]
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            except OSError:
                break
        else:
            try:
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass
        while b"\r\n" not in received:
            try:
                data = sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            received += data
    finally:
        sock.close()
    if received.startswith(b"HTTP/1."):
        return int(received.split(b" ", 2)[1])
    return "closed"


def fire(calls: list, workers: int) -> list:
    """Run the zero-argument ``calls`` on ``workers`` threads; the first ``workers`` of them
    are released together, the rest follow as threads come free."""
    if not calls:
        return []
    parties = min(workers, len(calls))
    start = threading.Barrier(parties)

    def run(index_call):
        index, call = index_call
        if index < parties:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=10)
        return call()

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(run, enumerate(calls)))


# --- 1. memory -----------------------------------------------------------------------------------


def _comment_query(size: int, tag: str) -> str:
    """A query that is mostly a comment of about ``size`` characters (distinct per ``tag``)."""
    line = f"# {tag} " + "x" * 70
    lines = "\n".join(line for _ in range(max(1, size // (len(line) + 1))))
    return f"{lines}\n{TYPENAME}"


def _body(query: str) -> bytes:
    return json.dumps({"query": query}).encode()


@dataclass
class Kind:
    """One kind of request of the memory attack: what it is, how many, what it should get."""

    label: str
    count: int
    expect: str  # "413", "400", "200" (a GraphQL answer, errors allowed)
    send: object  # callable(port, n) -> status
    seen: dict = field(default_factory=dict)

    def through(self) -> int:
        bad = sum(n for status, n in self.seen.items() if isinstance(status, int) and status >= 500)
        if self.expect != "200":
            bad += self.seen.get(200, 0)
        return bad


def memory_stages(scale: float, field_documents: bool = False) -> list[tuple[str, list[Kind]]]:
    """The memory attack's stages: (what, the kinds of request sent, interleaved)."""
    big = _body(_comment_query(5 * 1000 * 1000, "big"))
    over_query = _body(_comment_query(100 * 1000, "q"))
    nested_variables = ('{"query": "{ __typename }", "variables": {"x": ' + "[" * 5000 + "]" * 5000 + "}}").encode()
    nested_top = ("[" * 5000 + "]" * 5000).encode()
    deep_text = "query " + "{ a " * 300 + "}" * 300

    def count(n: int) -> int:
        return max(2, int(n * scale))

    def distinct(make):
        return lambda port, n: post(port, _body(make(f"{uuid.uuid4()}-{n}")))[0]

    return [
        (
            "refused, or parsed and never cached",
            [
                Kind("5 MB body, Content-Length", count(20), "413", lambda port, n: send_big(port, big, chunked=False)),
                Kind("5 MB body, chunked", count(20), "413", lambda port, n: send_big(port, big, chunked=True)),
                Kind(
                    "100 KB query text (body under limit)", count(20), "413", lambda port, n: post(port, over_query)[0]
                ),
                Kind(
                    "distinct 60 KB comments (not cached)",
                    count(200),
                    "200",
                    distinct(lambda tag: _comment_query(60 * 1000, tag)),
                ),
                Kind(
                    "JSON nested 5,000 deep (variables)",
                    count(10),
                    "400",
                    lambda port, n: post(port, nested_variables)[0],
                ),
                Kind("JSON nested 5,000 deep (top level)", count(10), "400", lambda port, n: post(port, nested_top)[0]),
                Kind("query text nested 300 deep", count(20), "200", lambda port, n: post(port, _body(deep_text))[0]),
            ],
        ),
        (
            "the document cache (1,024 entries): 15 KB documents",
            [
                Kind(
                    "distinct 15 KB comments (cached)",
                    count(1200),
                    "200",
                    distinct(lambda tag: _comment_query(15 * 1000, tag)),
                ),
            ],
        ),
        (
            "the document cache: 4 KB documents of 2,000 tokens",
            [
                Kind(
                    "distinct 4 KB, 1,996 comment tokens",
                    count(1100),
                    "200",
                    distinct(lambda tag: f"# {tag}\n" + "#\n" * 1995 + TYPENAME),
                ),
            ],
        ),
    ] + (
        [
            (
                "the document cache: 4 KB documents of 1,995 unknown fields",
                [
                    Kind(
                        "distinct 4 KB, 1,995 fields",
                        count(1100),
                        "200",
                        distinct(lambda tag: f"# {tag}\n{{ " + "a " * 1995 + "}"),
                    ),
                ],
            ),
        ]
        if field_documents
        else []
    )


def run_stage(server: Server, kinds: list[Kind]) -> dict:
    """Send the kinds' requests interleaved from 8 clients; the worker's RSS around them."""
    time.sleep(0.5)
    before = memory(server.pid)["VmRSS"]
    peak_reset = reset_peak(server.pid)
    started = time.perf_counter()
    calls, owners = [], []
    for kind in kinds:
        for n in range(kind.count):
            calls.append(lambda kind=kind, n=n: kind.send(server.port, n))
            owners.append(kind)
    order = sorted(range(len(calls)), key=lambda i: (i * 7919) % len(calls))  # the kinds mixed
    results = fire([calls[i] for i in order], 8)
    for i, status in zip(order, results):
        owners[i].seen[status] = owners[i].seen.get(status, 0) + 1
    elapsed = time.perf_counter() - started
    time.sleep(0.5)
    after = memory(server.pid)
    return {
        "kinds": kinds,
        "before": before,
        "after": after["VmRSS"],
        "peak": after["VmHWM"],
        "growth": after["VmHWM"] - before,
        "peak_reset": peak_reset,
        "elapsed": elapsed,
        "requests": len(calls),
    }


def attack_memory(server: Server, scale: float, field_documents: bool) -> list[tuple[str, dict]]:
    stages = memory_stages(scale, field_documents)
    for _, kinds in stages:  # warm-up: a few of each kind
        for kind in kinds:
            for n in range(3):
                kind.send(server.port, -n - 1)
    for _ in range(50):
        graphql(server.port, TYPENAME)
    return [(label, run_stage(server, kinds)) for label, kinds in stages]


def print_memory(stages: list[tuple[str, dict]]) -> None:
    print("\n1. memory (8 clients; the worker's RSS before and after each stage, and its peak during it)")
    print(f"   {'request':<40} {'sent':>5}  {'expected':>8}  statuses")
    for number, (label, result) in enumerate(stages, 1):
        print(f"   stage {number}: {label} ({result['requests']} requests in {result['elapsed']:.1f} s)")
        for kind in result["kinds"]:
            seen = ", ".join(f"{status}: {n}" for status, n in sorted(kind.seen.items(), key=lambda item: str(item[0])))
            flag = f"   <- {kind.through()} through" if kind.through() else ""
            print(f"   {kind.label:<40} {kind.count:>5}  {kind.expect:>8}  {seen}{flag}")
        note = "" if result["peak_reset"] else " (VmHWM could not be reset: the peak since the start)"
        print(
            f"      RSS before {mib(result['before'])}, after {mib(result['after'])}, peak {mib(result['peak'])}{note}: "
            f"growth {mib(result['growth'])} at the peak, {mib(result['after'] - result['before'])} after "
            f"(target <= {MEMORY_TARGET_MIB} MiB)"
        )
    first, last = stages[0][1], stages[-1][1]
    print(
        f"   all stages: RSS {mib(first['before'])} -> {mib(last['after'])} (+{mib(last['after'] - first['before'])})"
    )


# --- 2. log-in throttling ------------------------------------------------------------------------


@dataclass
class Attempt:
    sent: float
    answered: float
    code: str  # INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, SIGNED_IN, HTTP <status>, ...


def login_attempt(port: int, email: str, password: str, address: str | None) -> Attempt:
    headers = {"X-Forwarded-For": address} if address else {}
    sent = time.monotonic()
    status, answer = graphql(port, LOGIN, {"i": {"email": email, "password": password}}, headers)
    answered = time.monotonic()
    if status != 200 or not answer or answer.get("errors") or not answer.get("data"):
        return Attempt(sent, answered, f"HTTP {status}" + (" errors" if answer and answer.get("errors") else ""))
    payload = answer["data"]["login"]
    if payload["token"]:
        return Attempt(sent, answered, "SIGNED_IN")
    return Attempt(sent, answered, payload["userErrors"][0]["code"] if payload["userErrors"] else "?")


def inside_waits(attempts: list[Attempt], free: int, max_delay: int) -> int:
    """Checked attempts the server certainly counted while a wait applied. The k-th failure was
    counted no earlier than the k-th earliest send of the checked attempts, its wait lasts
    2^(k - free - 1) s from then, and the (k+1)-th was counted no later than the (k+1)-th
    earliest answer: earlier than the wait's end (less ``WAIT_SLACK``) is through."""
    checked = [a for a in attempts if a.code in ("INVALID_CREDENTIALS", "SIGNED_IN")]
    sent = sorted(a.sent for a in checked)
    answered = sorted(a.answered for a in checked)
    through = 0
    for k in range(free + 1, len(checked)):  # k failures counted, the (k+1)-th checked
        wait = min(2 ** (k - free - 1), max_delay)
        if answered[k] < sent[k - 1] + wait - WAIT_SLACK:
            through += 1
    return through


def _counts(attempts: list[Attempt]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attempt in attempts:
        counts[attempt.code] = counts.get(attempt.code, 0) + 1
    return counts


@dataclass
class Outcome:
    attack: str
    expected: str
    observed: str
    through: int
    detail: str = ""


def login_outcome(
    attack: str, attempts: list[Attempt], free: int, expected_checked: int, scope: str, max_delay: int
) -> Outcome:
    counts = _counts(attempts)
    checked = counts.get("INVALID_CREDENTIALS", 0) + counts.get("SIGNED_IN", 0)
    refused = counts.get("TOO_MANY_ATTEMPTS", 0)
    others = {
        code: n for code, n in counts.items() if code not in ("INVALID_CREDENTIALS", "SIGNED_IN", "TOO_MANY_ATTEMPTS")
    }
    through = inside_waits(attempts, free, max_delay) + sum(
        n for code, n in others.items() if code.startswith("HTTP 5")
    )
    wall = max(a.answered for a in attempts) - min(a.sent for a in attempts)
    observed = f"{checked} checked, {refused} refused" + (f", {others}" if others else "")
    sequence = "".join(
        "c" if a.code == "INVALID_CREDENTIALS" else "R" if a.code == "TOO_MANY_ATTEMPTS" else "?"
        for a in sorted(attempts, key=lambda a: a.answered)
    )
    detail = f"{len(attempts)} attempts in {wall:.1f} s, {scope}; answers in order: {sequence} (c checked, R refused)"
    return Outcome(attack, f"checked <= {expected_checked}", observed, through, detail)


def attack_login_ignored(server: Server, max_delay: int) -> Outcome:
    """10 wrong passwords, each with its own X-Forwarded-For, which the server ignores."""
    email = VICTIMS["ignored"]
    attempts = [login_attempt(server.port, email, f"wrong-guess-{n}-zz", f"198.51.100.{n + 1}") for n in range(10)]
    free = setting("login_free_attempts")
    return login_outcome(
        "log-in, X-Forwarded-For ignored (default)",
        attempts,
        free,
        free + 1,
        f"all from 127.0.0.1: the (account, address) scope binds, {free} free",
        max_delay,
    )


def attack_login_rotating(server: Server, max_delay: int, drip_seconds: float, burst: int) -> list[Outcome]:
    free = setting("login_account_free_attempts")
    scope = f"the account scope binds, {free} free"
    results = []
    attempts = [
        login_attempt(server.port, VICTIMS["sequence"], f"wrong-guess-{n}-zz", f"198.51.100.{n + 1}") for n in range(12)
    ]
    results.append(login_outcome("log-in, 12 addresses, in sequence", attempts, free, free + 1, scope, max_delay))
    attempts = fire(
        [
            lambda n=n: login_attempt(server.port, VICTIMS["burst"], f"wrong-guess-{n}-zz", f"203.0.113.{n + 1}")
            for n in range(burst)
        ],
        burst,
    )
    results.append(login_outcome(f"log-in, {burst} addresses, all at once", attempts, free, free + 1, scope, max_delay))
    # The drip: an attempt every 0.2 s from a new address; the waits double (1 s, 2 s, 4 s ...).
    attempts, n, end = [], 0, time.monotonic() + drip_seconds
    while time.monotonic() < end:
        n += 1
        attempts.append(
            login_attempt(server.port, VICTIMS["drip"], f"wrong-guess-{n}-zz", f"10.{n // 250}.{n % 250}.7")
        )
        time.sleep(0.2)
    waits_over = sum(1 for m in range(1, 40) if 2**m - 1 <= drip_seconds)  # waits 1, 2, 4 ... ended in time
    results.append(
        login_outcome(
            f"log-in, new address every 0.2 s for {drip_seconds:.0f} s",
            attempts,
            free,
            free + 1 + waits_over,
            scope,
            max_delay,
        )
    )
    return results


def attack_stuffing(server: Server, max_delay: int) -> list[Outcome]:
    free = setting("login_address_free_attempts")
    scope = f"the address scope binds, {free} free"
    tag = uuid.uuid4().hex[:6]
    attempts = [
        login_attempt(server.port, f"stuffed-{tag}-{n}@bench.example", f"leaked-password-{n}-zz", "192.0.2.10")
        for n in range(30)
    ]
    results = [login_outcome("credential stuffing, 30 emails, in sequence", attempts, free, free + 1, scope, max_delay)]
    attempts = fire(
        [
            lambda n=n: login_attempt(
                server.port, f"stuffed-{tag}-b{n}@bench.example", f"leaked-password-{n}-zz", "192.0.2.20"
            )
            for n in range(30)
        ],
        30,
    )
    results.append(
        login_outcome("credential stuffing, 30 emails, all at once", attempts, free, free + 1, scope, max_delay)
    )
    return results


# --- 3. registrations ----------------------------------------------------------------------------


def register(port: int, n: int, tag: str, address: str | None) -> tuple[str, float]:
    headers = {"X-Forwarded-For": address} if address else {}
    started = time.perf_counter()
    status, answer = graphql(
        port,
        REGISTER,
        {
            "i": {
                "email": f"signup-{tag}-{n}@bench.example",
                "password": f"a-long-fresh-passphrase-{n}",
            }
        },
        headers,
    )
    took = time.perf_counter() - started
    if status != 200 or not answer or answer.get("errors") or not answer.get("data"):
        return f"HTTP {status}", took
    payload = answer["data"]["register"]
    if payload["user"]:
        return "CREATED", took
    return (payload["userErrors"][0]["code"] if payload["userErrors"] else "?"), took


def registration_outcome(attack: str, codes: list[str]) -> Outcome:
    limit = setting("registrations_per_address_hour")
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    created = counts.get("CREATED", 0)
    errors = sum(n for code, n in counts.items() if code.startswith("HTTP 5"))
    observed = f"{created} created; " + ", ".join(
        f"{code}: {n}" for code, n in sorted(counts.items()) if code != "CREATED"
    )
    return Outcome(attack, f"created <= {limit}", observed, max(0, created - limit) + errors)


def attack_registrations_sequence(server: Server) -> Outcome:
    tag = uuid.uuid4().hex[:6]
    codes = [register(server.port, n, tag, f"198.51.100.{n + 1}")[0] for n in range(20)]
    return registration_outcome("registrations, 20 in sequence (XFF ignored)", codes)


def attack_registrations_burst(server: Server, address: str = "192.0.2.30") -> Outcome:
    tag = uuid.uuid4().hex[:6]
    codes = [code for code, _ in fire([lambda n=n: register(server.port, n, tag, address) for n in range(20)], 20)]
    return registration_outcome("registrations, 20 at once (one address)", codes)


def attack_taken_email(server: Server, email: str, address: str, count: int = 20) -> Outcome:
    """``count`` registrations of an email that has an account, at once from one address: the
    failed attempts count against the address, so at most the hourly allowance is checked."""
    limit = setting("registrations_per_address_hour")

    def attempt(n: int) -> str:
        status, answer = graphql(
            server.port,
            REGISTER,
            {"i": {"email": email, "password": f"a-long-fresh-passphrase-{n}"}},
            {"X-Forwarded-For": address},
        )
        if status != 200 or not answer or answer.get("errors") or not answer.get("data"):
            return f"HTTP {status}"
        payload = answer["data"]["register"]
        return "CREATED" if payload["user"] else (payload["userErrors"][0]["code"] if payload["userErrors"] else "?")

    codes = fire([lambda n=n: attempt(n) for n in range(count)], count)
    counts = {code: codes.count(code) for code in sorted(set(codes))}
    checked = counts.get("EMAIL_TAKEN", 0) + counts.get("CREATED", 0)
    others = sum(n for code, n in counts.items() if code not in ("EMAIL_TAKEN", "RATE_LIMITED"))
    return Outcome(
        f"registrations of a taken email, {count} at once (one address)",
        f"EMAIL_TAKEN <= {limit}",
        ", ".join(f"{code}: {n}" for code, n in counts.items()),
        max(0, checked - limit) + others,
    )


PLAN_REQUEST = (
    "mutation($i: RequestRecommendationInput!) { requestRecommendation(input: $i) { recommendation { id } "
    "userErrors { code } } }"
)
INVEST = "mutation($i: InvestInPlanInput!) { investInPlan(input: $i) { recommendation { id } userErrors { code } } }"


def attack_plan_race(server: Server, racers: int = 8) -> Outcome:
    """``racers`` executions of one plan at once, under different idempotency keys (issue item
    9): exactly one succeeds, the others are PLAN_ALREADY_INVESTED (not INTERNAL_ERROR)."""
    label = f"plan race: {racers} investInPlan at once, one plan"
    status, answer = graphql(server.port, LOGIN, {"i": {"email": PLAN_CUSTOMER, "password": DEMO_PASSWORD}})
    token = (answer or {}).get("data", {}).get("login", {}).get("token") if status == 200 else None
    if not token:
        return Outcome(label, "1 invested, rest PLAN_ALREADY_INVESTED", f"not run: log-in failed ({status})", 0)
    headers = {"Authorization": f"Bearer {token}"}
    status, answer = graphql(server.port, PLAN_REQUEST, {"i": {"amount": "10000"}}, headers)
    plan = (answer or {}).get("data", {}).get("requestRecommendation", {}).get("recommendation")
    if not plan:
        return Outcome(label, "1 invested, rest PLAN_ALREADY_INVESTED", f"not run: no plan ({answer})", 0)

    def invest(n: int) -> str:
        variables = {"i": {"recommendationId": plan["id"], "idempotencyKey": f"race-{uuid.uuid4().hex[:8]}-{n}"}}
        status, answer = graphql(server.port, INVEST, variables, headers)
        if status != 200 or not answer or not answer.get("data") or answer.get("errors"):
            codes = [e.get("extensions", {}).get("code", "?") for e in (answer or {}).get("errors") or []]
            return f"HTTP {status} {','.join(codes)}".strip()
        payload = answer["data"]["investInPlan"]
        return "INVESTED" if payload["recommendation"] else (payload["userErrors"] or [{"code": "?"}])[0]["code"]

    codes = fire([lambda n=n: invest(n) for n in range(racers)], racers)
    counts = {code: codes.count(code) for code in sorted(set(codes))}
    through = abs(counts.get("INVESTED", 0) - 1) + (
        racers - counts.get("INVESTED", 0) - counts.get("PLAN_ALREADY_INVESTED", 0)
    )
    return Outcome(
        label,
        "1 invested, rest PLAN_ALREADY_INVESTED",
        ", ".join(f"{code}: {n}" for code, n in counts.items()),
        through,
    )


def ledger_verify(url: str) -> Outcome:
    done = subprocess.run(
        [str(BIN / "robo"), "ledger", "verify"], env=robo_env(url), cwd=ROOT, capture_output=True, text=True
    )
    said = " ".join((done.stdout + done.stderr).split())
    return Outcome(
        "robo ledger verify after the races",
        "clean (exit 0)",
        f"exit {done.returncode}: {said[:90]}",
        int(done.returncode != 0),
    )


# --- 4. argon2 concurrency -----------------------------------------------------------------------


def argon2_burst(server: Server, burst: int, tag: str | None) -> dict:
    """``burst`` log-ins at once: wrong passwords for the default-cost account (``tag`` None)
    or unknown emails (distinct, tagged)."""
    time.sleep(0.3)
    before = memory(server.pid)["VmRSS"]
    reset = reset_peak(server.pid)
    started = time.perf_counter()
    attempts = fire(
        [
            lambda n=n: login_attempt(
                server.port,
                VICTIM_ARGON2 if tag is None else f"nobody-{tag}-{n}@bench.example",
                f"some-password-{n}-zz",
                None,
            )
            for n in range(burst)
        ],
        burst,
    )
    wall = time.perf_counter() - started
    after = memory(server.pid)
    return {
        "before": before,
        "peak": after["VmHWM"],
        "after": after["VmRSS"],
        "growth": after["VmHWM"] - before,
        "wall": wall,
        "counts": _counts(attempts),
        "reset": reset,
    }


def attack_argon2(server: Server, burst: int) -> dict:
    cost_kib = 65536
    for _ in range(20):
        graphql(server.port, TYPENAME)
    # A fresh worker: first wrong passwords for an existing account (each verification takes
    # an argon2 slot), then unknown emails twice (the first ones before the dummy hash that
    # unknown emails are verified against exists).
    known = argon2_burst(server, burst, None)
    cold = argon2_burst(server, burst, "first")
    warm = argon2_burst(server, burst, "again")
    singles = []
    for n in range(3):
        started = time.perf_counter()
        login_attempt(server.port, f"alone-{n}@bench.example", "some-password-zz", None)
        singles.append(time.perf_counter() - started)
    # Registrations over the hourly limit (one address): the password is hashed before the
    # limit is checked.
    tag, limit = uuid.uuid4().hex[:6], setting("registrations_per_address_hour")
    timed = [register(server.port, n, tag, None) for n in range(limit + 4)]
    refused = [took for code, took in timed if code == "RATE_LIMITED"]
    return {
        "known": known,
        "cold": cold,
        "warm": warm,
        "single": statistics.median(singles),
        "cost": cost_kib * 1024,
        "refused_registration": statistics.median(refused) if refused else None,
        "refused_count": len(refused),
    }


ARGON2_BURSTS = {
    "known": "existing account, wrong passwords",
    "cold": "unknown emails, first time",
    "warm": "unknown emails, again",
}


def print_argon2(result: dict, burst: int, slots: int) -> None:
    print(
        f"\n4. argon2 concurrency (64 MiB, time cost 3; ROBO_ARGON2_MAX_CONCURRENT={slots}): "
        f"{burst} log-ins at once on a fresh worker, three times"
    )
    bound = slots * result["cost"] + 32 * MIB
    for name, label in ARGON2_BURSTS.items():
        r = result[name]
        note = "" if r["reset"] else " (peak since the start)"
        print(
            f"   {label}:\n      RSS before {mib(r['before'])}, peak {mib(r['peak'])}{note}, "
            f"after {mib(r['after'])}; growth {mib(r['growth'])} = {r['growth'] / result['cost']:.1f} x 64 MiB "
            f"(bound {mib(bound)}); wall {r['wall']:.2f} s; answers {r['counts']}"
        )
    print(
        f"   one log-in alone: {result['single']:.2f} s; {burst} at once ideally ~{burst / slots:.0f} x that on "
        f"{slots} slots (fewer cores: slower)"
    )
    refused = result["refused_registration"]
    if refused is not None:
        verdict = "hashed before the limit is checked" if refused > result["single"] / 2 else "not hashed"
        print(
            f"   registrations refused by the hourly limit ({result['refused_count']}): median {refused:.2f} s each, "
            f"vs a log-in alone {result['single']:.2f} s ({verdict})"
        )


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a quarter of the memory requests, a 6 s drip")
    parser.add_argument("--drip-seconds", type=float, default=None, help="length of the dripped log-ins (default 15)")
    parser.add_argument("--burst", type=int, default=24, help="log-ins fired at once (default 24)")
    parser.add_argument("--no-write", action="store_true", help="do not replace the section of docs/benchmarks.md")
    parser.add_argument(
        "--field-documents",
        action="store_true",
        help="a 4th memory stage: the cache filled with 4 KB documents of 1,995 unknown fields "
        "(the costliest per entry found; ~0.1 s of the worker each, minutes in all)",
    )
    args = parser.parse_args()
    scale = 0.25 if args.quick else 1.0
    drip = args.drip_seconds if args.drip_seconds is not None else (6.0 if args.quick else 15.0)

    try:
        _admin().connect().close()
    except Exception as error:
        print(
            f"PostgreSQL not reachable at {ADMIN_URL} ({type(error).__name__}); set ROBO_BENCH_POSTGRES_URL. Skipped."
        )
        return
    name = f"robo_bench_abuse_{os.getpid()}"
    url = create_database(name)
    logs = Path(tempfile.mkdtemp(prefix="robo-abuse-"))
    servers: list[Server] = []
    outcomes: list[Outcome] = []
    errors_logged: dict[str, list[str]] = {}
    max_delay = setting("login_max_delay_seconds")
    slots = setting("argon2_max_concurrent")
    began = time.perf_counter()
    workers_cpu = "not measured"
    try:
        prepare(url)
        print(
            f"database {name} migrated, {len(VICTIMS)} accounts made; throttle: "
            f"{setting('login_free_attempts')} free per (account, address), "
            f"{setting('login_account_free_attempts')} per account, {setting('login_address_free_attempts')} per "
            f"address; {setting('registrations_per_address_hour')} registrations per address-hour",
            flush=True,
        )

        # Server A: the defaults (X-Forwarded-For ignored), cheap hashing.
        server = Server("default", url, logs, **CHEAP_ARGON2)
        servers.append(server)
        print(f"server A (defaults, X-Forwarded-For ignored): {server.serving}", flush=True)
        stages = attack_memory(server, scale, args.field_documents)
        print_memory(stages)
        kinds = [kind for _, result in stages for kind in result["kinds"]]
        oversized = [k for k in kinds if k.expect != "200"]
        answered = [k for k in kinds if k.expect == "200"]
        refused_ok = sum(k.seen.get(int(k.expect), 0) for k in oversized)
        unexpected = ", ".join(f"{s}: {n}" for k in oversized for s, n in k.seen.items() if str(s) != k.expect)
        outcomes.append(
            Outcome(
                "oversized / too deep requests",
                "all 413 / 400",
                f"{refused_ok} of {sum(k.count for k in oversized)} refused as expected"
                + (f"; also {unexpected}" if unexpected else ""),
                sum(k.through() for k in oversized),
            )
        )
        outcomes.append(
            Outcome(
                "big documents answered",
                "200, no 5xx",
                ", ".join(f"{s}: {n}" for s, n in _merge(k.seen for k in answered).items()),
                sum(k.through() for k in answered),
            )
        )
        for number, (label, result) in enumerate(stages, 1):
            outcomes.append(
                Outcome(
                    f"memory, stage {number}: {label}",
                    f"growth <= {MEMORY_TARGET_MIB} MiB",
                    f"peak +{mib(result['growth'])}, after +{mib(result['after'] - result['before'])}",
                    int(result["growth"] > MEMORY_TARGET_MIB * MIB),
                )
            )
        print("\n2. log-in throttling", flush=True)
        outcomes.append(attack_login_ignored(server, max_delay))
        _print_login(outcomes[-1])
        print("\n3. registrations", flush=True)
        outcomes.append(attack_registrations_sequence(server))
        print(f"   {outcomes[-1].attack}: {outcomes[-1].observed}")
        errors_logged["A"] = server.errors_logged()
        server.stop()
        servers.remove(server)

        # Server B: behind a trusted proxy: each X-Forwarded-For is an address.
        server = Server("proxied", url, logs, ROBO_TRUSTED_PROXIES="127.0.0.1", **CHEAP_ARGON2)
        servers.append(server)
        print(f"\nserver B (ROBO_TRUSTED_PROXIES=127.0.0.1, X-Forwarded-For believed): {server.serving}", flush=True)
        for outcome in attack_login_rotating(server, max_delay, drip, args.burst) + attack_stuffing(server, max_delay):
            outcomes.append(outcome)
            _print_login(outcome)
        outcomes.append(attack_registrations_burst(server))
        print(f"   {outcomes[-1].attack}: {outcomes[-1].observed}")
        errors_logged["B"] = server.errors_logged()
        server.stop()
        servers.remove(server)

        # Server C: the default argon2 cost; the address throttle out of the way.
        server = Server("argon2", url, logs, ROBO_LOGIN_ADDRESS_FREE_ATTEMPTS="1000")
        servers.append(server)
        print(f"\nserver C (default argon2 cost, 1000 free attempts per address): {server.serving}", flush=True)
        result = attack_argon2(server, args.burst)
        print_argon2(result, args.burst, slots)
        bound = slots * result["cost"] + 32 * MIB
        for name_, label in ARGON2_BURSTS.items():
            r = result[name_]
            outcomes.append(
                Outcome(
                    f"argon2, {args.burst} at once: {label}",
                    f"peak growth <= {mib(bound)}",
                    f"+{mib(r['growth'])} ({r['growth'] / result['cost']:.1f} x 64 MiB), {r['wall']:.1f} s",
                    int(r["growth"] > bound) + sum(n for c, n in r["counts"].items() if c.startswith("HTTP 5")),
                )
            )
        refused = result["refused_registration"]
        if refused is not None:
            outcomes.append(
                Outcome(
                    "registrations refused by the hourly limit",
                    "not hashed",
                    f"{refused:.2f} s each against {result['single']:.2f} s for a log-in",
                    int(refused > result["single"] / 2),
                )
            )
        errors_logged["C"] = server.errors_logged()
        server.stop()
        servers.remove(server)

        # Server D: two workers behind a trusted proxy; the counters live in the database.
        server = Server("workers", url, logs, workers=2, ROBO_TRUSTED_PROXIES="127.0.0.1", **CHEAP_ARGON2)
        servers.append(server)
        print(f"\nserver D (--workers 2, ROBO_TRUSTED_PROXIES=127.0.0.1): {server.serving}", flush=True)
        print("\n5. two workers", flush=True)
        cpu_before = {pid: cpu_seconds(pid) for pid in server.workers}
        on_two: list[Outcome] = []
        free = setting("login_account_free_attempts")
        attempts = fire(
            [
                lambda n=n: login_attempt(server.port, VICTIMS["workers"], f"wrong-guess-{n}-zz", f"100.64.0.{n + 1}")
                for n in range(args.burst)
            ],
            args.burst,
        )
        on_two.append(
            login_outcome(
                f"log-in, {args.burst} addresses, all at once",
                attempts,
                free,
                free + 1,
                f"the account scope binds, {free} free",
                max_delay,
            )
        )
        stuffing_free = setting("login_address_free_attempts")
        tag = uuid.uuid4().hex[:6]
        attempts = fire(
            [
                lambda n=n: login_attempt(
                    server.port, f"stuffed-{tag}-w{n}@bench.example", f"leaked-password-{n}-zz", "192.0.2.40"
                )
                for n in range(30)
            ],
            30,
        )
        on_two.append(
            login_outcome(
                "credential stuffing, 30 emails, all at once",
                attempts,
                stuffing_free,
                stuffing_free + 1,
                f"the address scope binds, {stuffing_free} free",
                max_delay,
            )
        )
        on_two.append(attack_registrations_burst(server, "192.0.2.50"))
        on_two.append(attack_taken_email(server, VICTIMS["workers"], "192.0.2.60"))
        on_two.append(attack_plan_race(server))
        spent = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in server.workers}
        workers_cpu = ", ".join(f"pid {pid} {seconds:.1f} s" for pid, seconds in spent.items())
        for outcome in on_two:
            outcome.attack += " [2 workers]"
            outcomes.append(outcome)
            if outcome.detail:
                _print_login(outcome)
            else:
                print(f"   {outcome.attack}: {outcome.observed} (expected {outcome.expected})")
        print(f"   CPU time of each worker during these attacks: {workers_cpu} (both served)")
        errors_logged["D"] = server.errors_logged()
        server.stop()
        servers.remove(server)
        outcomes.append(ledger_verify(url))
        print(f"\n{outcomes[-1].attack}: {outcomes[-1].observed}")
    finally:
        for server in servers:
            server.stop()
        drop_database(name)

    for label, lines in errors_logged.items():
        if lines:
            print(f"\nserver {label} logged {len(lines)} error line(s), e.g.:")
            for line in lines[:5]:
                print(f"   {line[:200]}")
    shutil.rmtree(logs, ignore_errors=True)

    print(f"\nsummary ({time.perf_counter() - began:.0f} s)")
    width = max(len(o.attack) for o in outcomes)
    expected_width = max(len(o.expected) for o in outcomes)
    print(f"  {'attack':<{width}}  {'expected':<{expected_width}}  {'verdict':<7}  observed")
    for o in outcomes:
        print(
            f"  {o.attack:<{width}}  {o.expected:<{expected_width}}  {'THROUGH' if o.through else 'OK':<7}  "
            f"{o.observed}" + (f"  ({o.through} through)" if o.through else "")
        )
    through = sum(1 for o in outcomes if o.through)
    verdict = "met" if not through else f"{through} attack(s) got something through"
    print(f"targets: memory flat within {MEMORY_TARGET_MIB} MiB; nothing through -> {verdict}")
    if not args.no_write:
        command = " ".join(["bench/abuse.py", *sys.argv[1:]])
        write_report(outcomes, command=command, seconds=time.perf_counter() - began, workers_cpu=workers_cpu)
        print(f"wrote the section {SECTION} of {REPORT.relative_to(ROOT)}")


def write_report(outcomes: list[Outcome], *, command: str, seconds: float, workers_cpu: str) -> None:
    """Replace this script's section of docs/benchmarks.md (between its markers) with the
    summary of this run; the rest of the file is left as it is."""
    day = time.strftime("%Y-%m-%d")
    through = sum(1 for o in outcomes if o.through)
    lines = [
        "## Abuse against a real server (`bench/abuse.py`, issue 12)",
        "",
        f"PostgreSQL, {day}, `.venv/bin/python {command}` ({seconds:.0f} s): servers A to C one `robo serve`",
        "worker each, server D two workers (`--workers 2`, the rows marked [2 workers]; CPU time of each",
        f"worker during them: {workers_cpu}, so both answered). Written by the script.",
        "",
        "| attack | expected | verdict | observed |",
        "|---|---|---|---|",
    ]
    for o in outcomes:
        observed = o.observed + (f" ({o.through} through)" if o.through else "")
        lines.append(
            f"| {o.attack} | {o.expected} | {'THROUGH' if o.through else 'OK'} | {observed.replace('|', '/')} |"
        )
    lines += [
        "",
        f"Targets: memory flat within {MEMORY_TARGET_MIB} MiB, nothing through: "
        + ("met." if not through else f"{through} row(s) THROUGH."),
        "Before the fixes of this issue stage 2 grew a worker by 60 MiB (entries bounded by count only),",
        "unknown emails hashed outside the argon2 slot, and registrations refused as EMAIL_TAKEN rolled",
        "their count back (unlimited probing of which emails have accounts).",
    ]
    start, end = f"<!-- {SECTION} -->", f"<!-- /{SECTION} -->"
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    block = "\n".join([start, *lines, end])
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    REPORT.write_text(text, encoding="utf-8")


def _merge(dicts) -> dict:
    merged: dict = {}
    for seen in dicts:
        for status, n in seen.items():
            merged[status] = merged.get(status, 0) + n
    return dict(sorted(merged.items(), key=lambda item: str(item[0])))


def _print_login(outcome: Outcome) -> None:
    print(
        f"   {outcome.attack}: {outcome.observed} (expected {outcome.expected}"
        + (f"; {outcome.through} checked inside a wait" if outcome.through else "")
        + ")"
    )
    print(f"      {outcome.detail}")


if __name__ == "__main__":
    main()
