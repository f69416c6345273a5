"""A job's files in ``storages["private"]``: the uploaded workbook it reads, the result it writes whole, and
the result handed out to the user until it expires."""

import io
import logging
import tempfile
import uuid
from collections.abc import Callable

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from reporting.models import Job, JobKind

logger = logging.getLogger(__name__)

JOB_DIR = "jobs"


def private_storage():
    return storages["private"]


def upload_save(data: bytes) -> str:
    """Keep an uploaded workbook for the job that will read it; returns its name in the storage."""
    return private_storage().save(f"{JOB_DIR}/uploads/{uuid.uuid4().hex}.xlsx", ContentFile(data))


def result_save(job: Job, produce: Callable, *, suffix: str = ".xlsx") -> str:
    """Write the result to a local temporary file with ``produce(file)``, then store it whole.

    Nothing reaches the storage unless ``produce`` returned: a failed export leaves no file.
    """
    with tempfile.TemporaryFile(suffix=suffix) as local:
        produce(local)
        local.seek(0)
        return private_storage().save(f"{JOB_DIR}/{job.pk}/{uuid.uuid4().hex}{suffix}", File(local))


def upload_drop(job: Job) -> None:
    if job.upload:
        private_storage().delete(job.upload)
        Job.objects.filter(pk=job.pk).update(upload="")
        job.upload = ""


def upload_drop_quietly(job: Job) -> None:
    """The upload of a finished job (it holds a pemda's figures) goes; a storage or database error here must
    not change how the job ended."""
    try:
        upload_drop(job)
    except Exception:
        logger.exception("upload of job %s not deleted", job.pk)


def job_results_prune(*, now=None) -> int:
    """Delete the result files past their expiry (the account lists' passwords first of all)."""
    now = now or timezone.now()
    expired = list(Job.objects.filter(expires_at__lte=now).exclude(result="").values_list("pk", "result"))
    storage = private_storage()
    for pk, name in expired:
        storage.delete(name)
        Job.objects.filter(pk=pk, result=name).update(result="")
    return len(expired)


def job_result_open(job: Job):
    """The result as an open binary file, or None when it is gone. A secret result (the account list)
    is handed out once: read into memory and deleted from the storage, so a second request gets nothing."""
    if not job.result:
        return None
    if job.expires_at and job.expires_at <= timezone.now():
        job_results_prune()
        return None
    storage, name = private_storage(), job.result
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    if job.kind != JobKind.ACCOUNTS:
        return handle
    with handle:
        data = handle.read()
    if not Job.objects.filter(pk=job.pk, result=name).update(result=""):
        return None  # another request took it first
    storage.delete(name)
    job.result = ""
    return io.BytesIO(data)
