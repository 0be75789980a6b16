"""The web app (issue 16): the production bundle's initial JavaScript, gzipped (what a first
visit downloads before the home screen; the staff console and the charts are separate chunks
loaded when needed; target under 250 KB), and, in Debian's chromium against a local
``robo serve`` on a fresh seeded SQLite database, the time from navigating to ``/`` until the
home screen shows the customer's total assets (median of 10 runs, signed in, HTTP cache warm;
target under 1.5 s). Baseline in the same run: the time to fetch ``/healthz`` from the same server.

    .venv/bin/python bench/web.py [--runs 10] [--no-write]

Needs Node.js 20+ (web/node_modules: ``make web``) and chromium on PATH. Writes its figures to
docs/benchmarks.md (the section "The web app") unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
DIST = WEB / "dist"
ROBO = str(Path(sys.executable).with_name("robo"))
SECTION = "## The web app (`bench/web.py`, issue 16)"


def initial_js() -> list[tuple[str, int, int]]:
    """(file, bytes, gzipped bytes) of every script index.html loads or preloads."""
    html = (DIST / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<script[^>]+src="/([^"]+\.js)"', html) + re.findall(
        r'<link rel="modulepreload"[^>]+href="/([^"]+\.js)"', html
    )
    found = []
    for name in dict.fromkeys(names):
        data = (DIST / name).read_bytes()
        found.append((name, len(data), len(gzip.compress(data, compresslevel=9))))
    return found


def lazy_js() -> list[tuple[str, int]]:
    initial = {name for name, _, _ in initial_js()}
    return [
        (f"assets/{path.name}", len(gzip.compress(path.read_bytes(), compresslevel=9)))
        for path in sorted((DIST / "assets").glob("*.js"))
        if f"assets/{path.name}" not in initial
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if shutil.which("node") is None or chromium is None:
        sys.exit("bench/web.py needs node and chromium on PATH")
    if not (DIST / "index.html").exists():
        subprocess.run(["npx", "vite", "build"], cwd=WEB, check=True)

    scripts = initial_js()
    initial_gz = sum(gz for _, _, gz in scripts)
    print(
        f"initial JS: {initial_gz / 1024:.1f} KB gzipped ({sum(raw for _, raw, _ in scripts) / 1024:.1f} KB raw) in {len(scripts)} file(s)"
    )
    for name, gz in lazy_js():
        print(f"  lazy chunk {name}: {gz / 1024:.1f} KB gzipped")

    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        env = {
            **os.environ,
            "ROBO_ENV": "test",
            "ROBO_DATABASE_URL": f"sqlite:///{scratch}/robo.db",
            "ROBO_WEB_DIST": str(DIST),
            "ROBO_PORT": str(port),
            "ROBO_LOG_LEVEL": "WARNING",
        }
        for command in (["migrate"], ["seed-demo"]):
            subprocess.run([ROBO, *command], env=env, cwd=scratch, check=True, capture_output=True)
        server = subprocess.Popen(
            [ROBO, "serve"], env=env, cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.25)
            health = []
            for _ in range(args.runs):
                started = time.perf_counter()
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:
                    answer.read()
                health.append((time.perf_counter() - started) * 1000)
            timing = subprocess.run(
                [
                    "node",
                    "bench/home-timing.mjs",
                    base,
                    "alice@example.com",
                    "demo-pass-2026",
                    chromium,
                    str(args.runs),
                ],
                cwd=WEB,
                capture_output=True,
                text=True,
                check=True,
            )
            times = json.loads(timing.stdout.strip().splitlines()[-1])
        finally:
            server.terminate()
            server.wait(timeout=30)
    median = statistics.median(times)
    print(
        f"home screen showing total assets: median {median:.0f} ms over {len(times)} runs (min {min(times)}, max {max(times)})"
    )
    print(f"baseline /healthz: median {statistics.median(health):.1f} ms")
    print(
        f"targets: initial JS < 250 KB gzipped: {'met' if initial_gz < 250 * 1024 else 'MISSED'}; home < 1.5 s: {'met' if median < 1500 else 'MISSED'}"
    )
    if not args.no_write:
        write(initial_gz, scripts, median, times, statistics.median(health))


def write(initial_gz: int, scripts, median: float, times: list[int], health: float) -> None:
    lazy = ", ".join(f"{name.split('/')[-1].split('-')[0]} {gz / 1024:.0f} KB" for name, gz in lazy_js())
    text = f"""{SECTION}

`.venv/bin/python bench/web.py` (production build, Debian chromium {chromium_version()}, a 375x812 page, signed in as
a demo customer; 2 shared cores, other work running).

| figure | value | target |
| --- | --- | --- |
| initial JS, gzipped ({len(scripts)} file) | {initial_gz / 1024:.1f} KB | < 250 KB |
| lazy chunks, gzipped | {lazy} | loaded when needed |
| navigation to `/` until the total assets show, median of {len(times)} | {median:.0f} ms (min {min(times)}, max {max(times)}) | < 1500 ms |
| baseline: `GET /healthz`, median | {health:.1f} ms | |

The home screen needs the HTML, one script, the viewer query and the home query (one request each);
the charts (Recharts) and the staff console are not part of the first load.
"""
    path = ROOT / "docs" / "benchmarks.md"
    current = path.read_text(encoding="utf-8")
    if SECTION in current:
        before, _, rest = current.partition(SECTION)
        following = rest.find("\n## ")
        current = before + text.rstrip("\n") + ("\n" + rest[following:] if following >= 0 else "\n")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def chromium_version() -> str:
    binary = shutil.which("chromium") or "chromium"
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "?"
    match = re.search(r"(\d+\.\d+\.\d+\.\d+)", out)
    return match.group(1) if match else "?"


if __name__ == "__main__":
    main()
