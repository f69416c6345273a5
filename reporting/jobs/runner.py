"""Running a job inside the worker: the task ``job_run``, which claims the job, runs its kind's runner
(``registry.RUNNERS``) and records how it ended; and ``job_release``, which hands back a job its run will not
finish (queued again when that is safe, otherwise failed with a true message).

The task is defined here, beside the code that queues it again, so that nothing imports the task module
(``reporting.tasks`` only names it under its old path).
"""

import logging
import uuid

from django_tasks import task

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from reporting.jobs.kinds import INTERRUPTED_MESSAGES, RETRY_SAFE
from reporting.jobs.leases import JobFailed, JobLost, job_finish, job_held, job_time_out, lease_end, tasks_close
from reporting.jobs.registry import RUNNERS
from reporting.jobs.results import job_results_prune, upload_drop_quietly
from reporting.messages import (
    JOB_FAILED_UNEXPECTED,
    JOB_GAVE_UP,
    JOB_INTERRUPTED,
    JOB_INTERRUPTED_AFTER_COMMIT,
    JOB_RETRYING,
)
from reporting.models import Job, JobStatus

logger = logging.getLogger(__name__)


@task(backend="jobs")
def job_run(job_id: int) -> None:
    """The queue entry of one job (``queue.job_start``), run by any ``db_worker --backend jobs``."""
    job_execute(job_id=job_id)


def job_execute(*, job_id: int) -> None:
    """Run one job: claim it, do its work, record the result or the reason it failed.

    Whatever stops it (an error, the database gone, a second SIGTERM's SystemExit, its maximum run time) leaves
    no ``running`` row behind when the database can still be written: the job is queued again if that is safe,
    or failed with a message that says what was saved. When it cannot be written, the lease runs out and
    ``recovery.jobs_recover`` does the same.
    """
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), lease_expires_at=lease_end(), attempts=F("attempts") + 1
    )
    if not claimed:
        return  # already run (a queue entry is only ever claimed once, but stay safe)
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        job_results_prune()
        RUNNERS[job.kind](job)
    except JobLost:  # taken back by the recovery, or past its maximum run time: then it fails saying so
        if not job_time_out(job):
            logger.warning(
                "job %s (%s) was taken back by the recovery; this worker's run is dropped", job.pk, job.kind
            )
    except JobFailed as failure:
        job_finish(job, JobStatus.FAILED, failure.message, errors=failure.errors)
    except (OperationalError, InterfaceError) as error:  # the database went away mid-job: as a lost worker
        logger.warning("job %s (%s) interrupted by the database: %s", job.pk, job.kind, error)
        _release_quietly(job)
        raise
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job_finish(job, JobStatus.FAILED, _failure_message(job))
        raise
    except BaseException as stop:  # SystemExit (a second SIGTERM), KeyboardInterrupt
        logger.warning("job %s (%s) interrupted: %r", job.pk, job.kind, stop)
        _release_quietly(job)
        raise
    finally:
        if job.finished:
            upload_drop_quietly(job)


def _failure_message(job: Job) -> str:
    """An unexpected error's message, true about what was saved (a job that committed its write says so)."""
    committed = Job.objects.filter(pk=job.pk).values_list("committed_at", flat=True).first()
    return JOB_INTERRUPTED_AFTER_COMMIT if committed else JOB_FAILED_UNEXPECTED


def job_release(job: Job) -> str:
    """A running job this worker (or a lost one) will not finish: queue it again if that is safe, otherwise
    fail it with the message that says what was saved. Fenced like ``leases.job_finish`` (``JobLost``); the
    old queue entry is closed. Returns the new status."""
    with transaction.atomic():
        held = job_held(job)
        row = held.select_for_update().values_list("pk", "committed_at").first()
        if row is None:
            raise JobLost(job.pk)
        committed = row[1]
        retry = job.kind in RETRY_SAFE and job.attempts < settings.JOB_MAX_ATTEMPTS and committed is None
        values: dict[str, object]
        if retry:
            task_id = uuid.UUID(job_run.enqueue(job_id=job.pk).id)
            values = {
                "status": JobStatus.QUEUED,
                "message": JOB_RETRYING.format(attempt=job.attempts + 1, limit=settings.JOB_MAX_ATTEMPTS),
                "rows_done": 0,
                "rows_total": None,
                "task_id": task_id,
            }
        else:
            values = {"status": JobStatus.FAILED, "message": _abandon_message(job, committed), "errors": []}
            values["finished_at"] = timezone.now()
        if not held.update(lease_expires_at=None, **values):
            raise JobLost(job.pk)
        tasks_close([job.task_id], reason="the job's worker stopped; the job was released by jobs_recover")
    for key, value in values.items():
        setattr(job, key, value)
    if job.finished:
        upload_drop_quietly(job)
    return job.status


def _abandon_message(job: Job, committed) -> str:
    if committed is not None and job.kind not in INTERRUPTED_MESSAGES:
        return JOB_INTERRUPTED_AFTER_COMMIT
    if job.kind in RETRY_SAFE and job.kind not in INTERRUPTED_MESSAGES:
        return JOB_GAVE_UP.format(attempts=job.attempts)
    return INTERRUPTED_MESSAGES.get(job.kind, JOB_INTERRUPTED)


def _release_quietly(job: Job) -> None:
    """``job_release`` from inside the failing job: with the database gone it cannot be written, and the
    lease running out hands the job to ``recovery.jobs_recover`` instead."""
    try:
        if not connection.in_atomic_block:  # a dead connection is dropped, reconnecting on the next query
            close_old_connections()
        job_release(job)
    except JobLost:
        pass
    except Exception:
        logger.warning("job %s could not be released now; its lease will run out", job.pk, exc_info=True)
