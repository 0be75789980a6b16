"""The container files (issue 21): ``compose.yaml`` is a valid Compose file (``docker compose
config`` where Docker's Compose plugin works, else a check of its structure against the parts of
the Compose specification it uses) and every command the image's services run is a real ``robo``
command; the ``Dockerfile`` is multi-stage, builds the web app with Node.js 20, installs from
``requirements.lock`` and runs as a non-root user."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import typer
import yaml

from api.cli import app as cli

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
SECRETS = {"ROBO_SECRET_KEY": "s" * 40, "ROBO_IDENTITY_KEY": "i" * 40}


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _robo_commands() -> set[str]:
    """What ``robo --help`` lists."""
    return set(typer.main.get_command(cli).commands)  # type: ignore[attr-defined]


def _docker_compose() -> list[str] | None:
    """A working ``docker compose`` (the plugin) or ``docker-compose``, else None."""
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) is None:
            continue
        try:
            done = subprocess.run([*command, "version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return command
    return None


def test_compose_file_is_valid():
    command = _docker_compose()
    if command is not None:
        done = subprocess.run(
            [*command, "-f", str(COMPOSE), "config", "--quiet"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, **SECRETS},
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
    _check_structure(_compose())  # either way: the structure this project relies on


SERVICE_KEYS = {
    "build", "image", "command", "entrypoint", "environment", "depends_on", "ports", "volumes",
    "healthcheck", "restart", "deploy", "networks", "expose", "user", "working_dir", "env_file",
}  # fmt: skip
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
RESTART = {"no", "always", "on-failure", "unless-stopped"}
DURATION = re.compile(r"^(\d+(us|ms|s|m|h))+$")
PORT = re.compile(r"^(\d{1,3}(\.\d{1,3}){3}:)?\d{1,5}:\d{1,5}(/(tcp|udp))?$")


def _check_structure(compose: dict) -> None:
    """The Compose specification's rules for what this file uses (a stand-in for ``docker
    compose config`` where Docker is not installed)."""
    assert set(compose) <= {"name", "services", "volumes", "networks", "configs", "secrets"} | {
        key for key in compose if key.startswith("x-")
    }
    services, volumes = compose["services"], compose.get("volumes") or {}
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", compose["name"])
    for name, service in services.items():
        assert re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name)
        assert set(service) <= SERVICE_KEYS, (name, set(service) - SERVICE_KEYS)
        assert "image" in service or "build" in service, name
        command = service.get("command")
        assert command is None or (isinstance(command, list) and all(isinstance(part, str) for part in command)), name
        assert str(service.get("restart", "no")) in RESTART, name
        environment = service.get("environment", {})
        assert isinstance(environment, dict) and all(isinstance(value, str) for value in environment.values()), name
        for other, needs in (service.get("depends_on") or {}).items():
            assert other in services and other != name, (name, other)
            assert needs.get("condition", "service_started") in CONDITIONS, (name, needs)
            if needs.get("condition") == "service_healthy":
                assert "healthcheck" in services[other], (
                    f"{name} waits for {other} to be healthy: it has no healthcheck"
                )
        for port in service.get("ports", []):
            assert PORT.match(str(port)), (name, port)
        for volume in service.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in volumes, (name, source)
        check = service.get("healthcheck")
        if check is not None:
            assert check["test"][0] in ("CMD", "CMD-SHELL", "NONE"), name
            for key in ("interval", "timeout", "start_period"):
                assert key not in check or DURATION.match(check[key]), (name, key)
    # the fleet issue 21 asks for
    robo = [name for name, service in services.items() if service.get("image") == "robo-advisor:latest"]
    serving = [name for name in robo if (services[name].get("command") or [""])[0] == "serve"]
    assert len(serving) == 2 and "worker" in robo and "scheduler" in robo
    assert services["postgres"]["image"].startswith("postgres:")


def _dockerfile_instruction(name: str) -> list[str]:
    import json

    lines = [line for line in DOCKERFILE.read_text().splitlines() if line.startswith(f"{name} ")]
    assert lines, f"the Dockerfile has no {name}"
    return json.loads(lines[-1][len(name) + 1 :])


def _service_commands() -> list[tuple[str, str]]:
    services = _compose()["services"]
    found = [
        (name, service["command"][0])
        for name, service in services.items()
        if service.get("image") == "robo-advisor:latest" and service.get("command")
    ]
    return found + [("Dockerfile CMD", _dockerfile_instruction("CMD")[0])]


@pytest.mark.parametrize(("service", "command"), _service_commands())
def test_every_command_the_image_runs_is_a_robo_command(service, command):
    known = _robo_commands()
    assert command in known, f"{service} runs `robo {command}`, which `robo --help` does not list"


def test_the_compose_file_and_the_cli_agree_on_options():
    """Each service's options are ones its command takes (typer would refuse others at start)."""
    known = typer.main.get_command(cli).commands  # type: ignore[attr-defined]
    for name, service in _compose()["services"].items():
        command = service.get("command") or []
        if not command or command[0] not in known:
            continue
        options = {option for parameter in known[command[0]].params for option in parameter.opts}
        for part in command[1:]:
            if part.startswith("--"):
                assert part in options, f"{name}: `robo {command[0]}` has no option {part}"


def test_the_dockerfile_builds_in_stages_as_a_non_root_user_from_the_lock():
    text = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?", text, flags=re.MULTILINE)
    assert len(stages) >= 3 and stages[0][0].startswith("node:20")
    final = text[text.rindex("\nFROM ") :]
    user = re.search(r"^USER (\S+)", final, flags=re.MULTILINE)
    assert user and user.group(1).split(":")[0] not in ("root", "0")
    assert "-c requirements.lock" in text and "COPY --from=web" in final
    assert _dockerfile_instruction("ENTRYPOINT") == ["robo"]
    scripts = (ROOT / "pyproject.toml").read_text()
    assert 'robo = "api.cli:app"' in scripts  # the entry point the image's ENTRYPOINT names
    # every package pyproject installs is copied into the build stage
    packages = re.search(r"include = \[([^\]]*)\]", scripts).group(1)  # type: ignore[union-attr]
    for package in re.findall(r'"(\w+)\*"', packages):
        assert re.search(rf"^COPY {package} {package}$", text, flags=re.MULTILINE), package
    for source in re.findall(r"^COPY (?!--from)(.+) \S+$", text, flags=re.MULTILINE):
        for path in source.split():
            assert (ROOT / path.rstrip("/")).exists(), path
