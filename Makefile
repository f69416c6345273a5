# Pelaporan SPM. `make help` lists the targets.
# Debian's python3.11 is built with PGO and LTO: the portal's requests cost about a quarter less CPU than on
# a plain source build (pyenv's default), see bench/README.md. Any Python 3.11 works: make PYTHON=python3.11.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3.11)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install lock run setup test cluster-test haproxy lint format bench fault clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# requirements.txt and requirements-dev.txt are the inputs people edit; requirements.lock pins the whole
# tree with hashes and is what gets installed (tests/unit/test_lock.py fails when it is stale).
$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

# WeasyPrint (Cetak PDF) loads pango and harfbuzz from the system, with a font: Debian's packages.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core

install: $(STAMP) ## Create .venv, install every dependency from requirements.lock (hash-checked), WeasyPrint's libraries when root
	@if ! $(BIN)/python -c "import weasyprint" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing WeasyPrint's system libraries (Debian): $(PDF_DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else \
	    echo "NOTE: WeasyPrint cannot load pango/harfbuzz: Cetak PDF answers 503 and its tests fail."; \
	    echo "      Install them with: sudo apt-get install $(PDF_DEBS)"; \
	  fi; \
	fi

lock: ## Rewrite requirements.lock from requirements*.txt: every package pinned, with hashes (needs PyPI)
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "$$(grep -E '^uv==' requirements-dev.txt)"
	$(BIN)/uv pip compile requirements-dev.txt --quiet --generate-hashes --universal --python-version 3.11 \
		--no-header --annotation-style line --output-file requirements.lock
	@echo "requirements.lock written; run make install to apply it"

setup: install ## Migrate, load reference data, demo content and demo accounts (SQLite by default)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo

run: setup ## Set everything up, then serve on http://127.0.0.1:$(PORT) with a job worker beside it
	@# The background job worker (recaps, imports, account lists, reminders) runs beside the dev server
	@# and stops with it.
	$(BIN)/python manage.py db_worker --backend jobs --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install haproxy ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium is not installed: the browser journeys (tests/functional/e2e) are SKIPPED. Install it with: apt-get install chromium"
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

haproxy: ## Install Debian's haproxy (cluster test) and docker-compose (compose file check) when missing (as root; otherwise say how)
	@command -v haproxy >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; } || echo "NOTE: haproxy is not installed: the cluster test is SKIPPED. Install it with: apt-get install haproxy"; }
	@command -v docker-compose >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } || echo "NOTE: docker-compose is not installed: the compose file check is SKIPPED. Install it with: apt-get install docker-compose"; }

cluster-test: install haproxy ## Two gunicorn hosts behind HAProxy, a worker, PostgreSQL, Redis, S3: tests/cluster
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest tests/cluster -v $(PYTEST_ARGS)

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
