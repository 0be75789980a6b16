"""The web app's own checks, as part of ``make test``: ``npm ci`` when ``node_modules`` is missing
or older than ``package-lock.json``, the GraphQL Code Generator drift check, the Vitest component
tests, the production build, and the Playwright end-to-end run (Debian's ``chromium`` from PATH,
never a downloaded browser) against a real ``robo serve`` on a fresh database.

Without Node.js 20+ or chromium the test skips with the reason; under CI (``CI=true``) it fails
instead, so that CI cannot pass by skipping. With pytest-xdist it runs once, in one worker (the
``xdist_group`` mark with ``--dist loadgroup``, or alone otherwise); the e2e server takes a free port.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    result = subprocess.run(command, cwd=WEB, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-4000:]}"
        )


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
