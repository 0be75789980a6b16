# Quick start: `make run` (install, migrate, demo data, serve) and `make test`.
# Needs only Python 3.11+ and make; everything else is installed into .venv from
# requirements.lock, so installs are reproducible.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test install bench lint format schema lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11 on PATH)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/robo migrate
	$(BIN)/robo seed-demo --if-empty
	$(BIN)/robo serve

# The suite on every core (pytest-xdist: each worker its own migrated SQLite template and
# PostgreSQL database), then the 10 slowest tests.
PYTEST_ARGS ?= -n auto --durations=10

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: install
	$(BIN)/robo export-schema schema.graphql

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

# Every benchmark under bench/, one after the other (each prints figures and ratios).
bench: $(BENCH_STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Re-pin every dependency (run after changing pyproject.toml, then commit requirements.lock).
lock:
	rm -rf /tmp/robo-lock-venv && $(PYTHON) -m venv /tmp/robo-lock-venv
	/tmp/robo-lock-venv/bin/python -m pip install --quiet -e '.[dev,bench]'
	/tmp/robo-lock-venv/bin/python -m pip freeze --exclude-editable --exclude robo-advisor > requirements.lock

clean:
	rm -rf $(VENV) var/*.db
