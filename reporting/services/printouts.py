"""Cetak PDF of a quarterly report, never inside a web request (issue 24.1).

A printout is made by a background job (``JobKind.REPORT_PDF``, run by ``reporting.jobs``) and kept in the
private storage (object storage in production, shared by every host) under a name derived from what it
shows: the report, the version the reader sees (the live version for its pemda, the last sent version for
everybody else, ``selectors.printouts``), its status, the signature block and the day it is dated. So a
second Cetak PDF of the same version the same day is served at once from the storage, whoever asks, and
needs no job; a new save, a new signature or a new day makes a new name. The copies go when the jobs that
made them expire (``JOB_RESULT_DAYS``, ``reporting.jobs.results.job_results_prune``).

A user has at most ``PDF_JOBS_PER_USER`` printouts (quarterly and annual) waiting or being laid out at
once; asking again for the same printout while its job waits gives that job back. The layout itself is
bounded in pages (``services.pdf``).
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from home.emblem import emblem_embedded_get
from reporting.jobs.leases import JobFailed, job_progress, job_succeed
from reporting.jobs.results import private_storage
from reporting.messages import PDF_JOBS_BUSY, REPORT_PDF_DONE, REPORT_PDF_NOT_ALLOWED
from reporting.models import Job, JobKind, JobStatus, User
from reporting.selectors import printouts as printout_selectors
from reporting.services import pdf

logger = logging.getLogger(__name__)

QUARTERLY_TEMPLATE = "reporting/pdf/quarterly.html"
CACHE_DIR = "pdf-laporan"
# Raised when the printout's markup changes, so a deploy never serves copies laid out by the old templates.
MARKUP = 3
PDF_KINDS = (JobKind.REPORT_PDF, JobKind.ANNUAL_PDF)
# A job waiting or running longer than this no longer counts against its user's limit (a worker that died
# must not lock a user out of printing).
STALE_AFTER = datetime.timedelta(minutes=30)


class PdfBusyError(Exception):
    """The user already waits for as many printouts as allowed; ``message`` says so in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def report_pdf_name(printout: printout_selectors.QuarterlyPrintout) -> str:
    """Where the printout of exactly this content is kept in the private storage."""
    report, signature = printout.report, printout.signature
    parts = (
        MARKUP,
        report.pk,
        report.created_at.isoformat(),  # a report id used again (a restored database) never meets old copies
        printout.variant,
        report.status,
        printout.status_label,
        report.region.display_name,
        signature.place,
        signature.date_text,
        signature.title,
        signature.name,
        signature.nip,
        emblem_embedded_get().version,  # a new logo in Pengaturan portal prints anew
    )
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"{CACHE_DIR}/{report.pk}/{digest}.pdf"


def report_pdf_filename(printout: printout_selectors.QuarterlyPrintout) -> str:
    report = printout.report
    period = report.period
    return f"laporan-spm-{report.region.login_code}-{report.urusan.code}-{period.year}-tw{period.quarter}.pdf"


def report_pdf_cached_open(printout: printout_selectors.QuarterlyPrintout):
    """The stored printout of this content as an open binary file, or ``None`` when it is not made yet."""
    storage = private_storage()
    name = report_pdf_name(printout)
    try:
        return storage.open(name, "rb") if storage.exists(name) else None
    except FileNotFoundError:  # pruned between the two calls
        return None
    except Exception:  # the bucket unreachable: print through the job (which says why it failed), never a 500
        logger.warning("stored printout %s unreadable", name, exc_info=True)
        return None


def pdf_jobs_waiting(user: User) -> int:
    """The user's printouts (quarterly and annual) waiting or being laid out now."""
    return Job.objects.filter(
        user=user,
        kind__in=PDF_KINDS,
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
        created_at__gte=timezone.now() - STALE_AFTER,
    ).count()


def pdf_jobs_check(user: User) -> None:
    """Raise ``PdfBusyError`` when ``user`` may not start one more printout now."""
    waiting, limit = pdf_jobs_waiting(user), settings.PDF_JOBS_PER_USER
    if waiting >= limit:
        raise PdfBusyError(PDF_JOBS_BUSY.format(count=waiting, limit=limit))


def report_pdf_waiting(*, user: User, printout: printout_selectors.QuarterlyPrintout) -> Job | None:
    """The user's job already waiting for (or laying out) this very printout, if any."""
    return (
        Job.objects.filter(
            user=user,
            kind=JobKind.REPORT_PDF,
            status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
            created_at__gte=timezone.now() - STALE_AFTER,
        )
        .filter(params__name=report_pdf_name(printout))
        .first()
    )


def report_pdf_params(printout: printout_selectors.QuarterlyPrintout) -> dict:
    """What the job of this printout is started with (``reporting.jobs.queue.job_start``; the same params, the same request)."""
    return {"report": printout.report.pk, "name": report_pdf_name(printout)}


def report_pdf_run(job: Job) -> None:
    """The job: lay out the report as its user may read it now and keep it under its content's name."""
    printout = None
    if job.user is not None and isinstance(job.params.get("report"), int):
        printout = printout_selectors.quarterly_printout_get(user=job.user, pk=job.params["report"])
    if printout is None:
        raise JobFailed(REPORT_PDF_NOT_ALLOWED)
    name = report_pdf_name(printout)  # the content may have moved on since the job was queued
    storage = private_storage()
    job_progress(job, 0, 1)
    try:
        data, pages = pdf.pdf_render_pages(template=QUARTERLY_TEMPLATE, context=printout_context(printout))
    except (pdf.PdfUnavailableError, pdf.PdfTooLargeError) as error:
        raise JobFailed(str(error)) from error
    if storage.exists(name):  # another reader's job kept the same content meanwhile
        storage.delete(name)
    stored = storage.save(name, ContentFile(data))
    report = printout.report
    job_succeed(
        job,
        REPORT_PDF_DONE.format(
            region=report.region.display_name, urusan=report.urusan.name, period=report.period, pages=pages
        ),
        rows=1,
        result=stored,
        filename=report_pdf_filename(printout),
    )


def printout_context(printout: printout_selectors.QuarterlyPrintout) -> dict:
    return {**printout.__dict__, "region": printout.report.region}
