"""What a runner calls while it works, and the lease behind it.

A running job is held by one run: its row says ``running`` on the attempt number the run claimed
(``job_held``). Every write of the run (progress, the commit mark, the finish) goes through that fence and
renews the lease; once the recovery took the job back, the same write changes nothing and raises
``JobLost``, so the run stops (and a finish inside a write transaction rolls the write back). The services
that do a kind's work (``services.printouts``, ``services.evaluation``) import only this module and
``results``: nothing here imports a service or a task.
"""

import contextlib
import datetime
import logging
import threading
from collections.abc import Callable

from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from reporting.jobs.results import private_storage
from reporting.models import Job, JobStatus

logger = logging.getLogger(__name__)


class JobLost(Exception):
    """This worker no longer holds the job (its lease ran out and another worker took it back)."""


class JobFailed(Exception):
    """An expected failure: ``message`` (and ``errors``) are shown to the user as they are."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


def lease_end() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def job_held(job: Job):
    """The job's row as long as this worker holds it (fenced by the attempt number)."""
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """One UPDATE: rows done (and the total once it is known), renewing the lease. ``JobLost`` if the job
    was taken back meanwhile, so the work stops."""
    cap = total if total is not None else job.rows_total
    rows_done = done if cap is None else min(done, cap)
    fields: dict[str, object] = {"rows_done": rows_done, "lease_expires_at": lease_end()}
    if total is not None:
        fields["rows_total"] = total
        job.rows_total = total
    job.rows_done = rows_done
    query = job_held(job) if job.status == JobStatus.RUNNING else Job.objects.filter(pk=job.pk)
    if not query.update(**fields):
        raise JobLost(job.pk)


def progress_callback(job: Job) -> Callable[..., None]:
    """``job_progress`` for ``job`` as a ``progress(done, total=None)`` argument of a service."""

    def progress(done: int, total: int | None = None) -> None:
        job_progress(job, done, total)

    return progress


def job_commit_mark(job: Job) -> None:
    """Call inside the transaction of the job's own write: after a crash, ``committed_at`` tells whether the
    write is in the database. Raises ``JobLost`` (rolling the write back) if the job was taken back."""
    if not job_held(job).update(committed_at=timezone.now()):
        raise JobLost(job.pk)


def job_finish(job: Job, status: str, message: str, *, errors: list[str] | None = None, **fields) -> None:
    """The job's end, written only while this worker still holds it (``JobLost`` otherwise)."""
    now = timezone.now()
    values = {"status": status, "message": message, "errors": errors or [], "finished_at": now}
    values.update(rows_done=job.rows_done, rows_total=job.rows_total, lease_expires_at=None, **fields)
    if not job_held(job).update(**values):
        raise JobLost(job.pk)
    for key, value in values.items():
        setattr(job, key, value)


def job_succeed(
    job: Job,
    message: str,
    *,
    rows: int | None = None,
    result: str = "",
    filename: str = "",
    expires_in: datetime.timedelta | None = None,
) -> None:
    if rows is not None:  # the true count (the data may have moved since the total was counted)
        job.rows_done = job.rows_total = rows
    expires = timezone.now() + (expires_in or datetime.timedelta(days=settings.JOB_RESULT_DAYS))
    try:
        job_finish(job, JobStatus.DONE, message, result=result, result_filename=filename, expires_at=expires)
    except JobLost:
        if result:  # nobody will ever be given this file
            private_storage().delete(result)
        raise


def tasks_close(task_ids, *, reason: str) -> int:
    """Close the queue entries ``task_ids`` still waiting or running as failed, ``reason`` as their trace."""
    ids = [task_id for task_id in task_ids if task_id]
    return (
        DBTaskResult.objects.filter(pk__in=ids, status__in=("READY", "RUNNING")).update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path=f"{__name__}.JobLost",
            traceback=reason,
        )
        if ids
        else 0
    )


# --- the heartbeat -------------------------------------------------------------------------------


def job_lease_renew(*, task_id) -> int:
    """The heartbeat: extend the lease of the running job of queue entry ``task_id``."""
    return Job.objects.filter(task_id=task_id, status=JobStatus.RUNNING).update(lease_expires_at=lease_end())


@contextlib.contextmanager
def job_heartbeat(*, task_id, every: float | None = None):
    """Renew the lease every third of it from a thread while the worker runs the task (a job's slow step,
    a PDF layout or a big transaction, reports no progress). The thread dies with the process, so a killed
    worker's lease runs out."""
    every = every or max(0.5, settings.JOB_LEASE_SECONDS / 3)
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                try:
                    job_lease_renew(task_id=task_id)
                except DatabaseError:  # the database is away: the lease may run out, recovery decides
                    logger.warning("job heartbeat of task %s failed", task_id)
                    close_old_connections()
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"job-heartbeat-{task_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)
