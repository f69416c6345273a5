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


def test_the_app_containers_healthcheck_asks_liveness_as_the_balancer_does():
    """A container's health is its process answering (/livez), as HAProxy checks it; readiness (/healthz: the
    database, Redis, the storage) is for monitoring, or one Redis blip marks every app container unhealthy."""
    services = compose()["services"]
    for name, port in (("app1", "${APP1_PORT:-8001}"), ("app2", "${APP2_PORT:-8002}")):
        probe = " ".join(services[name]["healthcheck"]["test"])
        assert f"http://127.0.0.1:{port}/livez" in probe, name
        assert "/healthz" not in probe and "/readyz" not in probe, name
    balancer = (DEPLOY / "haproxy.cfg").read_text()
    assert "uri /livez" in balancer and "uri /healthz" not in balancer  # the same choice in both places


def test_haproxy_accepts_the_config_with_the_addresses_compose_gives_it():
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        if os.environ.get("CLUSTER_REQUIRED") == "1":
            pytest.fail("haproxy is not installed and CLUSTER_REQUIRED=1 (apt-get install haproxy)")
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    environment = {
        name: re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))  # compose's defaults (deploy/env.example's values)
        for name, value in compose()["services"]["haproxy"]["environment"].items()
    }
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
    assert {"app1", "app2", "worker", "scheduler", "db", "redis", "s3", "haproxy"} <= set(services)
    assert services["worker"]["command"][-4:] == ["db_worker", "--backend", "jobs", "--no-reload"]
    app = services["app1"]["environment"]
    assert app["CACHE_URL"].startswith("redis://") and app["STORAGE_URL"].startswith("s3+http://")
    assert app["TRUSTED_PROXY_COUNT"] == "1"


def test_compose_secrets_have_no_default():
    text = (DEPLOY / "compose.yaml").read_text()
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "S3_ACCESS_KEY", "S3_SECRET_KEY"):
        assert f"${{{name}:?" in text and f"${{{name}:-" not in text


def test_every_container_is_on_the_host_network_and_only_the_balancer_listens_beyond_loopback():
    """No container bridge (the compose test's dockerd has none): each service on the host's network, on its
    own port; the app hosts, database, Redis and S3 on 127.0.0.1, so requests reach the app hosts only through
    HAProxy, which sets X-Forwarded-For, as TRUSTED_PROXY_COUNT=1 expects (issue 24, item 7)."""
    services = compose()["services"]
    assert "networks" not in compose() and all(s.get("network_mode") == "host" for s in services.values())
    assert not any("ports" in service for service in services.values())  # nothing to publish on the host network
    assert services["app1"]["environment"]["GUNICORN_BIND"] == "127.0.0.1:${APP1_PORT:-8001}"
    assert services["app2"]["environment"]["GUNICORN_BIND"] == "127.0.0.1:${APP2_PORT:-8002}"
    assert services["haproxy"]["environment"]["LB_APP1"] == "127.0.0.1:${APP1_PORT:-8001}"
    assert services["db"]["environment"]["POSTGRES_LISTEN"] == "127.0.0.1"
    assert services["redis"]["command"][1:3] == ["--bind", "127.0.0.1"]
    assert services["s3"]["command"][1:3] == ["-H", "127.0.0.1"]
    assert services["app1"]["environment"]["GUNICORN_FORWARDED_ALLOW_IPS"] == "127.0.0.1"
    haproxy = (DEPLOY / "haproxy.cfg").read_text()
    assert re.search(r"^\s*option forwardfor\b", haproxy, flags=re.MULTILINE)
    example = (DEPLOY / "env.example").read_text()
    assert re.search(r"^LB_BIND=127\.0\.0\.1:\d+$", example, flags=re.MULTILINE)


def test_the_example_environments_say_one_trusted_proxy_and_gunicorn_binds_loopback_by_default(monkeypatch):
    assert re.search(r"^TRUSTED_PROXY_COUNT=1$", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["bind"] == "127.0.0.1:8000"


def test_compose_services_restart_and_stop_gracefully():
    """Supervised (issue 22, item 4): every long-running service restarts; the worker gets time to finish its job."""
    services = compose()["services"]
    for name, service in services.items():
        if name != "migrate":
            assert service["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"
    assert _seconds(services["worker"]["stop_grace_period"]) >= 600
    for name in ("app1", "app2"):
        assert _seconds(services[name]["stop_grace_period"]) > 30  # gunicorn's graceful timeout


def _seconds(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([smh])", value).groups()
    return int(number) * {"s": 1, "m": 60, "h": 3600}[unit]


def _unit(name: str) -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "systemd" / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";")):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def test_systemd_units_supervise_the_recipes_app_and_worker_commands():
    """The plain recipe's processes are supervised: Restart=always, and a stop timeout long enough for the
    worker's job (10 min, as compose's stop_grace_period) and gunicorn's graceful timeout."""
    app, worker = _unit("spm-app.service"), _unit("spm-worker.service")
    assert app["ExecStart"] == "/srv/spm/.venv/bin/" + " ".join(stack.APP_COMMAND)
    assert worker["ExecStart"] == "/srv/spm/.venv/bin/" + " ".join(stack.WORKER_COMMAND)
    for unit in (app, worker):
        assert unit["Restart"] == "always" and unit["User"] == "spm" and unit["WorkingDirectory"] == PROJECT_FOLDER
        assert unit["EnvironmentFile"] == "/etc/spm/env"
    assert int(worker["TimeoutStopSec"]) >= _seconds(compose()["services"]["worker"]["stop_grace_period"])
    assert int(app["TimeoutStopSec"]) > 30
    assert _unit("spm-publish-scheduled.service")["ExecStart"].endswith("manage.py publish_scheduled")
    assert _unit("spm-reminders.service")["ExecStart"].endswith("manage.py send_reminders --days 7,3,1")
    assert _unit("spm-publish-scheduled.timer")["OnCalendar"] == "*:0/10"


def test_systemd_units_are_valid_for_systemd_analyze(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    units = sorted((DEPLOY / "systemd").glob("spm-*"))
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [analyze, "verify", "--man=no", *map(str, units)], capture_output=True, text=True, timeout=60
    )
    # Only the target machine has /srv/spm/.venv; everything else (keys, values, calendars) is checked here.
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not re.search(r"Command /srv/spm/\.venv/bin/\w+ is not executable", line)
    ]
    assert problems == [], result.stdout + result.stderr


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
    # The balancer's container reads the project's deploy/haproxy.cfg at the same place, from the same folder
    # (and never deploy/.env's secrets).
    assert services["haproxy"]["working_dir"] == PROJECT_FOLDER
    assert f"./haproxy.cfg:{PROJECT_FOLDER}/deploy/haproxy.cfg:ro" in services["haproxy"]["volumes"]
    assert not any(".env" in volume or volume.startswith("./:") for volume in services["haproxy"]["volumes"])
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
    assert {services[name]["image"] for name in set(services) - set(portal)} == {
        "spm-postgres",
        "spm-redis",
        "spm-s3",
        "spm-haproxy",
    }  # deploy/images/build.sh builds each from Debian packages
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
    example as shipped (empty secrets) is refused, naming the secret to set. (The stack itself runs in
    tests/compose, `make compose-test`.)"""
    example = (DEPLOY / "env.example").read_text()
    filled = re.sub(r"^(SECRET_KEY|POSTGRES_PASSWORD|S3_SECRET_KEY)=$", r"\1=uji-rahasia", example, flags=re.M)
    (tmp_path / "filled.env").write_text(filled)
    ok = _compose_config(tmp_path / "filled.env")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    refused = _compose_config(DEPLOY / "env.example")
    assert refused.returncode != 0 and "in deploy/.env" in refused.stderr  # "set <SECRET> in deploy/.env"


def test_gunicorn_loads_the_app_before_it_opens_the_port():
    """A restarting host refuses connections until it can answer (the balancer redispatches them), rather
    than accepting requests it cannot serve before the health check marks it down and cuts them."""
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["preload_app"] is True
