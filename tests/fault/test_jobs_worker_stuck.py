"""A run stuck inside a live worker past its job's maximum run time (here blocked on a table lock, as a loop
that never writes would be: its worker's heartbeat goes on): the job fails saying so, and the worker does not
stay busy for good: it replaces its own process (same pid, a new image) and serves the next job."""

import pytest

from tests.cluster import stack
from tests.fault.jobs_support import alive, fault_stack_open, job_pk

TIMED_OUT = "berjalan lebih lama dari batas waktunya"


@pytest.fixture
def fault_stack(tmp_path):
    yield from fault_stack_open(tmp_path)


def test_a_worker_stuck_past_a_jobs_maximum_run_time_restarts_itself_and_serves_the_next_job(fault_stack):
    accounts = fault_stack.seed()
    fault_stack.start_host()
    reviewer = fault_stack.browser(accounts["reviewer"])
    stuck = job_pk(reviewer.post("/pelaporan/excel/rekap/2026/1/"))

    with fault_stack.table_locked("reporting_report"):  # the recap stops at its first read of the reports
        name = fault_stack.start_worker(JOB_MAX_RUN_SECONDS_RECAP="4", JOB_STUCK_GRACE_SECONDS="3")
        stack.wait_until(fault_stack.waiting_on_lock, timeout=60, what="the worker to be inside the recap")
        job = fault_stack.wait_job(stuck, timeout=60)
        assert job["status"] == "failed" and TIMED_OUT in job["message"], job
        stack.wait_until(
            lambda: "restarts its process" in fault_stack.processes.log(name), timeout=60, what="the restart"
        )
    process = fault_stack.processes.started[name]
    assert alive(process)  # the same process (no supervisor needed), a fresh image

    second = job_pk(reviewer.post("/pelaporan/excel/rekap/2026/1/"))
    job = fault_stack.wait_job(second, timeout=90)
    assert job["status"] == "done", (job, fault_stack.processes.log(name))
    assert alive(process) and fault_stack.job(stuck)["status"] == "failed"  # the stuck job is not rerun
    assert fault_stack.tasks_by_status().get("RUNNING") is None
