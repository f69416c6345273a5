"""Faults for the job and worker tests, injected for real into processes these tests start themselves.

A scratch PostgreSQL database of our own (a copy of the cluster tests' migrated template, dropped at the
end), a redis-server of our own on a free port, the app host (gunicorn) and job workers as real processes
(``tests.cluster.stack``), a TCP proxy in front of PostgreSQL that a test cuts and restores
(``tests.fault.injectors.TcpProxy``), and locks taken from a direct connection to stop a worker at a known
point of a job before it is killed. The shared PostgreSQL on 5432 is never stopped: only our proxy's
connections are cut.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

import psycopg2
import pytest

from tests.cluster import stack
from tests.cluster.smtp_sink import SmtpSink

# Short leases so that a killed worker's job is taken back within seconds (production: 60 s and 60 s).
FAST_RECOVERY = {
    "JOB_LEASE_SECONDS": "3",
    "JOB_RECOVERY_SECONDS": "1",
    "JOB_WORKER_BACKOFF_MAX_SECONDS": "2",
    "REMINDER_CLAIM_SECONDS": "3",
    "JOB_PROGRESS_EVERY": "5",
}

# The seed's extra: an input window open now (TW I 2027, deadline in 7 days) and a draft in it for the pemda.
OPEN_REPORT = """
import datetime
from django.utils import timezone
from reporting.models import Period, Urusan
from reporting.services.reports import report_get_or_create
now = timezone.now()
period = Period.objects.create(year=2027, quarter=1, opens_at=now - datetime.timedelta(days=20),
                               closes_at=now + datetime.timedelta(days=7))
report = report_get_or_create(region=pemda.region, urusan=Urusan.objects.order_by("code").first(), period=period)
print("REPORT " + json.dumps({"pk": report.pk, "version": report.version, "closes": period.closes_at.isoformat()}))
"""


class FaultDatabase(stack.ScratchDatabase):
    """A scratch database named after this engineer's tests."""

    def __init__(self):
        self.name = f"spm_h23jobs_fault_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.url = stack.database_url(self.name)


class FaultStack:
    """The database, Redis, host and workers of one test, and what the test reads from them."""

    def __init__(self, database: FaultDatabase, redis_port: int, processes: stack.Processes, tmp_path: Path):
        self.database, self.processes, self.tmp_path = database, processes, tmp_path
        self.env = stack.base_env(
            DATABASE_URL=database.url,
            CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
            PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),  # one machine: the host and the workers share it
            MEDIA_ROOT=str(tmp_path / "media"),
            **FAST_RECOVERY,
        )
        self.base = ""
        self.workers = 0

    def seed(self, extra: str = "") -> dict:
        return stack.seed(self.env, extra)

    def start_host(self) -> str:
        port = stack.free_port()
        env = {**self.env, **stack.gunicorn_env(port)}
        self.processes.start("host", stack.gunicorn_argv(), env=env, cwd=self.tmp_path / "host")
        self.base = f"http://127.0.0.1:{port}"
        stack.wait_until(stack.http_ready(self.base + "/login/"), timeout=60, what="gunicorn on " + self.base)
        return self.base

    def start_worker(self, *, database_url: str | None = None, **env) -> str:
        self.workers += 1
        name = f"worker{self.workers}"
        worker_env = {**self.env, **env, **({"DATABASE_URL": database_url} if database_url else {})}
        self.processes.start(name, stack.worker_argv(), env=worker_env, cwd=self.tmp_path / name)
        return name

    def browser(self, username: str) -> stack.Browser:
        browser = stack.Browser(self.base)
        browser.login(username)
        return browser

    # --- the database as it is -------------------------------------------------------------------

    def rows(self, sql: str, params=()) -> list[tuple]:
        with contextlib.closing(psycopg2.connect(self.database.url, connect_timeout=5)) as conn, conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def job(self, pk: int) -> dict:
        return self.rows("SELECT row_to_json(job) FROM reporting_job job WHERE id = %s", [pk])[0][0]

    def tasks_by_status(self) -> dict:
        return dict(self.rows("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"))

    def wait_job(self, pk: int, *, statuses=("done", "failed"), timeout=90) -> dict:
        def finished():
            job = self.job(pk)
            return job if job["status"] in statuses else None

        return stack.wait_until(finished, timeout=timeout, what=f"job {pk} to reach {statuses}", interval=0.2)

    def waiting_on_lock(self) -> int:
        """Backends of our database blocked on a lock (a worker stopped where the test wants it)."""
        sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
        return self.rows(sql, [self.database.name])[0][0]

    @contextlib.contextmanager
    def table_locked(self, table: str, mode: str = "ACCESS EXCLUSIVE"):
        """Hold ``LOCK TABLE`` from a direct connection (not through any proxy) until the block ends."""
        conn = psycopg2.connect(self.database.url, connect_timeout=5)
        try:
            with conn.cursor() as cur:
                cur.execute(f"LOCK TABLE {table} IN {mode} MODE")  # our own fixed names
            yield
        finally:
            conn.rollback()
            conn.close()

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        self.processes.kill(name, sig)


def fault_stack_open(tmp_path: Path):
    """The body of each test module's fixture (``yield from``): skipped without PostgreSQL or redis-server."""
    if not stack.postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {stack.ADMIN_URL} (CLUSTER_PG_URL)")
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed")
    processes = stack.Processes(tmp_path)
    redis_port = stack.free_port()
    processes.start(
        "redis",
        [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        env=dict(os.environ),
        cwd=tmp_path / "redis",
    )
    try:
        stack.wait_until(_redis_ready(redis_port), timeout=20, what="our redis-server")
        with FaultDatabase() as database:
            yield FaultStack(database, redis_port, processes, tmp_path)
    finally:
        processes.stop_all()


def _redis_ready(port: int):
    def check():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
        return False

    return check


def job_pk(response) -> int:
    assert response.status_code == 302, response.status_code
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def alive(process: subprocess.Popen) -> bool:
    return process.poll() is None


def pause(seconds: float) -> None:
    """The length of an injected fault (a blip), never a wait for a result."""
    time.sleep(seconds)


# More pemda to remind (the seed has four): kab/kota 11.10-11.17 of the seed's province, each with e-mail.
MORE_PEMDA = """
province = regions[0]
for n in range(10, 18):
    region = factories.KabKotaFactory(code=f"11.{n}", province=province, name=f"Kabupaten Tambahan {n}")
    factories.PemdaUserFactory(region=region, email=f"{region.login_code}@pemda.go.id", must_change_password=False)
"""


class StallingSmtpSink(SmtpSink):
    """The cluster tests' SMTP sink that holds the ``stall_after``-th message unanswered (a slow mail server),
    so that its sender can be killed in the middle of a run; only answered messages are kept."""

    def __init__(self, *, stall_after: int):
        super().__init__()
        self.stall_after: int | None = stall_after
        self.stalled = threading.Event()
        self.released = threading.Event()

    def keep(self, recipients, message) -> None:
        with self._lock:
            held = self.stall_after is not None and len(self.messages) >= self.stall_after
        if held:
            self.stalled.set()
            self.released.wait(60)
            return  # its sender was killed meanwhile: never answered, never delivered
        super().keep(recipients, message)

    def release(self) -> None:
        self.stall_after = None
        self.released.set()

    def recipients(self) -> list[str]:
        with self._lock:
            return sorted(address for to, _ in self.messages for address in to)
