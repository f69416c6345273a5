#!/usr/bin/env bash
# `make bench`: PostgreSQL database, national synthetic data, then bench/run.py (see bench/README.md).
# Scale with BENCH_PROVINCES (0 = all, e.g. 2 for a quick run) and BENCH_YEARS (5).
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-spm_bench}
BENCH_PROVINCES=${BENCH_PROVINCES:-0}
BENCH_YEARS=${BENCH_YEARS:-5}
BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-120}
PYTHON=${PYTHON:-$([ -x /usr/bin/python3.11 ] && echo /usr/bin/python3.11 || echo python3.11)}  # as the Makefile: the PGO build
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:5432/${BENCH_DB}"
export DJANGO_SETTINGS_MODULE=bench.settings
# Production's cache (README): sessions and shared values in Redis. Without a Redis server the bench
# still runs, on the local-memory cache and database sessions, and says so.
if [ -z "${CACHE_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  export CACHE_URL="redis://127.0.0.1:6379/3"
fi
echo "== cache: ${CACHE_URL:-local memory, database sessions (no Redis on 127.0.0.1:6379)}"
PY=.venv/bin/python
LOCUST_VENV=bench/.venv-locust

echo "== locust (separate virtualenv ${LOCUST_VENV})"
if [ ! -f "${LOCUST_VENV}/.installed" ] || [ bench/requirements.txt -nt "${LOCUST_VENV}/.installed" ]; then
  "${PYTHON}" -m venv "${LOCUST_VENV}"
  "${LOCUST_VENV}/bin/pip" install --quiet --upgrade pip
  "${LOCUST_VENV}/bin/pip" install --quiet -r bench/requirements.txt
  touch "${LOCUST_VENV}/.installed"
fi

echo "== database ${BENCH_DB} on ${PGHOST}"
if ! psql -h "$PGHOST" -U "$PGUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${BENCH_DB}'" | grep -q 1; then
  psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "CREATE DATABASE ${BENCH_DB}"
fi
$PY manage.py migrate --noinput -v0
$PY manage.py load_demo_content >/dev/null
$PY manage.py setup_forum >/dev/null

echo "== seed_national (provinces: ${BENCH_PROVINCES:-all}, years: ${BENCH_YEARS})"
start=$(date +%s)
$PY manage.py seed_national --provinces "$BENCH_PROVINCES" --years "$BENCH_YEARS" \
  --accounts "$BENCH_ACCOUNTS" --accounts-file bench/accounts.txt | tee bench/seed.log
seeded=$(( $(date +%s) - start ))
psql -h "$PGHOST" -U "$PGUSER" -d "$BENCH_DB" -qc "VACUUM ANALYZE"
export BENCH_SEED_SUMMARY="seed_national took ${seeded} s (accounts included): $(grep 'laporan baru' bench/seed.log | tail -1)"
echo "$BENCH_SEED_SUMMARY"

echo "== measure"
$PY -m bench.run all
