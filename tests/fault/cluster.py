"""The production recipe on loopback with dependencies a test may break (tests/fault/injectors.py).

``FaultStack`` reuses tests/cluster/stack.py (deploy/'s commands, gunicorn.conf.py, haproxy.cfg as they
are) but gives the hosts and workers our own Redis, PostgreSQL through a ``TcpProxy`` and our own S3
server, so a test can stop, freeze or cut each of them. Checks of the database go around the proxy
(``direct_env``), so they work while the hosts' connections are cut.
"""

import json
import os
import re

from tests.cluster import stack


class FaultStack:
    def __init__(self, *, folder, processes, database, redis, s3, pg_proxy):
        self.folder, self.processes, self.database = folder, processes, database
        self.redis, self.s3, self.pg_proxy = redis, s3, pg_proxy
        self.base: dict[str, str] = {}
        self.ports: dict[str, int] = {}

    @property
    def proxied_database_url(self) -> str:
        return re.sub(r"@[^/]+/", f"@127.0.0.1:{self.pg_proxy.port}/", self.database.url)

    def env(self, name: str, **extra) -> dict:
        """The environment of host, worker or command ``name``: production settings, our dependencies."""
        home = self.folder / name
        return stack.base_env(
            DATABASE_URL=self.proxied_database_url,
            CACHE_URL=f"{self.redis.url}/1",
            STORAGE_URL=self.s3.storage_url,
            MEDIA_ROOT=str(home / "media"),
            PRIVATE_MEDIA_ROOT=str(home / "private"),
            TRUSTED_PROXY_COUNT="1",
            JOB_PROGRESS_EVERY="5",
            **extra,
        )

    def direct_env(self, **extra) -> dict:
        """For the test's own reads and writes: the database without the proxy."""
        return {**self.env("checks", **extra), "DATABASE_URL": self.database.url}

    def start_host(self, name: str, *, workers: int = 1, graceful: int = 5, **extra) -> str:
        port = self.ports[name] = stack.free_port()
        env = {**self.env(name, **extra), **stack.gunicorn_env(port, workers=workers)}
        env["GUNICORN_GRACEFUL_TIMEOUT"] = str(graceful)
        self.processes.start(f"host-{name}", stack.gunicorn_argv(), env=env, cwd=self.folder / name)
        self.base[name] = f"http://127.0.0.1:{port}"
        return self.base[name]

    def start_worker(self, name: str = "worker", **extra) -> None:
        self.processes.start(name, stack.worker_argv(), env=self.env(name, **extra), cwd=self.folder / name)

    def start_balancer(self, first: str = "a", second: str = "b") -> str:
        port = self.ports["lb"] = stack.free_port()
        balancer = stack.proxy_env(port, app1=self.ports[first], app2=self.ports[second])
        self.processes.start("haproxy", stack.proxy_argv(), env={**os.environ, **balancer}, cwd=self.folder)
        self.base["lb"] = f"http://127.0.0.1:{port}"
        return self.base["lb"]

    def wait_ready(self, *names: str, timeout: float = 120) -> None:
        for name in names:
            stack.wait_until(
                stack.http_ready(self.base[name] + "/login/"), timeout=timeout, what=f"{name} to answer", interval=0.1
            )

    def seed(self, extra: str = "") -> dict:
        """stack.seed's accounts (password ``stack.PASSWORD``) plus what ``extra`` prints."""
        return stack.seed(self.direct_env(), extra)

    def shell(self, code: str, name: str = "OUT"):
        """Run ``code`` in ``manage.py shell`` on the database directly; it prints ``NAME {json}``."""
        out = stack.manage(self.direct_env(), "shell", "-c", code)
        found = re.search(rf"^{name} (.*)$", out, flags=re.MULTILINE)
        assert found, out
        return json.loads(found.group(1))

    def log(self, name: str) -> str:
        return self.processes.log(name)


# An open period and, for every pemda account, a report of a small urusan of its own to save into.
OPEN_REPORTS = """
import datetime, json
from django.utils import timezone
from reporting.models import Period, RegionLevel, User
from reporting.services import reports
from tests import factories
period = Period.objects.get(year=2026, quarter=1)
period.opens_at = timezone.now() - datetime.timedelta(days=1)
period.closes_at = timezone.now() + datetime.timedelta(days=30)
period.save()
urusan = factories.UrusanFactory(code="1.98", name="Urusan uji gangguan", short_name="GANGGUAN", order=98)
for level in (RegionLevel.PROVINSI, RegionLevel.KABKOTA):
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level=level, code=f"1.98.{level[0]}")
    factories.MutuItemFactory(service=service)
found = {}
for user in User.objects.filter(role="pemda").select_related("region").order_by("username"):
    found[user.username] = reports.report_get_or_create(region=user.region, urusan=urusan, period=period).pk
print("REPORTS " + json.dumps(found))
"""

REPORT_STATE = """
import json
from reporting.models import Report
report = Report.objects.prefetch_related("entries", "files").get(pk=PK)
print("OUT " + json.dumps({"version": report.version, "harus_dilayani": [e.harus_dilayani for e in report.entries.all()],
                           "files": [f.original_name for f in report.files.all()]}))
"""

FIELD = re.compile(r'name="((?:entry|mutu)-\d+-\w+|version|submission_key)"[^>]*value="([^"]*)"')


def capaian_form(page_text: str, value: int) -> dict:
    """Tab A's form as a browser would post it, every figure set to ``value`` (terlayani one less)."""
    fields = dict(FIELD.findall(page_text))
    data = {"version": fields.get("version", "")}
    if "submission_key" in fields:
        data["submission_key"] = fields["submission_key"]
    for name in fields:
        if name.endswith(("harus_dilayani", "harus_dipenuhi")):
            data[name] = str(value)
        elif name.endswith(("terlayani", "terpenuhi")):
            data[name] = str(value - 1)
    return data


def report_state(fault_stack: FaultStack, report: int) -> dict:
    return fault_stack.shell(REPORT_STATE.replace("PK", str(int(report))))


def balancer_page(text: str) -> bool:
    """HAProxy's own English pages (what the issue saw), never acceptable."""
    return "No server is available" in text or "<h1>503 Service Unavailable</h1>" in text


PDF = (  # a real one-page PDF: uploads are parsed, not only sniffed
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"')
KEY = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


def upload_form(page_text: str) -> dict:
    """Tab C's upload form as a browser posts it (the version and, once there, the submission key it shows)."""
    action = page_text.find('value="upload"')
    form = page_text[page_text.rfind("<form", 0, action) : action]
    data = {"action": "upload", "category": "", "version": VERSION.search(form).group(1)}
    key = KEY.search(form)
    if key:
        data["submission_key"] = key.group(1)
    return data


FILE_IDS = """
import json
from reporting.models import SupportingFile
print("OUT " + json.dumps(list(SupportingFile.objects.filter(report_id=PK).order_by("pk").values_list("pk", flat=True))))
"""


def established(port: int) -> int:
    """How many TCP connections to local ``port`` are established (``/proc/net/tcp``: IPv4 loopback)."""
    count = 0
    for line in open("/proc/net/tcp").read().splitlines()[1:]:  # noqa: SIM115 -- a procfs snapshot
        fields = line.split()
        local, state = fields[1], fields[3]
        if state == "01" and int(local.split(":")[1], 16) == port:
            count += 1
    return count


def raw_request(browser, path: str, data: dict, files: dict | None = None) -> bytes:
    """The bytes a browser sends for this POST (its cookies and CSRF token), to send by hand over a socket."""
    import requests

    token = browser.session.cookies.get("csrftoken", "")
    request = requests.Request(
        "POST",
        browser.base + path,
        data={"csrfmiddlewaretoken": token, **data},
        files=files,
        cookies=browser.session.cookies,
    )
    prepared = browser.session.prepare_request(request)
    host = browser.base.split("://", 1)[1]
    head = [f"POST {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    head += [
        f"{name}: {value}" for name, value in prepared.headers.items() if name.lower() not in ("host", "connection")
    ]
    body = prepared.body if isinstance(prepared.body, bytes) else (prepared.body or "").encode()
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body
