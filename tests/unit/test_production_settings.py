"""portal.settings.production itself (issue 22, item 4), loaded the way a host loads it: a fresh interpreter
with the environment of the plain recipe. Search uses PostgreSQL's Indonesian configuration there, as in the
tests and as the README says; and the configuration stems Indonesian on a real PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("CLUSTER_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
RECIPE_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "production-settings-test",
    "CACHE_URL": "redis://127.0.0.1:9/1",
    "DATABASE_URL": "postgres://spm:secret@db.internal:5432/spm",
    "TRUSTED_PROXY_COUNT": "1",
}


def production_setting(name: str, **env) -> object:
    script = f"import json; from django.conf import settings; print(json.dumps(settings.{name}))"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
    result = subprocess.run(  # noqa: S603 -- our own interpreter and settings
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env={**environment, **RECIPE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_search_uses_the_indonesian_configuration_on_postgresql():
    backend = production_setting("WAGTAILSEARCH_BACKENDS")["default"]
    assert backend == {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "indonesian"}


def test_the_indonesian_configuration_stems_pelayanan_to_layanan_on_postgresql():
    try:
        conn = psycopg2.connect(PG_URL, connect_timeout=3)
    except psycopg2.OperationalError:
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}")
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('indonesian', 'pelayanan') @@ plainto_tsquery('indonesian', 'layanan')")
            assert cursor.fetchone()[0] is True
    finally:
        conn.close()


def test_production_samples_the_traffic_right_after_the_health_check_for_check_deploy():
    middleware = production_setting("MIDDLEWARE")
    at = middleware.index("core.health.HealthCheckMiddleware")
    assert middleware[at + 1] == "core.proxy_traffic.ProxyTrafficMiddleware"
