"""Background job pages: progress (HTML that refreshes itself, and JSON for the progress script), the result."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from reporting import calculations
from reporting.jobs.queue import JobRefused, job_start
from reporting.jobs.results import job_result_open
from reporting.messages import JOB_RESULT_GONE
from reporting.models import Job, JobStatus, Quarter
from reporting.selectors.access import job_readable_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ZIP = "application/zip"
# The page without script reloads itself this often until the job is finished.
REFRESH_SECONDS = 3


def job_start_response(request, *, kind: str, params: dict, upload: bytes | None = None) -> HttpResponse:
    """Start a job for the user and go to its page (the same request still waiting: that job's page), or the
    Indonesian 429 page saying why not and listing the user's jobs still waiting or running."""
    try:
        job = job_start(kind=kind, user=request.user, params=params, upload=upload)
    except JobRefused as refusal:
        context = {"message": refusal.message, "live": refusal.live}
        response = render(request, "reporting/jobs/refused.html", context, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    return redirect("reporting:job_detail", pk=job.pk)


def _job_or_404(user, pk: int) -> Job:
    return get_object_or_404(job_readable_list(user).select_related("user"), pk=pk)


def progress_label(job: Job) -> str:
    """ "1.000 dari 13.848 baris (7 %)"; the same sentence on the page and in the JSON the script reads."""
    if job.status == JobStatus.QUEUED:
        return "Menunggu giliran di antrean." if not job.attempts else "Menunggu giliran untuk diulang."
    if job.rows_total is None:
        return f"{calculations.format_number(job.rows_done)} baris"
    done, total = calculations.format_number(job.rows_done), calculations.format_number(job.rows_total)
    return f"{done} dari {total} baris ({job.percent} %)"


def job_state(job: Job) -> dict:
    """What the progress bar shows, for the page and for the JSON endpoint alike."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "label": progress_label(job),
        "finished": job.finished,
        "message": job.message,
        "download_url": reverse("reporting:job_download", args=[job.pk]) if job.result else None,
    }


def job_period_label(job: Job) -> str:
    """The period a job is about, written as every other page writes it: "TW IV 2026", or "tahun 2026"."""
    year, quarter = job.params.get("year"), job.params.get("quarter")
    if not year:
        return ""
    if quarter in Quarter.values:
        return f"{Quarter(quarter).label} {year}"
    return f"tahun {year}"


@login_required
@require_safe
def job_detail(request, pk: int):
    job = _job_or_404(request.user, pk)
    context = {
        "job": job,
        "period_label": job_period_label(job),
        "state": job_state(job),
        "refresh_seconds": REFRESH_SECONDS,
        "result_gone": JOB_RESULT_GONE,
    }
    return render(request, "reporting/jobs/detail.html", context)


@login_required
@require_safe
def job_status(request, pk: int):
    job = _job_or_404(request.user, pk)
    response = JsonResponse(job_state(job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def job_download(request, pk: int):
    """The result file; the account list (one-time passwords) only once, then it is deleted."""
    job = _job_or_404(request.user, pk)
    handle = job_result_open(job)
    if handle is None:
        if not job.finished:
            raise Http404
        return redirect("reporting:job_detail", pk=job.pk)
    filename = job.result_filename or "hasil.xlsx"
    content_type = {".pdf": PDF, ".zip": ZIP}.get(filename[filename.rfind(".") :], XLSX)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
