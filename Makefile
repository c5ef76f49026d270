# Rollcall: `make run` to try it, `make test` for everything CI checks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/rollcall
PYTEST_ARGS ?=
# Two workers on the two cores the machines have.
XDIST ?= -n 2

.PHONY: install run serve test lint test-sqlite test-postgres test-browser bench clean

$(BIN)/.installed: pyproject.toml
	@scripts/ensure_system_packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

## make run: set everything up and serve the demo on http://127.0.0.1:$(PORT) (or the next
## free port when that one is taken); it prints the address it serves on
run: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py demo --serve --port $(PORT)

## make serve: production-like (DEBUG off, collectstatic, gunicorn with 2 workers, task worker)
serve: install
	PORT=$(PORT) scripts/serve.sh

## make test: lint, migrations, the suite on SQLite and on PostgreSQL, then the browser tests
test: install lint test-sqlite test-postgres test-browser
	@echo "make test: all checks passed."

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run -v1

test-sqlite: install
	@echo "=== pytest on SQLite ==="
	env -u DATABASE_URL $(BIN)/pytest $(XDIST) -m "not browser" $(PYTEST_ARGS)

test-postgres: install
	@echo "=== pytest on PostgreSQL ($(PG_URL)) ==="
	@if DATABASE_URL=$(PG_URL) $(BIN)/python scripts/pg_available.py; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest $(XDIST) -m "not browser" $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "FAIL: PostgreSQL is required in CI (CI=true) and is not reachable at $(PG_URL)."; exit 1; \
	else \
		echo "SKIPPED: the PostgreSQL run (no server at $(PG_URL)). CI will not skip it."; \
	fi

test-browser: install
	@echo "=== browser tests (Playwright + Debian Chromium) ==="
	@if scripts/ensure_chromium.sh; then \
		env -u DATABASE_URL $(BIN)/pytest $(XDIST) -m browser $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "FAIL: Chromium is required in CI (CI=true) and could not be installed."; exit 1; \
	else \
		echo "SKIPPED: the browser tests (no /usr/bin/chromium; run as root to let apt-get install it). CI will not skip them."; \
	fi

## make bench: load-test key pages under gunicorn + PostgreSQL and print a table
bench: install
	@scripts/ensure_wrk.sh
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
