# Muntij: the one entry point. `make run` for the demo, `make test` for the suite.
# Needs only Python 3.11 (python3.11 or python3) and make; everything else is installed here.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
BOOT_PY   := $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
HOST      ?= 127.0.0.1
PORT      ?= 8000
PYTEST_ARGS ?=
PROD_CHECK_DB ?= muntij_production

# The demo and manage.py use the dev settings; pytest uses shop.settings.test (pyproject).
RUN_ENV   := DJANGO_SETTINGS_MODULE=shop.settings.dev
TEST_ENV  := DJANGO_SETTINGS_MODULE=shop.settings.test

.PHONY: help install chromium run migrate messages demo-data test e2e lint check clean distclean

help:  ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	@test -n "$(BOOT_PY)" || { echo "Python 3.11 not found (python3.11 or python3)"; exit 1; }
	$(BOOT_PY) -m venv --upgrade-deps $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]'
	@touch $@

install: $(STAMP)  ## Create .venv and install the project with its dev tools

chromium:  ## Install Debian's Chromium for the browser tests (if root; else they skip)
	@scripts/ensure-chromium

migrate: $(STAMP)
	$(RUN_ENV) $(PY) manage.py migrate --no-input

messages: $(STAMP)
	@scripts/compile-messages $(PY)

demo-data: migrate  ## Load the demo catalogue and log-ins (idempotent)
	$(RUN_ENV) $(PY) manage.py load_demo_data

run: migrate messages demo-data  ## Demo at http://127.0.0.1:8000/en/ (SQLite, demo data)
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) chromium messages  ## The whole suite (SQLite; browser tests in Chromium)
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

e2e: $(STAMP) chromium messages  ## Only the browser tests (tests/e2e)
	$(TEST_ENV) $(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff check
	$(VENV)/bin/ruff check .

check: $(STAMP)  ## Django's system checks and missing migrations
	$(RUN_ENV) $(PY) manage.py check
	$(RUN_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:  ## Remove caches, test output and test media (keeps .venv and the demo database)
	find . -path ./.venv -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .ruff_cache test-results var/test-media var/test-private build

# --- Production (issue 7; docs/deploy.md) -------------------------------------
.PHONY: prod-check backup restore audit

prod-check: $(STAMP)  ## Production settings + gunicorn on 127.0.0.1:8007 against local PostgreSQL/Redis
	PY=$(PY) PROD_CHECK_DB=$(PROD_CHECK_DB) scripts/prod-check

backup: $(STAMP)  ## pg_dump + media tarball into var/backups/ (production settings from the env)
	$(PY) manage.py backup

restore: $(STAMP)  ## Restore BACKUP=var/backups/<stamp> into DATABASE_URL's (empty) database
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<stamp>"; exit 1; }
	$(PY) manage.py restore "$(BACKUP)"

audit: $(STAMP)  ## bandit and pip-audit (docs/security.md)
	scripts/security-audit $(VENV)/bin

distclean: clean  ## Also remove .venv, the demo database and var/ (media)
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var *.egg-info

.PHONY: bench
bench: $(STAMP)  ## Load test on PostgreSQL with 50k products (BENCH_DATABASE_URL): req/s, p50/p95/p99
	@command -v ab >/dev/null || { apt-get update -q && apt-get install -y -q apache2-utils; }
	PY=$(PY) scripts/bench
