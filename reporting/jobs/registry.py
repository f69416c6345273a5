"""The runner of each kind of job (``RUNNERS``): it reads ``job.params``, does the work through the services
and ends with ``leases.job_succeed`` or ``leases.JobFailed``. Called by ``runner.job_execute`` only."""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from reporting.accounts.services.accounts import accounts_workbook, pemda_accounts_create
from reporting.jobs.leases import JobFailed, job_commit_mark, job_progress, job_succeed, progress_callback
from reporting.jobs.results import private_storage, result_save
from reporting.messages import (
    ACCOUNT_LIST_DONE,
    ACCOUNT_LIST_NONE,
    ACCOUNT_LIST_NOT_ALLOWED,
    ACCOUNT_LIST_NOT_STORED,
    ANNUAL_PDF_DONE,
    ANNUAL_PDF_NOT_ALLOWED,
    IMPORT_FAILED,
    IMPORT_NOT_ALLOWED,
    RECAP_DONE,
    RECAP_NOT_ALLOWED,
    RECAP_PERIOD_GONE,
    REMINDERS_DONE,
)
from reporting.models import Job, JobKind, Period, Region, ReminderRecord, ReminderStatus, Report
from reporting.selectors import printouts
from reporting.selectors.access import (
    can_edit_report,
    can_issue_pemda_accounts,
    region_readable_list,
    report_readable_list,
)
from reporting.services import excel_export, excel_import, pdf
from reporting.services.evaluation import evaluation_zip_run
from reporting.services.printouts import report_pdf_run
from reporting.services.reminders import reminders_resend_expired, reminders_send

logger = logging.getLogger(__name__)


def _run_recap(job: Job) -> None:
    period = Period.objects.filter(year=job.params.get("year"), quarter=job.params.get("quarter")).first()
    if period is None:
        raise JobFailed(RECAP_PERIOD_GONE)
    reports: QuerySet[Report]
    regions: QuerySet[Region]
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
    report = Report.objects.select_related("region", "urusan", "period").filter(pk=job.params.get("report")).first()
    if report is None or job.user is None or not can_edit_report(job.user, report):
        raise JobFailed(IMPORT_NOT_ALLOWED)
    with private_storage().open(job.upload, "rb") as handle:
        data = handle.read()
    job_progress(job, 0)
    # The import and the job's "done" commit together: a worker killed at any point leaves either both (the
    # page shows the summary) or neither (jobs_recover: nothing changed), never a saved import shown as running.
    try:
        with transaction.atomic():
            result = excel_import.report_import(report=report, user=job.user, data=data)
            job_commit_mark(job)
            job_succeed(job, result.summary, rows=result.figures)
    except excel_import.ExcelImportError as error:
        raise JobFailed(IMPORT_FAILED, errors=error.errors) from error


def _run_reminders(job: Job) -> None:
    """The deadline reminders of one day (``params``: ``date`` ISO, ``days`` list), each sent at most once."""
    today = datetime.date.fromisoformat(job.params["date"]) if job.params.get("date") else timezone.localdate()
    day_list = sorted({int(d) for d in job.params.get("days", [])})
    job_progress(job, 0, len(day_list))
    # First the reminders whose sender stopped mid-run (their claim expired), then the day's own.
    record_ids = [r.record_id for r in reminders_resend_expired()]
    for done, days in enumerate(day_list, start=1):
        record_ids += [r.record_id for r in reminders_send(today=today, days=days)]
        job_progress(job, done)
    failed = ReminderRecord.objects.filter(pk__in=record_ids, status=ReminderStatus.FAILED).count()
    job_succeed(job, REMINDERS_DONE.format(sent=len(record_ids) - failed, failed=failed), rows=len(day_list))


def _run_accounts(job: Job) -> None:
    """The pemda account distribution list (``params``: ``regions`` login codes, empty for all; ``reset``).

    The one-time passwords exist only in the result file: kept ``JOB_SECRET_RESULT_MINUTES`` at most and
    deleted on its first download (``results.job_result_open``). The file is stored, and the job marked done
    with its name, inside the transaction that changes the passwords: either the pemda have new passwords and
    the admin has their only copy, or nothing changed (the storage down, the worker killed before commit).
    """
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
    region = printouts.annual_region_for_job(user=job.user, region_id=job.params.get("region"))
    if region is None or job.user is None:
        raise JobFailed(ANNUAL_PDF_NOT_ALLOWED)
    year = int(job.params.get("year"))
    printout = printouts.annual_printout_get(user=job.user, region=region, year=year)
    try:
        data, pages = pdf.pdf_render_pages(template="reporting/pdf/annual.html", context=printout.__dict__)
    except (pdf.PdfUnavailableError, pdf.PdfTooLargeError) as error:
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
    # Cetak PDF of one quarterly report, and the Evaluasi capaian zip of every pemda of a quarter: their
    # services hold the whole job.
    JobKind.REPORT_PDF: report_pdf_run,
    JobKind.EVALUATION: evaluation_zip_run,
}
