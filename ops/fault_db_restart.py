"""Fault test: the database restarts while pemda save reports under load.

What it proves:
- while the database is away, every page answers a clean error page (the portal's Indonesian 500/503,
  never a traceback), never hangs;
- the portal recovers by itself once the database is back (no restart of the app);
- no report is half-saved: every save writes its four figures together or not at all.

How: a fresh PostgreSQL database ``spm_fault_<pid>`` on the server of $FAULT_PG_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrated and seeded with one pemda and one report; the
app under gunicorn on 127.0.0.1 only; load threads that save the capaian form in a loop and read
the public figures; meanwhile the database "restarts": every connection to it is terminated and new
ones are refused for a few seconds (only this database: other databases on the server are untouched).
Bounded: at most FAULT_SECONDS (default 30) seconds of load and a fixed number of threads; the server
and the database are removed at the end.

Run: ``.venv/bin/python ops/fault_db_restart.py`` (see ops/README.md; proposed as ``make fault``).
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ADMIN_URL = os.environ.get("FAULT_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SECONDS = float(os.environ.get("FAULT_SECONDS", "30"))
OUTAGE_AT, OUTAGE_FOR = 6.0, 6.0
THREADS = 4
PASSWORD = "Rahasia-fault-2026"  # noqa: S105 -- throwaway account of a throwaway database
CLEAN_PAGE_WORDS = ("Terjadi kesalahan pada server", "Layanan sedang tidak tersedia")

SEED = f"""
import datetime
from django.utils import timezone
from reporting.models import Period, User
from reporting.services import reports
from tests import factories
province = factories.ProvinceFactory(code="35", name="Jawa Timur")
region = factories.KabKotaFactory(code="35.17", name="Kabupaten Jombang", province=province)
urusan = factories.UrusanFactory(code="1.01", name="Pendidikan")
service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota")
factories.MutuItemFactory(service=service)
period = factories.PeriodFactory(year=2026, quarter=1)
user = factories.PemdaUserFactory(region=region)
user.set_password({PASSWORD!r}); user.save()
report = reports.report_get_or_create(region=region, urusan=urusan, period=period)
print("REPORT", report.pk, user.username)
"""

CHECK = """
from reporting.models import Report
bad = []
for report in Report.objects.prefetch_related("entries__mutu_entries"):
    for entry in report.entries.all():
        if entry.harus_dilayani is None:
            continue
        mutu = list(entry.mutu_entries.all())
        if entry.terlayani != entry.harus_dilayani - 1 or any(
                m.harus_dipenuhi != entry.harus_dilayani or m.terpenuhi != entry.harus_dilayani - 2 for m in mutu):
            bad.append((report.pk, entry.pk, entry.harus_dilayani, entry.terlayani,
                        [(m.harus_dipenuhi, m.terpenuhi) for m in mutu]))
    print("VERSION", report.version)
print("PARTIAL", bad)
"""


PSQL = shutil.which("psql") or "psql"


def psql(sql: str, url: str = ADMIN_URL) -> str:
    """Run one statement as the server's admin role; ``sql`` is built here from our own database name."""
    command = [PSQL, url, "-qtAc", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603 -- fixed


def manage(env: dict, *args: str) -> str:
    command = [PYTHON, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603 -- fixed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Load:
    """Bounded load: pemda saves and anonymous reads, recording every answer."""

    def __init__(self, base: str, report_id: int, username: str):
        self.base, self.report_id, self.username = base, report_id, username
        self.results: list[tuple[float, str, int, str]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.counter = 0
        self.started = time.monotonic()

    def record(self, kind: str, status: int, body: str) -> None:
        with self.lock:
            self.results.append((time.monotonic() - self.started, kind, status, body))

    def opener(self):
        jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect), jar

    def fetch(self, opener, url, data=None):
        try:
            response = opener.open(url, data=urllib.parse.urlencode(data).encode() if data else None, timeout=15)
            return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError as error:  # refused, reset or timed out: recorded as "no answer"
            return 0, repr(error)

    def csrf(self, jar):
        return next((c.value for c in jar if c.name == "csrftoken"), "")

    def login(self, opener, jar) -> bool:
        self.fetch(opener, f"{self.base}/login/")
        status, _ = self.fetch(
            opener,
            f"{self.base}/login/",
            {"csrfmiddlewaretoken": self.csrf(jar), "username": self.username, "password": PASSWORD},
        )
        return status == 302

    def saver(self):
        opener, jar = self.opener()
        logged_in = False
        url = f"{self.base}/pelaporan/laporan/{self.report_id}/capaian/"
        while not self.stop.is_set():
            if not logged_in:
                logged_in = self.login(opener, jar)
                if not logged_in:
                    time.sleep(0.2)
                    continue
            status, page = self.fetch(opener, url)
            self.record("get", status, page)
            if status != 200:
                time.sleep(0.1)
                continue
            fields = dict(re.findall(r'name="((?:entry|mutu)-\d+-\w+|version)"[^>]*value="([^"]*)"', page))
            with self.lock:
                self.counter += 1
                n = self.counter * 10
            data = {"csrfmiddlewaretoken": self.csrf(jar), "version": fields.get("version", "")}
            for name in fields:
                if name.endswith(("harus_dilayani", "harus_dipenuhi")):
                    data[name] = str(n)
                elif name.endswith("terlayani"):
                    data[name] = str(n - 1)
                elif name.endswith("terpenuhi"):
                    data[name] = str(n - 2)
            status, body = self.fetch(opener, url, data)
            self.record("post", status, body)

    def reader(self):
        opener, _ = self.opener()
        while not self.stop.is_set():
            status, body = self.fetch(opener, f"{self.base}/pelaporan/data-capaian/")
            self.record("read", status, body)
            time.sleep(0.05)


def main() -> int:
    db = f"spm_fault_{os.getpid()}"
    parts = urllib.parse.urlsplit(ADMIN_URL)
    db_url = urllib.parse.urlunsplit(parts._replace(path=f"/{db}"))
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DB_CONN_MAX_AGE": "60",
        "PYTHONPATH": str(ROOT),
    }
    psql(f"CREATE DATABASE {db}")
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        seeded = manage(env, "shell", "-c", SEED)
        _, report_id, username = re.search(r"REPORT (\d+) (\S+)", seeded).group(0).split()
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 -- our own app on loopback
            [
                GUNICORN,
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=10)  # noqa: S310 -- loopback only
                break
            except OSError:  # not listening yet, or still loading the app
                time.sleep(0.3)
        load = Load(base, int(report_id), username)
        threads = [threading.Thread(target=load.saver) for _ in range(THREADS)] + [
            threading.Thread(target=load.reader)
        ]
        for thread in threads:
            thread.start()
        time.sleep(OUTAGE_AT)
        outage_start = time.monotonic() - load.started
        print(f"[{outage_start:5.1f}s] database goes down: connections refused and terminated")
        psql(f"ALTER DATABASE {db} ALLOW_CONNECTIONS false")
        psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'")  # noqa: S608 -- our name
        time.sleep(OUTAGE_FOR)
        psql(f"ALTER DATABASE {db} ALLOW_CONNECTIONS true")
        outage_end = time.monotonic() - load.started
        print(f"[{outage_end:5.1f}s] database is back")
        time.sleep(max(SECONDS - outage_end, 8))
        load.stop.set()
        for thread in threads:
            thread.join(timeout=30)
        return verify(load, outage_start, outage_end, env)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        psql(f"ALTER DATABASE {db} ALLOW_CONNECTIONS true")
        psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def verify(load: Load, outage_start: float, outage_end: float, env: dict) -> int:
    problems = []
    errors = [(t, kind, status, body) for t, kind, status, body in load.results if status >= 500 or status == 0]
    for t, kind, status, body in errors:
        if status == 0:
            problems.append(f"{t:.1f}s {kind}: no answer ({body[:80]})")
        elif not any(word in body for word in CLEAN_PAGE_WORDS) or "Traceback" in body:
            problems.append(f"{t:.1f}s {kind}: {status} without the portal's Indonesian error page")
    after = [r for r in load.results if r[0] > outage_end + 5]
    if not after or any(status >= 500 or status == 0 for _, _, status, _ in after):
        problems.append("did not recover within 5 s after the database came back")
    saved_after = [r for r in after if r[1] == "post" and r[2] == 302]
    if not saved_after:
        problems.append("no save succeeded after the outage")
    check = manage(env, "shell", "-c", CHECK)
    if "PARTIAL []" not in check:
        problems.append(f"half-saved report: {check}")
    statuses = {}
    for _, kind, status, _ in load.results:
        statuses[(kind, status)] = statuses.get((kind, status), 0) + 1
    print(f"requests: {len(load.results)}; by kind and status: {dict(sorted(statuses.items()))}")
    print(f"error answers during the outage ({outage_start:.1f}-{outage_end:.1f}s): {len(errors)}")
    for problem in problems[:20]:
        print("PROBLEM:", problem)
    print("fault test:", "FAILED" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
