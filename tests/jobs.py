"""Run the background job queue in the test process: the real django_tasks_db worker loop, in batch mode."""

import io
from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.db.models import F
from django.utils import timezone

from reporting import worker
from reporting.jobs import runner
from reporting.models import Job, JobStatus
from reporting.worker import JobWorker


def run_queued_jobs() -> None:
    """Every queued job, run by the same JobWorker class that `manage.py db_worker --backend jobs` runs (without
    its heartbeat thread, whose own connection would wait on the test's transaction).

    The worker calls close_old_connections() between tasks, which closes a connection whose autocommit
    differs from the settings: inside a test's transaction (PostgreSQL) that would close the test's own
    connection, so the check is switched off here. SQLite's in-memory test database ignores close().
    """
    with (
        mock.patch.object(db_worker, "close_old_connections", lambda: None),
        mock.patch.object(worker, "close_old_connections", lambda: None),
        mock.patch.object(runner, "close_old_connections", lambda: None),
    ):
        batch_worker().run()


def batch_worker() -> JobWorker:
    """A worker that runs what is queued and returns, without the heartbeat thread (a test's transaction)."""
    return JobWorker(
        heartbeat=False,
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="jobs",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def job_claim(job: Job) -> Job:
    """What a worker does before the runner: the job turns running under a lease (which runs out now)."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        lease_expires_at=timezone.now(),
    )
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING", started_at=timezone.now())
    job.refresh_from_db()
    return job


def job_from_redirect(response) -> Job:
    """The job a POST started, from the redirect to its page (/pelaporan/pekerjaan/<pk>/)."""
    assert response.status_code == 302, response.status_code
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    return Job.objects.get(pk=pk)


def download_bytes(client, job: Job) -> bytes:
    response = client.get(f"/pelaporan/pekerjaan/{job.pk}/unduh/")
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def as_file(data: bytes):
    return io.BytesIO(data)
