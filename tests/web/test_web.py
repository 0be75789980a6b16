"""The web app's own checks, as part of ``make test``: ``npm ci`` when ``node_modules`` is missing
or older than ``package-lock.json``, the GraphQL Code Generator drift check, the Vitest component
tests, the production build, and the Playwright end-to-end run (Debian's ``chromium`` from PATH,
never a downloaded browser) against a real ``robo serve`` on a fresh database.

Without Node.js 20+ or chromium the test skips with the reason; under CI (``CI=true``) it fails
instead, so that CI cannot pass by skipping. With pytest-xdist it runs once, in one worker (the
``xdist_group`` mark with ``--dist loadgroup``, or alone otherwise); the e2e server takes a free port.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web")]


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the web tests must run in CI)")
    pytest.skip(reason)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        _missing(f"{name} is not on PATH: install Node.js 20+ (and Debian's chromium) to run the web tests")
    return str(found)


def _run(*command: str, env: dict[str, str] | None = None, timeout: int = 1800) -> None:
    """Run one npm step in its own process group, its output in files rather than pipes: a
    process it leaves behind (a server, a browser's crash handler) cannot keep a pipe open and
    hang the suite, and on timeout the whole group is killed."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=WEB, env=env, stdout=out, stderr=err, start_new_session=True)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # whatever the step left running
            process.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code != 0:
        what = f"timed out after {timeout} s" if code is None else f"failed ({code})"
        pytest.fail(f"{' '.join(command)} {what}:\n{stdout[-6000:]}\n{stderr[-4000:]}")


def test_web_app_builds_passes_its_component_tests_and_the_browser_journeys(tmp_path):
    node = _tool("node")
    npm = _tool("npm")
    major = int(
        subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.lstrip("v").split(".")[0]
    )
    if major < 20:
        _missing(f"Node.js {major} is too old: the web app needs Node.js 20+")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        _missing("chromium is not on PATH (apt-get install chromium): the web e2e needs a browser")
    env = {
        **os.environ,
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "CHROMIUM_PATH": str(chromium),
        "ROBO_BIN": str(Path(sys.executable).with_name("robo")),
        "E2E_ARTIFACTS": os.environ.get("E2E_ARTIFACTS", str(WEB / "artifacts")),
    }
    modules = WEB / "node_modules" / ".package-lock.json"
    if not modules.exists() or modules.stat().st_mtime < (WEB / "package-lock.json").stat().st_mtime:
        _run(npm, "ci", "--no-audit", "--no-fund", env=env)
    _run(npm, "run", "codegen:check", env=env)
    _run(npm, "exec", "--", "vitest", "run", env=env)
    _run(npm, "exec", "--", "tsc", "-b", env=env)
    _run(npm, "exec", "--", "vite", "build", env=env)
    _run(npm, "exec", "--", "playwright", "test", env=env)
