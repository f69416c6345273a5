"""What a runner calls while it works, and the lease behind it.

A running job is held by one run: its row says ``running`` on the attempt number the run claimed
(``job_held``). Every write of the run (progress, the commit mark, the finish) goes through that fence and
renews the lease; once the recovery took the job back, the same write changes nothing and raises
``JobLost``, so the run stops (and a finish inside a write transaction rolls the write back).

A run may last its kind's maximum run time (``kinds.max_run_time``). Past it, its writes are refused the same
way and the job is failed with a message that says so (``job_time_out``): by the run itself once it is
refused, by the worker's heartbeat (a run caught in a loop that writes nothing would keep its lease forever)
or by any worker's recovery. The services
that do a kind's work (``services.printouts``, ``services.evaluation``) import only this module and
``results``: nothing here imports a service or a task.
"""

import contextlib
import datetime
import logging
import operator
import threading
import time
from collections.abc import Callable
from functools import reduce

from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone

from reporting.jobs.kinds import max_run_time, timed_out_message
from reporting.jobs.results import private_storage, upload_drop_quietly
from reporting.models import Job, JobKind, JobStatus

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


def _writable(job: Job):
    """The job's row as long as this run holds it and is within its kind's maximum run time (a row with no start
    time, written by hand, has no run time to pass)."""
    within = Q(started_at__gt=timezone.now() - max_run_time(job.kind)) | Q(started_at__isnull=True)
    return job_held(job).filter(within)


def overdue(now: datetime.datetime) -> Q:
    """Running jobs that started their kind's maximum run time or longer before ``now``."""
    kinds = (Q(kind=kind, started_at__lte=now - max_run_time(kind)) for kind in JobKind.values)
    return Q(status=JobStatus.RUNNING) & reduce(operator.or_, kinds)


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
    query = _writable(job) if job.status == JobStatus.RUNNING else Job.objects.filter(pk=job.pk)
    if not query.update(**fields):
        raise JobLost(job.pk)


def progress_callback(job: Job) -> Callable[..., None]:
    """``job_progress`` for ``job`` as a ``progress(done, total=None)`` argument of a service."""

    def progress(done: int, total: int | None = None) -> None:
        job_progress(job, done, total)

    return progress


def job_commit_mark(job: Job) -> None:
    """Call inside the transaction of the job's own write: after a crash, ``committed_at`` tells whether the
    write is in the database. Raises ``JobLost`` (rolling the write back) if the job was taken back or ran past
    its maximum run time."""
    if not _writable(job).update(committed_at=timezone.now()):
        raise JobLost(job.pk)


def job_finish(job: Job, status: str, message: str, *, errors: list[str] | None = None, **fields) -> None:
    """The job's end, written only while this worker still holds it within its maximum run time (``JobLost``
    otherwise)."""
    now = timezone.now()
    values = {"status": status, "message": message, "errors": errors or [], "finished_at": now}
    values.update(rows_done=job.rows_done, rows_total=job.rows_total, lease_expires_at=None, **fields)
    if not _writable(job).update(**values):
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


# --- the maximum run time ------------------------------------------------------------------------


def job_time_out(job: Job, *, now: datetime.datetime | None = None) -> bool:
    """Fail ``job`` if it is still running on attempt ``job.attempts`` and started its kind's maximum run time
    or longer before ``now``: its message says so and what was saved (``kinds.timed_out_message``), its queue
    entry is closed and its upload dropped. Whatever that run writes afterwards is refused (``JobLost``), as a
    run that lost its lease. Returns whether the job was failed now."""
    now = now or timezone.now()
    with transaction.atomic():
        held = job_held(job).filter(started_at__lte=now - max_run_time(job.kind))
        row = held.select_for_update().values_list("pk", "committed_at").first()
        if row is None:
            return False
        values = {
            "status": JobStatus.FAILED,
            "message": timed_out_message(job.kind, committed=row[1] is not None),
            "errors": [],
            "finished_at": timezone.now(),
            "lease_expires_at": None,
        }
        held.update(**values)
        tasks_close([job.task_id], reason="the job ran past its maximum run time (JOB_MAX_RUN_SECONDS)")
    for key, value in values.items():
        setattr(job, key, value)
    upload_drop_quietly(job)
    logger.error(
        "job %s (%s) ran past its maximum run time of %s s and was failed; its worker may be stuck in it",
        job.pk,
        job.kind,
        max_run_time(job.kind).total_seconds(),
    )
    return True


# --- the heartbeat -------------------------------------------------------------------------------


def job_lease_renew(*, task_id) -> int:
    """The heartbeat: extend the lease of the running job of queue entry ``task_id`` while it is within its
    kind's maximum run time; past it, fail the job instead (``job_time_out``). Returns how many leases it
    renewed."""
    now = timezone.now()
    running = Job.objects.filter(task_id=task_id, status=JobStatus.RUNNING)
    renewed = running.exclude(overdue(now)).update(lease_expires_at=lease_end())
    if not renewed:
        for job in running.filter(overdue(now)):
            job_time_out(job, now=now)
    return renewed


def job_over(*, task_id) -> bool:
    """Whether the job of queue entry ``task_id`` is no longer running on it (done, failed, timed out, taken
    back): its run should return at once. A queue entry that is no job's (an e-mail) is never over here."""
    return Job.objects.filter(task_id=task_id).exclude(status=JobStatus.RUNNING).exists()


@contextlib.contextmanager
def job_heartbeat(*, task_id, every: float | None = None, on_stuck: Callable[[], None] | None = None):
    """Renew the lease every third of it from a thread while the worker runs the task (a job's slow step,
    a PDF layout or a big transaction, reports no progress). The thread dies with the process, so a killed
    worker's lease runs out.

    A run whose job is over (past its maximum run time, say) but which is still running
    ``JOB_STUCK_GRACE_SECONDS`` later is stuck in a loop that no refused write reaches; a thread cannot be
    killed, so ``on_stuck()`` is called once (the worker restarts its process: ``JobWorker.restart``)."""
    every = every or max(0.5, settings.JOB_LEASE_SECONDS / 3)
    stop = threading.Event()

    def beat():
        over_since = None
        try:
            while not stop.wait(every):
                try:
                    if job_lease_renew(task_id=task_id):
                        continue
                    if over_since is None:
                        over_since = time.monotonic() if job_over(task_id=task_id) else None
                    elif on_stuck is not None and time.monotonic() - over_since >= settings.JOB_STUCK_GRACE_SECONDS:
                        logger.error(
                            "the run of task %s is still going %s s after its job ended: the worker is stuck in it",
                            task_id,
                            settings.JOB_STUCK_GRACE_SECONDS,
                        )
                        on_stuck()
                        return
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
