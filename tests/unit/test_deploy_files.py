"""deploy/: the gunicorn config reads its environment and logs JSON, HAProxy's config is valid and checks
/healthz on both hosts, the compose stack has every part and no secret with a default."""

import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_gunicorn_config_takes_workers_and_bind_from_the_environment_and_logs_json(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "7")
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["workers"] == 7 and config["bind"] == "10.0.0.11:8000"
    assert config["graceful_timeout"] == 30 and config["wsgi_app"] == "portal.wsgi:application"
    assert config["accesslog"] == "-"
    assert config["logconfig_dict"]["formatters"]["json"]["()"] == "core.logging.JsonFormatter"


def test_haproxy_checks_healthz_on_two_app_hosts():
    text = (DEPLOY / "haproxy.cfg").read_text()
    assert "uri /healthz" in text and "http-check expect status 200" in text
    assert text.count("check\n") >= 2 and "X-Request-ID" in text


@pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy is not installed")
def test_haproxy_accepts_the_config():
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [shutil.which("haproxy"), "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_stack_has_two_app_hosts_a_worker_and_the_shared_services():
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    assert {"app1", "app2", "worker", "scheduler", "db", "redis", "minio", "haproxy"} <= set(services)
    assert services["worker"]["command"][-4:] == ["db_worker", "--backend", "jobs", "--no-reload"]
    app = services["app1"]["environment"]
    assert app["CACHE_URL"].startswith("redis://") and app["STORAGE_URL"].startswith("s3+http://")
    assert app["TRUSTED_PROXY_COUNT"] == "1"


def test_compose_secrets_have_no_default():
    text = (DEPLOY / "compose.yaml").read_text()
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD"):
        assert f"${{{name}:?" in text and f"${{{name}:-" not in text


def test_gunicorn_logging_config_loads_over_gunicorns_defaults():
    """gunicorn merges logconfig_dict into its own defaults: every handler they name must still exist."""
    import logging
    import logging.config

    from gunicorn.glogging import CONFIG_DEFAULTS

    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    merged = {**CONFIG_DEFAULTS, **runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["logconfig_dict"]}
    try:
        logging.config.dictConfig(merged)
        assert type(logging.getLogger("gunicorn.access").handlers[0].formatter).__name__ == "JsonFormatter"
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
