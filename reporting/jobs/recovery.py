"""Taking back the jobs whose worker stopped, run by every worker on start and every ``JOB_RECOVERY_SECONDS``
(``reporting.worker``): a running job past its maximum run time is failed (``leases.job_time_out``), one whose
lease ran out is released (``runner.job_release``), a queue entry left running is closed, and the reminders a
stopped sender had claimed are queued again."""

import datetime
import logging

from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from reporting.jobs.leases import JobLost, job_time_out, overdue, tasks_close
from reporting.jobs.queue import LIVE, job_start
from reporting.jobs.runner import job_release
from reporting.models import Job, JobKind, JobStatus
from reporting.services.reminders import reminder_claims_expired

logger = logging.getLogger(__name__)

# A queue entry that is no job's (a notification e-mail) and still "running" this long after it started
# lost its worker: it is marked failed.
TASK_STALE = datetime.timedelta(minutes=15)


def jobs_recover(*, now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Fail every running job past its maximum run time, even with a live lease (its worker may be stuck in
    it), take back every other running job whose lease ran out (``job_release``) and close the queue entries
    left "running" by a worker that stopped. Run by every worker on start and every ``JOB_RECOVERY_SECONDS``;
    returns how many jobs it failed or took back."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    expired = Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True, started_at__lt=now - lease)
    taken = sum(job_time_out(job, now=now) for job in Job.objects.filter(overdue(now)).order_by("pk")[:limit])
    for job in Job.objects.filter(expired, status=JobStatus.RUNNING).order_by("pk")[:limit]:
        try:
            job_release(job)
        except JobLost:  # finished, or taken back by another worker, in the meantime
            continue
        logger.warning("job %s (%s) lost its worker: now %s", job.pk, job.kind, job.status)
        taken += 1
    _tasks_settle(now)
    _reminders_recover()
    return taken


def _tasks_settle(now: datetime.datetime) -> int:
    """Queue entries still "running" with no job holding them: their worker stopped. A job's entry is closed
    once its job is no longer running on it; another task's (a notification e-mail) after ``TASK_STALE``."""
    lease = datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    held = Job.objects.filter(task_id=OuterRef("pk"), status=JobStatus.RUNNING)
    owned = Job.objects.filter(task_id=OuterRef("pk"))
    running = DBTaskResult.objects.filter(backend_name="jobs", status="RUNNING").exclude(Exists(held))
    stale = running.filter(
        Q(Exists(owned), started_at__lt=now - lease) | Q(~Exists(owned), started_at__lt=now - TASK_STALE)
    )
    ids = list(stale.values_list("pk", flat=True)[:1000])
    closed = tasks_close(ids, reason="its worker stopped before finishing it; closed by jobs_recover")
    if closed:
        logger.warning("%s queue entries left running by a stopped worker were closed", closed)
    return closed


def _reminders_recover() -> None:
    """Reminders whose sender stopped mid-run: queue one reminders job to send them again (no e-mail is sent
    inside the worker's recovery itself)."""
    if not reminder_claims_expired().exists():
        return
    if Job.objects.filter(kind=JobKind.REMINDERS, status__in=LIVE, params__expired_claims=True).exists():
        return
    job_start(kind=JobKind.REMINDERS, user=None, params={"expired_claims": True, "days": []})
