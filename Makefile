# Pelaporan SPM. `make help` lists the targets.
# Debian's python3.11 is built with PGO and LTO: the portal's requests cost about a quarter less CPU than on
# a plain source build (pyenv's default), see bench/README.md. Any Python 3.11 works: make PYTHON=python3.11.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3.11)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run setup test lint format bench fault clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# WeasyPrint (Cetak PDF) loads pango and harfbuzz from the system, with a font: Debian's packages.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core

install: $(STAMP) ## Create .venv and install every dependency (and WeasyPrint's system libraries when root)
	@if ! $(BIN)/python -c "import weasyprint" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing WeasyPrint's system libraries (Debian): $(PDF_DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else \
	    echo "NOTE: WeasyPrint cannot load pango/harfbuzz: Cetak PDF answers 503 and its tests fail."; \
	    echo "      Install them with: sudo apt-get install $(PDF_DEBS)"; \
	  fi; \
	fi

setup: install ## Migrate, load reference data, demo content and demo accounts (SQLite by default)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo

run: setup ## Set everything up, then serve on http://127.0.0.1:$(PORT) with a job worker beside it
	@# The background job worker (recaps, imports, account lists, reminders) runs beside the dev server
	@# and stops with it.
	$(BIN)/python manage.py db_worker --backend jobs --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium is not installed: the browser journeys (tests/functional/e2e) are SKIPPED. Install it with: apt-get install chromium"
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff and djhtml checks
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates

format: install ## Apply ruff fixes and djhtml indentation
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

bench: install ## Benchmark on PostgreSQL with national synthetic data; writes bench/results.md (see bench/README.md)
	bash bench/bench.sh

fault: install ## Fault test: the database restarts under load (needs PostgreSQL + psql, see ops/README.md)
	$(BIN)/python ops/fault_db_restart.py

clean: ## Remove the virtualenv, SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles media private_media tmp
