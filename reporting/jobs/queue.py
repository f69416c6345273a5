"""Starting a job: its ``Job`` row and its queue entry (``runner.job_run``) in one transaction, within the
limits that keep one account from filling the queue.

The same request while it is waiting or running returns that job, and past ``JOB_QUEUED_MAX_PER_USER``
waiting jobs or ``JOB_STARTS_PER_HOUR`` starts ``job_start`` raises ``JobRefused`` with the Indonesian reason.
"""

import datetime
import hashlib
import json
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from reporting.jobs.results import upload_save
from reporting.jobs.runner import job_run
from reporting.messages import JOB_QUEUED, JOB_RATE_LIMITED, JOB_TOO_MANY_QUEUED
from reporting.models import Job, JobStatus, User

LIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobRefused(Exception):
    """The account may not start another job now; ``message`` (Indonesian) says why and until when."""

    def __init__(self, message: str, *, retry_after: int = 60, live: list[Job] | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.live = live or []


def job_request_key(*, kind: str, params: dict | None, upload: bytes | None = None) -> str:
    """The identity of a request: the same kind, parameters and uploaded file give the same key."""
    digest = hashlib.sha256(upload).hexdigest() if upload is not None else ""
    payload = json.dumps([kind, params or {}, digest], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def job_start(*, kind: str, user: User | None, params: dict | None = None, upload: bytes | None = None) -> Job:
    """Record the job and put it in the queue, together (the queue is a table in the same database).

    For an account (``user``): the same request while it is still waiting or running returns that job;
    otherwise ``JobRefused`` past the account's limits. The account's row is locked first, so two
    requests of one account at once are counted one after the other, on any host.
    """
    key = job_request_key(kind=kind, params=params, upload=upload) if user is not None else ""
    if user is not None:
        User.objects.select_for_update().filter(pk=user.pk).first()
        same = Job.objects.filter(user=user, request_key=key, status__in=LIVE).first()
        if same is not None:
            return same
        _limits_check(user)
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, user=user, params=params or {}, message=JOB_QUEUED, request_key=key)
    except IntegrityError:  # the same request committed by another host in between
        return Job.objects.get(user=user, request_key=key, status__in=LIVE)
    if upload is not None:
        job.upload = upload_save(upload)
    job.task_id = uuid.UUID(job_run.enqueue(job_id=job.pk).id)
    job.save(update_fields=["upload", "task_id"])
    return job


def _limits_check(user: User) -> None:
    live = list(Job.objects.filter(user=user, status__in=LIVE).order_by("created_at"))
    limit = settings.JOB_QUEUED_MAX_PER_USER
    if len(live) >= limit:
        raise JobRefused(JOB_TOO_MANY_QUEUED.format(count=len(live), limit=limit), live=live)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    started = Job.objects.filter(user=user, created_at__gt=hour_ago).order_by("-created_at")
    per_hour = settings.JOB_STARTS_PER_HOUR
    oldest = started.values_list("created_at", flat=True)[per_hour - 1 : per_hour].first() if per_hour else None
    if oldest is not None or per_hour == 0:
        free_at = (oldest or timezone.now()) + datetime.timedelta(hours=1)
        raise JobRefused(
            JOB_RATE_LIMITED.format(limit=per_hour, time=timezone.localtime(free_at).strftime("%H:%M")),
            retry_after=max(1, int((free_at - timezone.now()).total_seconds())),
            live=live,
        )
