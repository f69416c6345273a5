"""Cetak PDF: a quarterly report and a pemda's laporan penerapan SPM tahunan, as the report pages show them.

Thin: the selectors gather (and scope) the figures, ``services.printouts`` and ``services.pdf`` lay them out,
always in a background job (``reporting.jobs``): layout can take seconds, and a web worker must never wait
for it (issue 24.1). A quarterly report already printed in the same content is served at once from the
storage; otherwise Cetak PDF queues its job and the job page says "Sedang disiapkan", refreshes itself and
then downloads the file.
"""

import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reporting.models import JobKind
from reporting.selectors import printouts
from reporting.services import pdf
from reporting.services import printouts as printout_services
from reporting.views.jobs import job_start_response

REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")
TOO_MANY_REQUESTS = 429


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_pdf(request, pk: int):
    """The quarterly report of one urusan (tabs A, B and C with the signature block).

    GET: the stored printout of what the reader sees now, at once; when there is none yet, a page with the
    Cetak PDF button. POST (the button on every report page): the stored printout when there is one, else
    the job that makes it (its page shows the progress, then the download).
    """
    printout = printouts.quarterly_printout_get(user=request.user, pk=pk)
    if printout is None:
        raise Http404
    handle = printout_services.report_pdf_cached_open(printout)
    if handle is not None:
        if request.method == "POST":
            handle.close()
            return redirect("reporting:report_pdf", pk=pk)
        return _pdf_response(handle, printout_services.report_pdf_filename(printout))
    context = {"printout": printout, "report": printout.report}
    if request.method != "POST":
        return render(request, "reporting/jobs/report_pdf_start.html", context)
    waiting = printout_services.report_pdf_waiting(user=request.user, printout=printout)
    if waiting is not None:  # the same printout asked again: its job
        return redirect("reporting:job_detail", pk=waiting.pk)
    try:
        printout_services.pdf_jobs_check(request.user)
    except printout_services.PdfBusyError as error:
        context["busy"] = error.message
        return render(request, "reporting/jobs/report_pdf_start.html", context, status=TOO_MANY_REQUESTS)
    params = printout_services.report_pdf_params(printout)
    return job_start_response(request, kind=JobKind.REPORT_PDF, params=params)


@login_required
def annual_pdf(request, year: int):
    """Laporan penerapan SPM tahunan of the user's pemda, or ``?wilayah=<kode>`` of a region it may read.

    A year of reports takes a few seconds of layout: GET shows what will be printed, POST starts the job
    whose page shows its progress and then the download (within the user's limit of printouts at once).
    """
    code = request.GET.get("wilayah", "")
    if (code and not REGION_CODE.fullmatch(code)) or not 2000 <= year <= 2100:
        raise Http404
    region = printouts.annual_region_get(user=request.user, code=code or None)
    if region is None:
        raise Http404
    context = {"region": region, "year": year, "code": code}
    if request.method != "POST":
        return render(request, "reporting/jobs/annual_pdf_start.html", context)
    try:
        printout_services.pdf_jobs_check(request.user)
    except printout_services.PdfBusyError as error:
        context["busy"] = error.message
        return render(request, "reporting/jobs/annual_pdf_start.html", context, status=TOO_MANY_REQUESTS)
    return job_start_response(request, kind=JobKind.ANNUAL_PDF, params={"region": region.pk, "year": year})


def _pdf_response(handle, filename: str) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=pdf.PDF_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
