# Quick start: `make run` (install, migrate, demo data, build the web app, serve) and `make test`.
# Needs Python 3.11+, Node.js 20+ and make; Python packages go into .venv from requirements.lock
# and the web app's into web/node_modules from web/package-lock.json, so installs are reproducible.
# Without Node.js, `make run` says so and serves the API alone.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test install bench lint format schema lock clean web dev-web

WEB_STAMP := web/dist/.build-stamp
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/codegen.ts web/package-lock.json schema.graphql -type f 2>/dev/null)

# The web app: `npm ci` and `vite build`, skipped while the build is newer than its sources.
$(WEB_STAMP): $(WEB_SOURCES)
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund && npx vite build
	@touch $(WEB_STAMP)

web:
	@if command -v node >/dev/null 2>&1 && [ "$$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then \
		$(MAKE) --no-print-directory $(WEB_STAMP); \
	else \
		echo "Node.js 20+ not found: serving the API alone (install Node.js 20+ for the web app at /)."; \
	fi

# Vite's dev server on http://localhost:3000 (hot reload), calling the API that `make run` serves
# on ROBO_PORT (8000) across origins: ROBO_CORS_ORIGINS allows localhost:3000 by default.
dev-web:
	cd web && (test -d node_modules || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) && \
		VITE_API_URL=http://127.0.0.1:$${ROBO_PORT:-8000} npx vite --port 3000 --strictPort

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11 on PATH)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install web
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
