"""deploy/: the gunicorn config reads its environment and logs JSON, HAProxy's config is valid and checks
/healthz on both hosts, the compose stack has every part and no secret with a default; and the recipe is
one: compose.yaml, the README's plain commands and the cluster test (tests/cluster/stack.py) run the same
commands with the same configuration files, and compose gives the portal only variables that it reads."""

import json
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.cluster import stack

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROJECT_FOLDER = "/srv/spm"  # the image's WORKDIR: where compose's commands run, like the project folder here
# os.environ["X"], os.environ.get("X", ...), ENV.get("X", ...), ENV["X"], os.getenv("X")
READ = re.compile(r"""(?:environ|ENV)(?:\.get\(|\[)\s*["'](\w+)["']|getenv\(\s*["'](\w+)["']""")


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def variables_read(*paths: Path) -> set[str]:
    return {a or b for path in paths for a, b in READ.findall(path.read_text())}


def haproxy_variables() -> set[str]:
    lines = (line.split("#", 1)[0] for line in (DEPLOY / "haproxy.cfg").read_text().splitlines())
    return {name for line in lines for name in re.findall(r'"\$\{(\w+)\}"', line)}


def test_gunicorn_config_takes_workers_and_bind_from_the_environment_and_logs_json(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "7")
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["workers"] == 7 and config["bind"] == "10.0.0.11:8000"
    assert config["graceful_timeout"] == 30 and config["wsgi_app"] == "portal.wsgi:application"
    assert config["accesslog"] == "-"
    assert config["logconfig_dict"]["formatters"]["json"]["()"] == "core.logging.JsonFormatter"


def test_haproxy_checks_liveness_on_two_app_hosts():
    text = (DEPLOY / "haproxy.cfg").read_text()
    assert "uri /livez" in text and "http-check expect status 200" in text
    assert "uri /healthz" not in text  # readiness would take every host out in one dependency's outage
    assert text.count("check\n") >= 2 and "X-Request-ID" in text


def test_haproxy_accepts_the_config_with_the_addresses_compose_gives_it():
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        if os.environ.get("CLUSTER_REQUIRED") == "1":
            pytest.fail("haproxy is not installed and CLUSTER_REQUIRED=1 (apt-get install haproxy)")
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    environment = {name: str(value) for name, value in compose()["services"]["haproxy"]["environment"].items()}
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [haproxy, "-c", "-f", "deploy/haproxy.cfg"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **environment},
        capture_output=True,
        text=True,
        timeout=30,
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


def test_compose_runs_the_commands_the_cluster_test_runs_from_the_project_folder():
    services = compose()["services"]
    assert services["app1"]["command"] == services["app2"]["command"] == list(stack.APP_COMMAND)
    assert services["worker"]["command"] == list(stack.WORKER_COMMAND)
    assert services["haproxy"]["command"] == list(stack.PROXY_COMMAND)
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert json.loads(re.search(r"^CMD (.+)$", dockerfile, flags=re.MULTILINE).group(1)) == list(stack.APP_COMMAND)
    assert re.search(r"^WORKDIR (.+)$", dockerfile, flags=re.MULTILINE).group(1) == PROJECT_FOLDER
    # The balancer's container reads the project's deploy/haproxy.cfg at the same place, from the same folder.
    assert services["haproxy"]["working_dir"] == PROJECT_FOLDER
    assert f"./haproxy.cfg:{PROJECT_FOLDER}/deploy/haproxy.cfg:ro" in services["haproxy"]["volumes"]
    for command in (stack.APP_COMMAND, stack.WORKER_COMMAND, stack.PROXY_COMMAND):
        files = [arg for arg in command[1:] if arg.endswith((".py", ".cfg"))]
        assert files and all((ROOT / name).is_file() for name in files), command
        assert stack.in_project(command)[1:] == [str(ROOT / a) if a in files else a for a in command[1:]]


def test_the_readme_gives_the_same_plain_commands():
    readme = (ROOT / "README.md").read_text()
    for command in (stack.APP_COMMAND, stack.WORKER_COMMAND, stack.PROXY_COMMAND):
        assert re.search(rf"^{re.escape(' '.join(command))}(\s|$)", readme, flags=re.MULTILINE), command


def test_every_variable_compose_gives_the_portal_is_one_the_portal_or_gunicorn_reads():
    read = variables_read(*(ROOT / "portal" / "settings").glob("*.py"), DEPLOY / "gunicorn.conf.py")
    services = compose()["services"]
    portal = [name for name, service in services.items() if service.get("image") == "spm-portal"]
    assert {"migrate", "app1", "app2", "worker", "scheduler"} <= set(portal)
    for name in portal:
        extra = set(services[name]["environment"]) - read - {"DJANGO_SETTINGS_MODULE"}  # read by Django itself
        if name == "scheduler":
            extra -= {"TZ"}  # the scheduler's shell loop: `date +%H` in WIB
        assert extra == set(), (name, extra)


def test_the_cluster_test_sets_the_configs_variables_and_nothing_else():
    """Ports and workers reach the recipe through the variables its files read, not through arguments."""
    assert set(stack.gunicorn_env(8000)) <= variables_read(DEPLOY / "gunicorn.conf.py")
    assert set(stack.proxy_env(80, app1=8001, app2=8002)) == haproxy_variables()
    assert set(compose()["services"]["haproxy"]["environment"]) == haproxy_variables()


def _docker_compose() -> str:
    """Debian's docker-compose (1.29) validates a compose file without a Docker daemon (``config``)."""
    found = shutil.which("docker-compose")
    if found is None:
        if os.environ.get("CLUSTER_REQUIRED") == "1":
            pytest.fail("docker-compose is not installed and CLUSTER_REQUIRED=1 (apt-get install docker-compose)")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return found


def _compose_config(env_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 -- fixed arguments
        [_docker_compose(), "-f", "deploy/compose.yaml", "--env-file", str(env_file), "config", "-q"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compose_validates_once_every_secret_of_env_example_is_set(tmp_path):
    """The compose file passes Compose's own schema and interpolation with deploy/env.example filled in; the
    example as shipped (empty secrets) is refused, naming the secret to set. (No daemon and no image registry
    here: the stack itself is not started, the cluster test runs its commands instead.)"""
    example = (DEPLOY / "env.example").read_text()
    filled = re.sub(r"^(SECRET_KEY|POSTGRES_PASSWORD|MINIO_ROOT_PASSWORD)=$", r"\1=uji-rahasia", example, flags=re.M)
    (tmp_path / "filled.env").write_text(filled)
    ok = _compose_config(tmp_path / "filled.env")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    refused = _compose_config(DEPLOY / "env.example")
    assert refused.returncode != 0 and "in deploy/.env" in refused.stderr  # "set <SECRET> in deploy/.env"
