"""Background jobs: start one (record + queue entry in one transaction), run it in the worker, hand out its result.

A job is a ``Job`` row (what the pages show) plus one entry in the ``jobs`` task queue
(``reporting.tasks.job_run``, django_tasks_db), written in the same transaction, so a job
exists exactly when its queue entry does. Any worker host may run it. Results are files in
``storages["private"]`` (through the Storage API only: production keeps them in object
storage), written only once complete, so a failed job leaves no partial file. Every failure
the user sees is an Indonesian sentence in ``Job.message`` (and ``Job.errors`` for an import).
"""

import datetime
import io
import logging
import tempfile
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from reporting.messages import (
    ACCOUNT_LIST_DONE,
    ACCOUNT_LIST_NONE,
    ACCOUNT_LIST_NOT_ALLOWED,
    ACCOUNT_LIST_NOT_STORED,
    ANNUAL_PDF_DONE,
    ANNUAL_PDF_NOT_ALLOWED,
    IMPORT_FAILED,
    IMPORT_NOT_ALLOWED,
    JOB_FAILED_UNEXPECTED,
    JOB_QUEUED,
    RECAP_DONE,
    RECAP_NOT_ALLOWED,
    RECAP_PERIOD_GONE,
    REMINDERS_DONE,
)
from reporting.models import Job, JobKind, JobStatus, Period, Region, Report, User

logger = logging.getLogger(__name__)

JOB_DIR = "jobs"


def private_storage():
    return storages["private"]


# --- starting and progress -------------------------------------------------------------------


@transaction.atomic
def job_start(*, kind: str, user: User | None, params: dict | None = None, upload: bytes | None = None) -> Job:
    """Record the job and put it in the queue, together (the queue is a table in the same database)."""
    from reporting.tasks import job_run  # the task module imports this one

    job = Job.objects.create(kind=kind, user=user, params=params or {}, message=JOB_QUEUED)
    if upload is not None:
        name = private_storage().save(f"{JOB_DIR}/uploads/{uuid.uuid4().hex}.xlsx", ContentFile(upload))
        job.upload = name
        job.save(update_fields=["upload"])
    job_run.enqueue(job_id=job.pk)
    return job


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """One UPDATE: rows done (and the total once it is known)."""
    cap = total if total is not None else job.rows_total
    fields = {"rows_done": done if cap is None else min(done, cap)}
    if total is not None:
        fields["rows_total"] = total
        job.rows_total = total
    job.rows_done = fields["rows_done"]
    Job.objects.filter(pk=job.pk).update(**fields)


def progress_callback(job: Job) -> Callable[[int, int | None], None]:
    return lambda done, total=None: job_progress(job, done, total)


# --- running (inside the worker) ---------------------------------------------------------------


def job_execute(*, job_id: int) -> None:
    """Run one job: claim it, do its work, record the result or the reason it failed."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return  # already run (a queue entry is only ever claimed once, but stay safe)
    job = Job.objects.select_related("user").get(pk=job_id)
    job_results_prune()
    try:
        RUNNERS[job.kind](job)
    except JobFailed as failure:
        _finish(job, JobStatus.FAILED, failure.message, errors=failure.errors)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, JOB_FAILED_UNEXPECTED)
        raise
    finally:
        _drop_upload(job)


class JobFailed(Exception):
    """An expected failure: ``message`` (and ``errors``) are shown to the user as they are."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


def _finish(job: Job, status: str, message: str, *, errors: list[str] | None = None, **fields) -> None:
    job.status, job.message, job.errors, job.finished_at = status, message, errors or [], timezone.now()
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=["status", "message", "errors", "finished_at", "rows_done", "rows_total", *fields])


def job_succeed(
    job: Job, message: str, *, rows: int | None = None, result: str = "", filename: str = "", expires_in=None
) -> None:
    if rows is not None:  # the true count (the data may have moved since the total was counted)
        job.rows_done = job.rows_total = rows
    expires = timezone.now() + (expires_in or datetime.timedelta(days=settings.JOB_RESULT_DAYS))
    _finish(job, JobStatus.DONE, message, result=result, result_filename=filename, expires_at=expires)


def result_save(job: Job, produce: Callable, *, suffix: str = ".xlsx") -> str:
    """Write the result to a local temporary file with ``produce(file)``, then store it whole.

    Nothing reaches the storage unless ``produce`` returned: a failed export leaves no file.
    """
    with tempfile.TemporaryFile(suffix=suffix) as local:
        produce(local)
        local.seek(0)
        return private_storage().save(f"{JOB_DIR}/{job.pk}/{uuid.uuid4().hex}{suffix}", File(local))


def _drop_upload(job: Job) -> None:
    if job.upload:
        private_storage().delete(job.upload)
        Job.objects.filter(pk=job.pk).update(upload="")
        job.upload = ""


def job_results_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the result files past their expiry (the account lists' passwords first of all)."""
    now = now or timezone.now()
    expired = list(Job.objects.filter(expires_at__lte=now).exclude(result="").values_list("pk", "result"))
    storage = private_storage()
    for pk, name in expired:
        storage.delete(name)
        Job.objects.filter(pk=pk, result=name).update(result="")
    return len(expired)


# --- handing out the result --------------------------------------------------------------------


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


# --- the runners, one per kind --------------------------------------------------------------------


def _run_recap(job: Job) -> None:
    from reporting.selectors.access import region_readable_list, report_readable_list
    from reporting.services import excel_export

    period = Period.objects.filter(year=job.params.get("year"), quarter=job.params.get("quarter")).first()
    if period is None:
        raise JobFailed(RECAP_PERIOD_GONE)
    if job.user is None:
        reports, regions = Report.objects.all(), Region.objects.all()
    else:
        reports, regions = report_readable_list(job.user), region_readable_list(job.user)
        if not regions.exists():
            raise JobFailed(RECAP_NOT_ALLOWED)
    rows = 0

    def produce(output):
        nonlocal rows
        rows = excel_export.recap_write(
            period=period, reports=reports, regions=regions, output=output, progress=progress_callback(job)
        )

    name = result_save(job, produce)
    job_succeed(
        job,
        RECAP_DONE.format(rows=f"{rows:,}".replace(",", ".")),
        rows=rows,
        result=name,
        filename=f"rekap-capaian-spm-{period.year}-tw{period.quarter}.xlsx",
    )


def _run_import(job: Job) -> None:
    """The uploaded template, read and saved all or nothing by ``excel_import.report_import`` (which goes
    through the report services, so the window, the version check and the history apply as in the form)."""
    from reporting.selectors.access import can_edit_report
    from reporting.services import excel_import

    report = Report.objects.select_related("region", "urusan", "period").filter(pk=job.params.get("report")).first()
    if report is None or job.user is None or not can_edit_report(job.user, report):
        raise JobFailed(IMPORT_NOT_ALLOWED)
    with private_storage().open(job.upload, "rb") as handle:
        data = handle.read()
    job_progress(job, 0)
    try:
        result = excel_import.report_import(report=report, user=job.user, data=data)
    except excel_import.ExcelImportError as error:
        raise JobFailed(IMPORT_FAILED, errors=error.errors) from error
    job_succeed(job, result.summary, rows=result.figures)


def _run_reminders(job: Job) -> None:
    """The deadline reminders of one day (``params``: ``date`` ISO, ``days`` list), each sent at most once."""
    from reporting.models import ReminderRecord, ReminderStatus
    from reporting.services.reminders import reminders_send

    today = datetime.date.fromisoformat(job.params["date"]) if job.params.get("date") else timezone.localdate()
    day_list = sorted({int(d) for d in job.params.get("days", [])})
    job_progress(job, 0, len(day_list))
    record_ids = []
    for done, days in enumerate(day_list, start=1):
        record_ids += [r.record_id for r in reminders_send(today=today, days=days)]
        job_progress(job, done)
    failed = ReminderRecord.objects.filter(pk__in=record_ids, status=ReminderStatus.FAILED).count()
    job_succeed(job, REMINDERS_DONE.format(sent=len(record_ids) - failed, failed=failed), rows=len(day_list))


def _run_accounts(job: Job) -> None:
    """The pemda account distribution list (``params``: ``regions`` login codes, empty for all; ``reset``).

    The one-time passwords exist only in the result file: kept ``JOB_SECRET_RESULT_MINUTES`` at most and
    deleted on its first download (``job_result_open``). The file is stored, and the job marked done with
    its name, inside the transaction that changes the passwords: either the pemda have new passwords and
    the admin has their only copy, or nothing changed (the storage down, the worker killed before commit).
    """
    from reporting.selectors.access import can_issue_pemda_accounts
    from reporting.services.accounts import accounts_workbook, pemda_accounts_create

    if job.user is None or not can_issue_pemda_accounts(job.user):
        raise JobFailed(ACCOUNT_LIST_NOT_ALLOWED)
    regions = Region.objects.filter(is_active=True)
    if job.params.get("regions"):
        regions = regions.filter(login_code__in=job.params["regions"])

    def store(issued) -> None:
        if not issued:
            return
        try:
            name = result_save(job, lambda output: output.write(accounts_workbook(issued)))
        except Exception as error:  # noqa: BLE001 -- whatever broke, the transaction undoes every password
            logger.warning("job %s: the account list could not be stored: %r", job.pk, error)
            raise JobFailed(ACCOUNT_LIST_NOT_STORED) from error
        job_succeed(
            job,
            ACCOUNT_LIST_DONE.format(count=f"{len(issued):,}".replace(",", ".")),
            rows=len(issued),
            result=name,
            filename=f"akun-pemda-{timezone.localdate():%Y%m%d}.xlsx",
            expires_in=datetime.timedelta(minutes=settings.JOB_SECRET_RESULT_MINUTES),
        )

    issued = pemda_accounts_create(
        regions=regions, reset_existing=bool(job.params.get("reset")), progress=progress_callback(job), store=store
    )
    if not issued:
        job_succeed(job, ACCOUNT_LIST_NONE, rows=0)


def _run_annual_pdf(job: Job) -> None:
    """A pemda's laporan penerapan SPM tahunan (``selectors.printouts``), a few seconds of layout for a year's
    reports, as the asking user may read them now."""
    from reporting.selectors import printouts
    from reporting.services import pdf

    region = printouts.annual_region_for_job(user=job.user, region_id=job.params.get("region"))
    if region is None:
        raise JobFailed(ANNUAL_PDF_NOT_ALLOWED)
    year = int(job.params.get("year"))
    printout = printouts.annual_printout_get(user=job.user, region=region, year=year)
    try:
        data, pages = pdf.pdf_render_pages(template="reporting/pdf/annual.html", context=printout.__dict__)
    except pdf.PdfUnavailableError as error:
        raise JobFailed(str(error)) from error
    name = result_save(job, lambda output: output.write(data), suffix=".pdf")
    job_succeed(
        job,
        ANNUAL_PDF_DONE.format(region=region.display_name, year=year, pages=pages),
        result=name,
        filename=f"laporan-penerapan-spm-{region.login_code}-{year}.pdf",
    )


RUNNERS: dict[str, Callable[[Job], None]] = {
    JobKind.ACCOUNTS: _run_accounts,
    JobKind.RECAP: _run_recap,
    JobKind.IMPORT: _run_import,
    JobKind.REMINDERS: _run_reminders,
    JobKind.ANNUAL_PDF: _run_annual_pdf,
}
