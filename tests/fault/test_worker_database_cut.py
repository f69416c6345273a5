"""Issue 23.2: a short database outage (PostgreSQL cut for a second through a TCP proxy in front of it) must
not kill the job worker, idle or busy: it reconnects with backoff and the jobs still end."""

import signal

import pytest

from tests.cluster import stack
from tests.fault.injectors import TcpProxy, postgres_address
from tests.fault.jobs_support import alive, fault_stack_open, job_pk, pause


@pytest.fixture
def fault_stack(tmp_path):
    yield from fault_stack_open(tmp_path)


@pytest.fixture
def proxy():
    proxy = TcpProxy(postgres_address())
    yield proxy
    proxy.close()


def _worker_behind(fault_stack, proxy):
    name = fault_stack.start_worker(database_url=proxy.url(fault_stack.database.url))
    stack.wait_until(lambda: proxy.accepted > 0, timeout=60, what="the worker to connect through the proxy")
    return name, fault_stack.processes.started[name]


def test_an_idle_worker_outlives_a_one_second_database_cut_and_runs_the_next_recap(fault_stack, proxy):
    accounts = fault_stack.seed()
    fault_stack.start_host()  # the host talks to PostgreSQL directly: only the worker's link is cut
    name, worker = _worker_behind(fault_stack, proxy)

    proxy.cut()
    pause(1.0)
    # The cut lasts until the idle worker has met it: it polls every second or so, and a poll that falls
    # after the restore heals its connection unseen (Django's health check), which tests nothing.
    stack.wait_until(
        lambda: "database unavailable" in fault_stack.processes.log(name),
        timeout=30,
        what="the worker to meet the cut",
    )
    proxy.restore()

    reviewer = fault_stack.browser(accounts["reviewer"])
    pk = job_pk(reviewer.post("/pelaporan/excel/rekap/2026/1/"))
    job = fault_stack.wait_job(pk, timeout=60)
    assert alive(worker), fault_stack.processes.log(name)
    assert job["status"] == "done", (job, fault_stack.processes.log(name))
    assert "database unavailable" in fault_stack.processes.log(name)  # the operator sees why it waited
    page = reviewer.get(f"/pelaporan/pekerjaan/{pk}/").text
    assert "Rekap selesai:" in page


def test_a_busy_worker_outlives_a_database_cut_mid_recap_and_the_recap_still_finishes(fault_stack, proxy):
    accounts = fault_stack.seed()
    fault_stack.start_host()
    reviewer = fault_stack.browser(accounts["reviewer"])
    pk = job_pk(reviewer.post("/pelaporan/excel/rekap/2026/1/"))
    with fault_stack.table_locked("reporting_report"):  # holds the recap in the middle of its work
        name, worker = _worker_behind(fault_stack, proxy)
        stack.wait_until(fault_stack.waiting_on_lock, timeout=60, what="the worker to be inside the recap")
        proxy.cut()
        pause(1.0)
    proxy.restore()

    job = fault_stack.wait_job(pk, timeout=90)
    assert alive(worker), fault_stack.processes.log(name)
    assert job["status"] == "done" and job.get("attempts") == 2, (job, fault_stack.processes.log(name))
    assert fault_stack.tasks_by_status().get("RUNNING") is None
    assert "Rekap selesai:" in reviewer.get(f"/pelaporan/pekerjaan/{pk}/").text
    # and it still stops cleanly when asked
    fault_stack.kill(name, signal.SIGTERM)
    assert worker.returncode == 0, fault_stack.processes.log(name)
