"""Real processes for the process tests: a scratch PostgreSQL database, app hosts under gunicorn, task
workers, a load balancer, an HTTP client that logs in like a browser, and a burst of saves through the
balancer with a host killed in the middle (``burst_killed_mid_way``, tests/cluster and tests/compose).

Every process runs in its own session (process group) and is killed with its children at the end,
whatever happened. Nothing here waits a fixed time for a result: readiness and job completion are polled
with a deadline.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ADMIN_URL = os.environ.get("CLUSTER_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
SETTINGS = "tests.cluster.settings"
PASSWORD = "Rahasia-" + uuid.uuid4().hex[:12]
# One key for every host of a run: sessions' auth hashes and signed values must verify on any host.
SECRET_KEY = "cluster-test-" + uuid.uuid4().hex  # one throwaway password per test run, for throwaway accounts
MIGRATIONS = sorted(
    path
    for depth in ("*", "*/*", "*/*/*")  # apps, forum/<app>, forum/forum_conversation/<app>
    for path in ROOT.glob(f"{depth}/migrations/0*.py")
    if not path.relative_to(ROOT).parts[0].startswith(".")  # never the virtualenv
)


def postgres_reachable() -> bool:
    try:
        psycopg2.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg2.OperationalError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(sql: str) -> None:
    """One statement as the server's admin role (CREATE/DROP DATABASE cannot run in a transaction)."""
    conn = psycopg2.connect(ADMIN_URL, connect_timeout=5)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def _database_exists(name: str) -> bool:
    conn = psycopg2.connect(ADMIN_URL, connect_timeout=5)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        conn.close()


def database_url(name: str) -> str:
    return re.sub(r"/[^/]*$", f"/{name}", ADMIN_URL)


def base_env(**extra) -> dict:
    """The environment of every process: production settings (test variant), nothing from the caller's
    Django environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": SECRET_KEY,
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


def manage(env: dict, *args: str, cwd: Path = ROOT, timeout: int = 300) -> str:
    result = subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [PYTHON, str(ROOT / "manage.py"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def migrated_template() -> str:
    """A migrated, empty database to copy from, kept between runs and named after the migrations' content:
    ``migrate`` takes about a minute, ``CREATE DATABASE ... TEMPLATE`` a second."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in MIGRATIONS)).hexdigest()[:12]
    name = f"spm_cluster_tpl_{digest}"
    if _database_exists(name):
        return name
    building = f"{name}_{os.getpid()}"
    _admin(f"CREATE DATABASE {building}")
    try:
        manage(
            base_env(DATABASE_URL=database_url(building), CACHE_URL="redis://127.0.0.1:6379/15"),
            "migrate",
            "--noinput",
            "-v0",
        )
        _admin(f"ALTER DATABASE {building} RENAME TO {name}")
    except Exception:
        _admin(f"DROP DATABASE IF EXISTS {building} WITH (FORCE)")
        if not _database_exists(name):  # another run may have finished the same template meanwhile
            raise
    return name


class ScratchDatabase:
    """A fresh copy of the migrated template, dropped at the end."""

    def __init__(self):
        self.name = f"spm_cluster_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.url = database_url(self.name)

    def __enter__(self):
        _admin(f"CREATE DATABASE {self.name} TEMPLATE {migrated_template()}")
        return self

    def __exit__(self, *exc):
        _admin(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class Processes:
    """Started processes, each in its own process group, all killed (with their children) by ``stop_all``."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], *, env: dict, cwd: Path) -> subprocess.Popen:
        cwd.mkdir(parents=True, exist_ok=True)
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 -- our own app, on loopback
            argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started[name] = process
        return process

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.started[name]
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)

    def stop_all(self) -> None:
        for name in list(self.started):
            self.kill(name, signal.SIGTERM)
        for name, process in self.started.items():
            if process.poll() is None:
                self.kill(name, signal.SIGKILL)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


# The production recipe, one definition: deploy/compose.yaml's app, worker and haproxy services run these
# commands from the project folder, the README's plain commands are these, and tests/unit/test_deploy.py
# fails when either differs. What the test needs otherwise (ports, workers) goes through the environment
# variables that deploy/gunicorn.conf.py and deploy/haproxy.cfg read, never through extra arguments.
APP_COMMAND = ("gunicorn", "-c", "deploy/gunicorn.conf.py")
WORKER_COMMAND = ("python", "manage.py", "db_worker", "--backend", "jobs", "--no-reload")
PROXY_COMMAND = ("haproxy", "-f", "deploy/haproxy.cfg")
EXECUTABLES = {"python": PYTHON, "gunicorn": GUNICORN}  # the virtualenv's; anything else from PATH


def in_project(command: tuple[str, ...]) -> list[str]:
    """``command`` as run from the project folder, for a process whose working folder is elsewhere (each host
    has its own empty one): the program from the virtualenv (or PATH), the project's files by absolute path."""
    program, *args = command
    executable = EXECUTABLES.get(program) or shutil.which(program) or program
    return [executable, *(str(ROOT / arg) if (ROOT / arg).is_file() else arg for arg in args)]


def gunicorn_argv() -> list[str]:
    return in_project(APP_COMMAND)


def gunicorn_env(port: int, *, workers: int = 2) -> dict:
    """deploy/gunicorn.conf.py's variables for a host on loopback: its port, two workers, and a short grace
    on SIGTERM so that the end of a test does not wait for production's 30 s."""
    return {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers), "GUNICORN_GRACEFUL_TIMEOUT": "5"}


def worker_argv() -> list[str]:
    return in_project(WORKER_COMMAND)


def proxy_argv() -> list[str]:
    return in_project(PROXY_COMMAND)


def proxy_env(port: int, app1: int, app2: int) -> dict:
    """deploy/haproxy.cfg's variables: the balancer and both app hosts on loopback."""
    return {"LB_BIND": f"127.0.0.1:{port}", "LB_APP1": f"127.0.0.1:{app1}", "LB_APP2": f"127.0.0.1:{app2}"}


def wait_until(check, *, timeout: float, what: str, interval: float = 0.2):
    """Poll ``check()`` until it returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def http_ready(url: str):
    def check():
        try:
            return requests.get(url, timeout=5, allow_redirects=False).status_code < 500
        except requests.RequestException:
            return False

    return check


class Browser:
    """A logged-in HTTP client: cookies, CSRF token and redirects handled like a browser. The hosts run with
    production's secure cookies over plain loopback HTTP, so the client sends them anyway."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def _insecure_cookies(self):
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        response = self.session.get(self.base + path, **kwargs)
        self._insecure_cookies()
        return response

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        token = self.session.cookies.get("csrftoken") or self._csrf_from(path)
        response = self.session.post(self.base + path, data={"csrfmiddlewaretoken": token, **(data or {})}, **kwargs)
        self._insecure_cookies()
        return response

    def _csrf_from(self, path: str) -> str:
        self.get(path)
        return self.session.cookies.get("csrftoken", "")

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.get("/login/")
        response = self.post("/login/", {"username": username, "password": password})
        assert response.status_code == 302, f"login of {username} answered {response.status_code}"

    def on(self, base: str) -> "Browser":
        """The same cookies (the same browser) talking to another host."""
        other = Browser(base)
        other.session.cookies = self.session.cookies
        return other


SEED = """
import json
from reporting.models import Role, User
from reporting.services.seed import seed_national
from tests import factories
regions = factories.seed_world(provinces=1, kabkota_per_province=3, years=[2026], urusan=2)
seed_national(regions=regions, years=[2026])
reviewer = factories.UserFactory(username="reviewer-cluster", role=Role.REVIEWER, must_change_password=False)
reviewer.set_password(PASSWORD)
reviewer.save()
for region in regions:
    pemda = factories.PemdaUserFactory(region=region, must_change_password=False, email=f"{region.code}@pemda.go.id")
    pemda.set_password(PASSWORD)
    pemda.save()
pemda = User.objects.filter(role=Role.PEMDA, region__level="kabkota").order_by("username").first()
print("SEEDED " + json.dumps({"reviewer": reviewer.username, "pemda": pemda.username}))
"""


def seed(env: dict, extra: str = "") -> dict:
    """Seed the scratch database in one ``manage.py shell`` (the accounts; ``extra`` code may print its own
    ``NAME {json}`` lines, returned under NAME); every account's password is ``PASSWORD``."""
    out = manage(env, "shell", "-c", SEED.replace("PASSWORD)", f"{PASSWORD!r})") + extra)
    found = dict(re.findall(r"^([A-Z]+) (\{.*\})$", out, flags=re.MULTILINE))
    seeded = json.loads(found.pop("SEEDED"))
    return {**seeded, **{name.lower(): json.loads(value) for name, value in found.items()}}


def redis_free_db() -> int:
    """An empty Redis database number (the hosts' shared cache and sessions); flushed again by the caller."""
    import redis

    for number in range(15, 1, -1):
        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number, socket_timeout=3)
        if client.dbsize() == 0:
            client.set("spm-cluster-test-claim", "1", ex=600)  # keep the next run from picking it too
            return number
    raise RuntimeError("no empty Redis database between 2 and 15")


def redis_flush(number: int) -> None:
    import redis

    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number, socket_timeout=3).flushdb()


def redis_reachable() -> bool:
    import redis

    try:
        return redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_timeout=2).ping()
    except redis.RedisError:
        return False


# --- A save burst with a host killed in the middle (tests/cluster and tests/compose) -------------------

BURST_THREADS = 3
# Seconds after the kill in which a request may still fail: the one in flight on the killed host.
# deploy/haproxy.cfg marks it down after two failed checks 2 s apart; until then a refused connection is
# redispatched to the other host.
FAILOVER_WINDOW = 5.0
SAVES_AFTER_WINDOW = 5  # per thread: the burst ends once each has saved this often past the window
# The version and the harus dilayani figures of every report of the burst's urusan (1.99, tests/cluster's
# CLUSTER_SEED), printed as ``STATE {json}`` by ``manage.py shell``.
REPORT_STATE = """
import json
from reporting.models import Report
print("STATE " + json.dumps({r.pk: [r.version, [e.harus_dilayani for e in r.entries.all()]]
                              for r in Report.objects.filter(urusan__code="1.99").prefetch_related("entries")}))
"""


class Burst:
    """Pemda saving their capaian through the balancer at ``base``, each its own report, a bounded number of
    times."""

    def __init__(self, base: str):
        self.base = base
        self.lock = threading.Lock()
        self.answers: list[tuple[float, str, int]] = []  # (time, what, status; 0 = no answer)
        self.confirmed: dict[int, list[int]] = {}  # report -> values whose save answered 302
        self.kill_at: float | None = None
        self.first_confirmed = threading.Event()

    def record(self, what: str, status: int) -> None:
        with self.lock:
            self.answers.append((time.monotonic(), what, status))

    def saves_after_window(self, report: int) -> int:
        if self.kill_at is None:
            return 0
        with self.lock:
            return sum(
                1
                for t, what, status in self.answers
                if what == f"save {report}" and status == 302 and t > self.kill_at + FAILOVER_WINDOW
            )

    def run(self, username: str, report: int) -> None:
        browser = Browser(self.base)
        page_url = f"/pelaporan/laporan/{report}/capaian/"
        self.confirmed[report] = []
        value = 0
        for _attempt in range(400):  # bounded whatever happens
            if self.saves_after_window(report) >= SAVES_AFTER_WINDOW:
                return
            try:
                if not browser.session.cookies.get("sessionid"):
                    browser.login(username)
                page = browser.get(page_url)
                self.record("page", page.status_code)
                if page.status_code != 200:
                    continue
                fields = dict(re.findall(r'name="((?:entry|mutu)-\d+-\w+|version)"[^>]*value="([^"]*)"', page.text))
                value += 10
                data = {"version": fields.get("version", "")}
                for name in fields:
                    if name.endswith(("harus_dilayani", "harus_dipenuhi")):
                        data[name] = str(value)
                    elif name.endswith(("terlayani", "terpenuhi")):
                        data[name] = str(value - 1)
                saved = browser.post(page_url, data)
                self.record(f"save {report}", saved.status_code)
                if saved.status_code == 302:
                    self.confirmed[report].append(value)
                    self.first_confirmed.set()
            except (requests.RequestException, AssertionError):
                self.record("no answer", 0)
                time.sleep(0.05)


def burst_killed_mid_way(
    base: str, users: list[tuple[str, int]], kill: Callable[[], None], *, join_timeout: float
) -> Burst:
    """Pemda ``users`` ((username, report) pairs) save through the balancer at ``base``, a thread each; once
    two saves each went through, ``kill()`` kills a host, and the burst runs on until every thread saved
    ``SAVES_AFTER_WINDOW`` times past the failover window (bounded). Returns it with every answer."""
    burst = Burst(base)
    threads = [threading.Thread(target=burst.run, args=user) for user in users]
    for thread in threads:
        thread.start()
    assert burst.first_confirmed.wait(timeout=60), "no save went through before the kill"
    wait_until(
        lambda: sum(len(v) for v in burst.confirmed.values()) >= 2 * len(users),
        timeout=60,
        what="saves before the kill",
    )
    burst.kill_at = time.monotonic()
    kill()
    for thread in threads:
        thread.join(timeout=join_timeout)
    assert not any(thread.is_alive() for thread in threads)
    return burst


def burst_assert_nothing_lost(burst: Burst, users: list[tuple[str, int]], *, env: dict) -> None:
    """Past the failover window no request failed and every thread saved again; every confirmed save made a
    version and the last one (or a later one) is what the database holds (``REPORT_STATE`` run with ``env``)."""
    assert burst.kill_at is not None
    late = [
        (round(t - burst.kill_at, 2), what, status)
        for t, what, status in burst.answers
        if t > burst.kill_at + FAILOVER_WINDOW and (status >= 500 or status == 0)
    ]
    assert late == [], late
    for username, report in users:
        assert burst.saves_after_window(report) >= SAVES_AFTER_WINDOW, username
    out = manage(env, "shell", "-c", REPORT_STATE)
    state = json.loads(out.split("STATE ", 1)[1].splitlines()[0])
    for _username, report in users:
        version, values = state[str(report)]
        confirmed = burst.confirmed[report]
        assert version >= len(confirmed) + 1  # every confirmed save made a version
        assert all(v >= confirmed[-1] for v in values)  # the last confirmed save (or a later one) is stored
