"""Two app hosts behind HAProxy, one task worker, sharing PostgreSQL, Redis and the S3 server (issue 17, item 5).

Each host is its own gunicorn process tree in its own empty working folder, with MEDIA_ROOT and
PRIVATE_MEDIA_ROOT inside that folder: a file kept on a host's disk would be missing on the other host,
so only what lives in the shared services passes. Hosts, worker and balancer run deploy/'s recipe as it
is (stack.APP_COMMAND, WORKER_COMMAND, PROXY_COMMAND: deploy/compose.yaml's commands, deploy/gunicorn.conf.py,
deploy/haproxy.cfg), pointed at loopback through environment variables. The tests run in order on one
cluster; the last one kills host A.
"""

import datetime
import io
import os
import re
import shutil
import signal
import subprocess

import pytest
from openpyxl import load_workbook

from tests import s3
from tests.cluster import stack
from tests.cluster.smtp_sink import SmtpSink

HAPROXY = shutil.which("haproxy")
PDF = (  # a real one-page PDF: uploads are parsed, not only sniffed
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)

pytestmark = pytest.mark.skipif(
    HAPROXY is None and os.environ.get("CLUSTER_REQUIRED") != "1",
    reason="haproxy is not installed (apt-get install haproxy; `make cluster-test` installs it as root)",
)

CLUSTER_SEED = """
import datetime, json
from django.utils import timezone
from reporting.models import Period, RegionLevel, Region, User
from reporting.services import reports
from tests import factories
period = Period.objects.get(year=2026, quarter=1)
period.opens_at = timezone.now() - datetime.timedelta(days=1)
period.closes_at = timezone.now() + datetime.timedelta(days=30)
period.save()
urusan = factories.UrusanFactory(code="1.99", name="Urusan beban", short_name="BEBAN", order=99)
for level in (RegionLevel.PROVINSI, RegionLevel.KABKOTA):
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level=level, code=f"1.99.{level[0]}")
    factories.MutuItemFactory(service=service)
burst = {}
for user in User.objects.filter(role="pemda").select_related("region").order_by("username"):
    report = reports.report_get_or_create(region=user.region, urusan=urusan, period=period)
    burst[user.username] = report.pk
print("CLUSTER " + json.dumps({"burst": burst, "deadline": timezone.localdate(period.closes_at).isoformat()}))
"""


class Cluster:
    def __init__(self, processes, folder):
        self.processes, self.folder = processes, folder
        self.ports = {name: stack.free_port() for name in ("a", "b", "lb")}
        self.base = {name: f"http://127.0.0.1:{port}" for name, port in self.ports.items()}

    def host_env(self, name: str, shared: dict) -> dict:
        home = self.folder / f"host-{name}"
        return stack.base_env(
            **shared, MEDIA_ROOT=str(home / "media"), PRIVATE_MEDIA_ROOT=str(home / "private"), TRUSTED_PROXY_COUNT="1"
        )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if not stack.postgres_reachable() or not stack.redis_reachable():
        pytest.skip(f"PostgreSQL ({stack.ADMIN_URL}) or Redis (127.0.0.1:6379) is not reachable")
    folder = tmp_path_factory.mktemp("cluster")
    processes = stack.Processes(folder)
    redis_db = stack.redis_free_db()
    with stack.ScratchDatabase() as database, SmtpSink() as sink:
        try:
            yield _start(Cluster(processes, folder), database, redis_db, sink)
        finally:
            processes.stop_all()
            stack.redis_flush(redis_db)


def _start(cluster: Cluster, database, redis_db: int, sink: SmtpSink) -> Cluster:
    shared = {
        "DATABASE_URL": database.url,
        "CACHE_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "JOB_PROGRESS_EVERY": "5",
    }
    # The S3 API server (moto's server mode, tests/s3.py) as its own process, like MinIO beside the hosts.
    s3_port = stack.free_port()
    cluster.processes.start(
        "s3", [stack.PYTHON, "-m", "tests.s3", "--port", str(s3_port)], env=stack.base_env(), cwd=stack.ROOT
    )
    server = s3.S3Server(endpoint_url=f"http://127.0.0.1:{s3_port}")
    stack.wait_until(stack.http_ready(server.endpoint_url), timeout=30, what="the S3 server")
    cluster.bucket = server.create_bucket()
    cluster.s3 = server
    shared["STORAGE_URL"] = server.storage_url(cluster.bucket)
    cluster.sink = sink
    cluster.env = {name: cluster.host_env(name, shared) for name in ("a", "b", "worker")}
    cluster.accounts = stack.seed(cluster.env["worker"], CLUSTER_SEED)
    cluster.seeded = cluster.accounts["cluster"]
    # deploy/'s recipe as it is (stack.APP_COMMAND, WORKER_COMMAND, PROXY_COMMAND, as in deploy/compose.yaml),
    # pointed at loopback through the variables deploy/gunicorn.conf.py and deploy/haproxy.cfg read.
    for name in ("a", "b"):
        cluster.processes.start(
            f"host-{name}",
            stack.gunicorn_argv(),
            env={**cluster.env[name], **stack.gunicorn_env(cluster.ports[name])},
            cwd=cluster.folder / f"host-{name}",
        )
    cluster.processes.start("worker", stack.worker_argv(), env=cluster.env["worker"], cwd=cluster.folder / "worker")
    balancer = stack.proxy_env(cluster.ports["lb"], app1=cluster.ports["a"], app2=cluster.ports["b"])
    cluster.processes.start("haproxy", stack.proxy_argv(), env={**os.environ, **balancer}, cwd=cluster.folder)
    for name in ("a", "b", "lb"):
        stack.wait_until(stack.http_ready(cluster.base[name] + "/login/"), timeout=90, what=f"{name} to answer")
    return cluster


def test_a_session_made_on_host_a_works_on_host_b(cluster):
    on_a = stack.Browser(cluster.base["a"])
    on_a.login(cluster.accounts["reviewer"])
    on_b = on_a.on(cluster.base["b"])
    dashboard = on_b.get("/pelaporan/")
    assert dashboard.status_code == 200, dashboard.status_code
    assert cluster.accounts["reviewer"] in dashboard.text
    assert stack.Browser(cluster.base["b"]).get("/pelaporan/").status_code == 302  # without the cookie: login


def test_a_file_uploaded_through_a_downloads_through_b(cluster):
    username = cluster.accounts["pemda"]
    on_a = stack.Browser(cluster.base["a"])
    on_a.login(username)
    saved = on_a.post(
        f"/pelaporan/dokumen/{username}/?tahun=2026",
        {"action": "sk_tim", "nomor": "050/12/2026", "judul": "Tim Penerapan SPM"},
        files={"file": ("sk-tim.pdf", PDF, "application/pdf")},
    )
    assert saved.status_code == 302, saved.text[:500]
    download = on_a.on(cluster.base["b"]).get(f"/pelaporan/dokumen/{username}/2026/sk-tim/")
    assert download.status_code == 200 and download.content == PDF
    for name in ("a", "b"):
        assert not list((cluster.folder / f"host-{name}").rglob("*.pdf"))  # nothing on a host's disk
    assert any(key.endswith(".pdf") for key in cluster.s3.keys(cluster.bucket))  # it is in the bucket


def test_a_recap_queued_on_a_is_run_by_the_worker_with_progress_on_both_and_downloaded_through_b(cluster):
    on_a = stack.Browser(cluster.base["a"])
    on_a.login(cluster.accounts["reviewer"])
    on_b = on_a.on(cluster.base["b"])
    queued = on_a.post("/pelaporan/excel/rekap/2026/1/")
    assert queued.status_code == 302
    status = queued.headers["Location"] + "status/"

    def done_on_both():
        states = [browser.get(status).json() for browser in (on_a, on_b)]
        assert states[0]["id"] == states[1]["id"]
        return states if all(s["finished"] for s in states) else None

    state_a, state_b = stack.wait_until(done_on_both, timeout=60, what="the recap job", interval=0.1)
    assert state_a["status"] == state_b["status"] == "done", cluster.processes.log("worker")
    assert state_a["rows_done"] == state_b["rows_total"] > 0
    download = on_b.get(state_b["download_url"])
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content), read_only=True)["Rekap capaian"]
    assert sum(1 for _ in sheet.iter_rows(min_row=3)) == state_b["rows_total"]


def test_one_reminder_run_from_two_hosts_sends_each_email_once(cluster):
    deadline = datetime.date.fromisoformat(cluster.seeded["deadline"])
    day = (deadline - datetime.timedelta(days=7)).isoformat()
    command = [stack.PYTHON, str(stack.ROOT / "manage.py"), "send_reminders", "--days", "7", "--date", day]
    runs = [
        subprocess.Popen(  # noqa: S603 -- our own command
            command, cwd=cluster.folder / f"host-{name}", env=cluster.env[name], stdout=subprocess.PIPE, text=True
        )
        for name in ("a", "b")
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    recipients = sorted(to for tos, _ in cluster.sink.messages for to in tos)
    pemda = len(cluster.seeded["burst"])
    assert len(recipients) == pemda, outputs  # every pemda misses the new urusan
    assert len(set(recipients)) == len(recipients)
    claimed = sorted(int(re.search(r"(\d+) pengingat", out).group(1)) for out in outputs)
    assert sum(claimed) == pemda


def test_host_a_killed_in_a_save_burst_loses_no_confirmed_save_and_errors_stop_after_the_failover(cluster):
    users = list(cluster.seeded["burst"].items())[: stack.BURST_THREADS]
    burst = stack.burst_killed_mid_way(
        cluster.base["lb"],
        users,
        lambda: cluster.processes.kill("host-a", signal.SIGKILL),  # the whole process tree, at once
        join_timeout=120,
    )
    stack.burst_assert_nothing_lost(burst, users, env=cluster.env["b"])
