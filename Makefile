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

.PHONY: install run serve test lint test-sqlite test-postgres test-browser bench clean \
	cluster cluster-stop cluster-test fuzz soak

$(BIN)/.installed: pyproject.toml
	@scripts/ensure_system_packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

# The compiled translations (.mo) are built from the catalogues (.po), never committed:
# `msgfmt --check` also refuses a translation whose %(name)s does not match the English.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

locale/%.mo: locale/%.po
	@command -v msgfmt >/dev/null || scripts/ensure_system_packages.sh
	msgfmt --check -o $@ $<

install: $(BIN)/.installed $(MO_FILES)

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

## make soak: mixed load at 8, 16 and 32 connections, then PostgreSQL and Redis each stopped
## for 10 s under load, against `make serve` on a private PostgreSQL cluster and Redis; prints
## a table and fails on a 5xx, a practice log not stored exactly once, or no recovery
soak: install
	@scripts/ensure_soak_tools.sh
	$(BIN)/python bench/soak.py

## make fuzz: every form posted with 200 random hostile submissions each (tests/test_fuzz_forms.py;
## `make test` runs the same tests with 5 fixed ones per form); FUZZ_DB=postgres for PostgreSQL
fuzz: install
	@if [ "$(FUZZ_DB)" = "postgres" ]; then export DATABASE_URL=$(PG_URL); else unset DATABASE_URL; fi; \
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest $(XDIST) tests/test_fuzz_forms.py $(PYTEST_ARGS)

## make cluster: nginx on 127.0.0.1:8140 in front of two gunicorn app servers, the task worker,
## Redis, PostgreSQL (rollcall_cluster) and an S3 stand-in; Ctrl-C or `make cluster-stop` stops it
cluster: install
	$(BIN)/python scripts/cluster.py up

cluster-stop:
	$(BIN)/python scripts/cluster.py stop

## make cluster-test: the statelessness checks through nginx (starts the cluster when it is not
## running, and stops what it started); not part of `make test`
cluster-test: install
	$(BIN)/python scripts/cluster.py test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
