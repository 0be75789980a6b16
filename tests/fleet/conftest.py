"""Fleet fixtures (issue 21): real ``robo serve`` processes on two loopback addresses, Debian's
HAProxy in front of them, Debian's PgBouncer in transaction-pooling mode, and a PostgreSQL
primary with a streaming replica, each started by the test in a temporary directory on free
ports and stopped after it.

A tool that is missing skips the test with the reason on a developer's machine and fails it
under ``CI=true`` (``.ci/run`` installs ``haproxy`` and ``pgbouncer``; the PostgreSQL server
binaries come with the PostgreSQL server the suite already needs).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from websockets.sync.client import connect

from tests.conftest import DEFAULT_NOW
from tests.investing.conftest import catalogue, desk, funds, staff  # noqa: F401 (fixtures)

ROBO = str(Path(sys.executable).parent / "robo")
HOSTS = ("127.0.0.2", "127.0.0.3")
START_SECONDS = 180  # a loaded 2-core machine imports slowly


def unavailable(reason: str) -> None:
    """Skip with ``reason`` on a developer's machine; fail under ``CI=true``."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the fleet tests must run)")
    pytest.skip(reason)


def require(tool: str, package: str) -> str:
    found = shutil.which(tool) or next(
        (str(path) for path in (Path("/usr/sbin") / tool, Path("/usr/bin") / tool) if path.exists()), None
    )
    if found is None:
        unavailable(f"{tool} is not installed: apt-get install {package} (Debian's package; .ci/run installs it)")
    return found  # type: ignore[return-value]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_until(ready, what: str, seconds: float = START_SECONDS, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready within {seconds:.0f} s")
        time.sleep(0.2)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ROBO_", "PROMETHEUS_"))}
    env.update(
        ROBO_ENV="test",
        ROBO_DATABASE_URL=database_url,
        ROBO_ARGON2_TIME_COST="1",
        ROBO_ARGON2_MEMORY_COST_KIB="1024",
        ROBO_LOG_LEVEL="WARNING",
        ROBO_WEB_DIST="",
        ROBO_TRUSTED_PROXIES="127.0.0.1",  # the balancer: X-Forwarded-For names the client
    )
    env.update(extra)
    return env


@contextmanager
def robo_servers(database_url: str, hosts=HOSTS, log_dir: Path | None = None, **extra: str) -> Iterator[int]:
    """``robo serve`` on each of ``hosts`` (one port, one process per host); yields the port."""
    port = free_port(hosts[0])
    processes = []
    logs = []
    try:
        for host in hosts:
            log = open((log_dir or Path(tempfile.gettempdir())) / f"robo-{host}-{port}.log", "wb")  # noqa: SIM115
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [ROBO, "serve", "--host", host, "--port", str(port)],
                    env=server_env(database_url, **extra),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for host, process in zip(hosts, processes):
            wait_until(
                lambda host=host: _answers(f"http://{host}:{port}/readyz"), f"robo serve on {host}", process=process
            )
        yield port
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


HAPROXY_CONFIG = """
global
    maxconn 512
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    timeout tunnel 1h
frontend robo
    bind 127.0.0.1:{port}
    option forwardfor
    default_backend api
backend api
    balance roundrobin
    option httpchk GET /readyz
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


@contextmanager
def haproxy(backend_port: int, directory: Path, hosts=HOSTS) -> Iterator[str]:
    """Debian's HAProxy on a free port, round robin over ``hosts``; yields its base URL."""
    binary = require("haproxy", "haproxy")
    port = free_port()
    servers = "\n".join(f"    server {host.replace('.', '-')} {host}:{backend_port} check inter 1s" for host in hosts)
    config = directory / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers))
    checked = subprocess.run([binary, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    log = open(directory / "haproxy.log", "wb")  # noqa: SIM115
    process = subprocess.Popen([binary, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        # every server up in HAProxy's eyes (its health checks passed): both take requests
        def both_serving() -> bool:
            seen = set()
            for _ in range(4):
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                        seen.add(answer.headers.get("X-Served-By"))
                except OSError:
                    return False
            return len(seen) == len(hosts)

        wait_until(both_serving, "haproxy", process=process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def postgres_owned_dir(prefix: str) -> Path:
    """A temporary directory the ``postgres`` user owns (PgBouncer and the PostgreSQL server
    refuse to run as root)."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.chown(directory, "postgres", "postgres")
    directory.chmod(0o700)
    return directory


def as_postgres(*command: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    runuser = shutil.which("runuser")
    if os.geteuid() == 0 and runuser:
        command = (runuser, "-u", "postgres", "--", *command)
    elif os.geteuid() == 0:
        unavailable("runuser is missing: the test cannot run PostgreSQL's tools as the postgres user")
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")
    return done


def _postgres_user_exists() -> bool:
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


@contextmanager
def pgbouncer(upstream_port: int = 5432, pool_size: int = 10) -> Iterator[int]:
    """Debian's PgBouncer in transaction-pooling mode on a free port, in front of the
    PostgreSQL server on ``upstream_port``; yields its port."""
    binary = require("pgbouncer", "pgbouncer")
    if not _postgres_user_exists():
        unavailable("no postgres user to run PgBouncer as (it refuses to run as root)")
    directory = postgres_owned_dir("robo-pgbouncer-")
    port = free_port()
    (directory / "userlist.txt").write_text('"postgres" ""\n')
    (directory / "pgbouncer.ini").write_text(
        f"""[databases]
* = host=127.0.0.1 port={upstream_port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {directory}/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = {pool_size}
ignore_startup_parameters = extra_float_digits,options
logfile = {directory}/pgbouncer.log
pidfile = {directory}/pgbouncer.pid
"""
    )
    for name in ("userlist.txt", "pgbouncer.ini"):
        shutil.chown(directory / name, "postgres", "postgres")
    command = [binary, str(directory / "pgbouncer.ini")]
    if os.geteuid() == 0:
        command = [shutil.which("runuser") or "runuser", "-u", "postgres", "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:

        def listening() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return True
            except OSError:
                return False

        wait_until(listening, "pgbouncer", process=process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


def postgres_bindir() -> Path:
    pg_config = shutil.which("pg_config")
    candidates = []
    if pg_config:
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(Path(done.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for candidate in candidates:
        if (
            (candidate / "pg_basebackup").exists()
            and (candidate / "pg_ctl").exists()
            and (candidate / "initdb").exists()
        ):
            return candidate
    unavailable("PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) were not found (pg_config --bindir)")
    raise AssertionError  # unreachable


@contextmanager
def primary_with_replica() -> Iterator[tuple[int, int]]:
    """A PostgreSQL primary of its own (``initdb`` in a temporary directory: the system
    cluster's ``pg_hba.conf`` has no replication entry, and the test may not edit system
    configuration) and a streaming replica made with ``pg_basebackup -R``, on free ports, run
    as the ``postgres`` user; yields (primary port, replica port)."""
    if not _postgres_user_exists():
        unavailable("no postgres user to run the PostgreSQL server as")
    bindir = postgres_bindir()
    root = postgres_owned_dir("robo-replica-")
    primary, replica = root / "primary", root / "replica"
    primary_port, replica_port = free_port(), free_port()
    started = []
    try:
        as_postgres(str(bindir / "initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres", "--no-sync")
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {primary_port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
                "wal_level = replica\nmax_wal_senders = 5\nfsync = off\nsynchronous_commit = off\n"
                "full_page_writes = off\nshared_buffers = 32MB\n"
            )
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write("\nhost replication postgres 127.0.0.1/32 trust\n")
        as_postgres(str(bindir / "pg_ctl"), "-D", str(primary), "-l", str(root / "primary.log"), "-w", "start")
        started.append(primary)
        as_postgres(
            str(bindir / "pg_basebackup"),
            "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
            "-D", str(replica), "-R", "-X", "stream", "--no-sync",
        )  # fmt: skip
        with open(replica / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {replica_port}\nhot_standby = on\n")
        as_postgres(str(bindir / "pg_ctl"), "-D", str(replica), "-l", str(root / "replica.log"), "-w", "start")
        started.append(replica)
        yield primary_port, replica_port
    except RuntimeError as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"could not start a PostgreSQL primary with a streaming replica: {error}")
    finally:
        for directory in reversed(started):
            as_postgres(str(bindir / "pg_ctl"), "-D", str(directory), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(root, ignore_errors=True)


# --- a client through the balancer -------------------------------------------------------


class _Socket:
    """A WebSocket with the TestClient's ``send_json``/``receive_json``."""

    def __init__(self, connection) -> None:
        self.connection = connection

    def send_json(self, message: dict) -> None:
        self.connection.send(json.dumps(message))

    def receive_json(self, timeout: float = 30) -> dict:
        return json.loads(self.connection.recv(timeout=timeout))


class _SocketContext:
    def __init__(self, url: str, subprotocols: list[str], served_by: list[str]) -> None:
        self.url, self.subprotocols, self.served_by = url, subprotocols, served_by
        self.connection = None

    def __enter__(self) -> _Socket:
        self.connection = connect(self.url, subprotocols=self.subprotocols, open_timeout=30)
        self.served_by.append(self.connection.response.headers.get("X-Served-By", "?"))  # the upgrade is balanced too
        return _Socket(self.connection)

    def __exit__(self, *exc) -> None:
        if self.connection is not None:
            self.connection.close()


class BalancedHttp:
    """What the API tests use of Starlette's TestClient (``post``, ``get``,
    ``websocket_connect``), against a real base URL; remembers which server answered each
    request (HAProxy's ``X-Served-By``)."""

    def __init__(self, base: str, *, cookies: bool = True) -> None:
        self.base = base
        self.client = httpx.Client(base_url=base, timeout=60)
        self.cookies = cookies
        self.served_by: list[str] = []

    def _record(self, response):
        self.served_by.append(response.headers.get("x-served-by", "?"))
        if not self.cookies:
            self.client.cookies.clear()
        return response

    def post(self, path: str, **kwargs):
        return self._record(self.client.post(path, **kwargs))

    def get(self, path: str, **kwargs):
        return self._record(self.client.get(path, **kwargs))

    def websocket_connect(self, path: str, subprotocols: list[str] | None = None) -> _SocketContext:
        return _SocketContext(self.base.replace("http", "ws", 1) + path, subprotocols or [], self.served_by)

    def close(self) -> None:
        self.client.close()


def set_platform_clock(database, at=DEFAULT_NOW) -> None:
    """Move the platform's stored clock (dev and test) to ``at``: every server process reads it,
    so all hosts share one clock (a pinned ``ROBO_CLOCK`` starts when each process starts)."""
    from core.clock import SystemClock
    from ledger import service as ledger_service
    from tests.conftest import test_settings

    settings = test_settings()
    clock = ledger_service.platform_clock(base=SystemClock(), database=database, settings=settings)
    with database.write() as session:
        ledger_service.set_clock(session=session, clock=clock, settings=settings, at=at, set_by="fleet-test")
