#!/bin/sh
# First start: a cluster with the database POSTGRES_DB owned by POSTGRES_USER (password POSTGRES_PASSWORD,
# scram-sha-256 over TCP). Every start: postgres in the foreground on POSTGRES_LISTEN:POSTGRES_PORT.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
POSTGRES_USER=${POSTGRES_USER:-spm} POSTGRES_DB=${POSTGRES_DB:-spm}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username=postgres --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # No TCP while the database and its owner are made (unix socket only)
  pg_ctl -w -o "-c listen_addresses=''" start >/dev/null
  psql -v ON_ERROR_STOP=1 -q -d postgres -v user="$POSTGRES_USER" -v pw="$POSTGRES_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"user";
SQL
  pg_ctl -w -m fast stop >/dev/null
fi
exec postgres -c listen_addresses="${POSTGRES_LISTEN:-127.0.0.1}" -c port="${POSTGRES_PORT:-5432}" \
  -c unix_socket_directories=/run/postgresql
