# Pelaporan SPM. `make help` lists the targets.
# Debian's python3.11 is built with PGO and LTO: the portal's requests cost about a quarter less CPU than on
# a plain source build (pyenv's default), see bench/README.md. Any Python 3.11 works: make PYTHON=python3.11.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3.11)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
UV_LOCK_ARGS := --quiet --generate-hashes --universal --python-version 3.11 --no-strip-extras --no-header --annotation-style line

.DEFAULT_GOAL := help
.PHONY: help install install-prod install-check lock run setup test cluster-test compose-test fault-test haproxy lint format messages bench fault clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# requirements.txt (runtime) and requirements-dev.txt (tests, lint, bench, docs tools) are the inputs people
# edit; `make lock` pins each whole tree with hashes: requirements.lock (what production installs: the image,
# the plain recipe) and requirements-dev.lock (what `make install` installs: the runtime lock's packages at
# the same versions, plus the tools). tests/unit/test_lock.py fails when either is stale or incomplete.
#
# Why `--no-deps` and `pip check`: the lock already names every package of the tree, each with its hashes,
# so pip has nothing to resolve. Without --no-deps, the pip that a venv brings (23.0.1 on Debian's 3.11,
# 23.2.1 on pyenv's 3.11.7) reads an extra such as weasyprint's `fonttools[woff]` or wagtail's
# `Willow[heif]` as a second requirement, takes the newest release from PyPI and stops because that one
# has no hash in the lock: a fresh clone broke on the day fonttools 4.69 came out, with nothing changed
# here. With --no-deps every pip installs exactly the locked files on any future day; `pip check` then
# proves the tree is whole (a package the lock forgot fails the install here, and the lock test in CI).
# Nothing to bootstrap first (a pinned uv would do as well, but is one more binary to trust and fetch).
$(STAMP): requirements-dev.lock requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-dev.lock
	$(BIN)/pip check
	touch $(STAMP)

# WeasyPrint (Cetak PDF) loads pango and harfbuzz from the system, with a font: Debian's packages.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core

install: $(STAMP) ## Create .venv, install requirements-dev.lock (hash-checked, --no-deps + pip check), WeasyPrint's libraries when root
	@if ! $(BIN)/python -c "import weasyprint" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing WeasyPrint's system libraries (Debian): $(PDF_DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else \
	    echo "NOTE: WeasyPrint cannot load pango/harfbuzz: Cetak PDF answers 503 and its tests fail."; \
	    echo "      Install them with: sudo apt-get install $(PDF_DEBS)"; \
	  fi; \
	fi

install-prod: ## Production hosts (the plain recipe): .venv from requirements.lock only, no test or lint tools
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip check

# Each brand-new venv takes the pip its interpreter bundles (Debian's 3.11: 23.0.1; pyenv's 3.11.7: 23.2.1)
# and installs the runtime lock the way production does; uv installs it too; the runtime alone must load
# the production settings and pass Django's checks (a package used at run time but locked only for dev
# fails here).
CHECK_PYTHONS ?= $(wildcard /usr/bin/python3.11 /root/.pyenv/versions/3.11.*/bin/python3.11)
install-check: install ## Install the runtime lock into brand-new venvs with each bundled pip and with uv, then check it
	rm -rf tmp/install-check
	@n=0; for py in $(CHECK_PYTHONS); do n=$$((n+1)); v=tmp/install-check/pip$$n; \
	  $$py -m venv $$v && echo "== $$py: $$($$v/bin/pip --version | cut -d' ' -f1-2)" && \
	  $$v/bin/pip install --quiet --no-deps --require-hashes -r requirements.lock && \
	  $$v/bin/pip check && $(MAKE) --no-print-directory runtime-smoke RUNTIME_PY=$$v/bin/python || exit 1; done
	$(PYTHON) -m venv --without-pip tmp/install-check/uv
	$(BIN)/uv pip sync --quiet --python tmp/install-check/uv/bin/python --require-hashes requirements.lock
	$(BIN)/uv pip check --python tmp/install-check/uv/bin/python
	$(MAKE) --no-print-directory runtime-smoke RUNTIME_PY=tmp/install-check/uv/bin/python
	rm -rf tmp/install-check

runtime-smoke:
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=install-check CACHE_URL=redis://127.0.0.1:9/0 \
	  DATABASE_URL=sqlite:///tmp/install-check/smoke.sqlite3 $(RUNTIME_PY) manage.py check -v0
	$(RUNTIME_PY) -c "import weasyprint, openpyxl, storages.backends.s3, django_tasks_db, gunicorn, psycopg2"

lock: ## Rewrite requirements.lock (runtime) and requirements-dev.lock from requirements*.txt, with hashes (needs PyPI)
	[ -x $(BIN)/uv ] || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet "$$(grep -E '^uv==' requirements-dev.txt)"; }
	@# The dev tree is resolved first; the runtime lock is the same versions for requirements.txt alone.
	@# Extras stay on the lines (fonttools[woff]) so the test can check that their packages are locked.
	$(BIN)/uv pip compile requirements-dev.txt $(UV_LOCK_ARGS) --output-file requirements-dev.lock
	$(BIN)/uv pip compile requirements.txt $(UV_LOCK_ARGS) --constraint requirements-dev.lock --output-file requirements.lock
	@echo "requirements.lock and requirements-dev.lock written; run make install to apply them"

setup: install ## Migrate, load reference data, demo content and demo accounts (SQLite by default)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo

run: setup ## Set everything up, then serve on http://127.0.0.1:$(PORT) with a job worker beside it
	@# The background job worker (recaps, imports, account lists, reminders) runs beside the dev server
	@# and stops with it.
	$(BIN)/python manage.py db_worker --backend jobs --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two processes (pytest-xdist): each has its own test database, S3 server and cache; tests/cluster and the
# browser journeys run one at a time on one of them (tests/conftest.py). XDIST= runs on one process.
XDIST ?= -n 2 --dist loadgroup
test: install haproxy ## Run the whole test suite on two processes (SQLite unless DATABASE_URL is set)
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium is not installed: the browser journeys (tests/functional/e2e) are SKIPPED. Install it with: apt-get install chromium"
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

fault-test: install haproxy ## One dependency broken at a time under the production recipe (own Redis, S3, a PostgreSQL proxy): tests/fault
	@command -v redis-server >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } || echo "NOTE: redis-server is not installed: the fault suite is SKIPPED. Install it with: apt-get install redis-server"; }
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest tests/fault -v $(PYTEST_ARGS)

haproxy: ## Install Debian's haproxy (cluster test) and docker-compose (compose file check) when missing (as root; otherwise say how)
	@command -v haproxy >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; } || echo "NOTE: haproxy is not installed: the cluster test is SKIPPED. Install it with: apt-get install haproxy"; }
	@command -v docker-compose >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } || echo "NOTE: docker-compose is not installed: the compose file check is SKIPPED. Install it with: apt-get install docker-compose"; }

cluster-test: install haproxy ## Two gunicorn hosts behind HAProxy, a worker, PostgreSQL, Redis, S3: tests/cluster
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest tests/cluster -v $(PYTEST_ARGS)

# deploy/compose.yaml run for real (tests/compose): Debian's dockerd, started by the test with no bridge and no
# iptables rules (every container on the host's network, on loopback ports) and stopped after; the images
# built from Debian packages by deploy/images/build.sh on a debootstrap base (no registry needed). The
# daemon's data root (SPM_DOCKER_ROOT, default /var/lib/spm-docker) keeps the base and the layers for the
# next run. Not part of `make test` (it takes minutes); CI runs it as its own step.
COMPOSE_DEBS := docker.io docker-compose debootstrap
compose-test: install ## Run deploy/compose.yaml for real under Docker (as root: installs docker.io, docker-compose, debootstrap)
	@missing=$$(for p in $(COMPOSE_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "== installing $$missing (Debian)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "NOTE: the compose test needs root and: apt-get install $$missing"; exit 1; fi; \
	fi
	COMPOSE_TEST=1 DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest tests/compose -v -s $(PYTEST_ARGS)

lint: install ## ruff (rules and the formatter), djhtml, and mypy on the services, selectors and calculations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/mypy

format: install ## Apply ruff fixes, the ruff formatter and djhtml indentation
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# The compiled catalogues (.mo) are committed beside their .po files, so installing and running need no gettext;
# only whoever edits a .po compiles it again (tests/unit/test_locale_catalogues.py fails until then).
messages: install ## Compile the translations (locale/, the forum's) after editing a .po; needs gettext (installed when root)
	@if ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== installing gettext (msgfmt)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "NOTE: compiling the catalogues needs msgfmt: sudo apt-get install gettext"; exit 1; fi; \
	fi
	$(BIN)/python manage.py compilemessages --ignore .venv --ignore tmp --ignore node_modules

bench: install ## Benchmark on PostgreSQL with national synthetic data; prints and writes bench/last-run.md (see bench/README.md)
	bash bench/bench.sh

fault: install ## Fault test: the database restarts under load (needs PostgreSQL + psql, see ops/README.md)
	$(BIN)/python ops/fault_db_restart.py

clean: ## Remove the virtualenv, SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles media private_media tmp
