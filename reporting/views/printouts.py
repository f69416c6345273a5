"""Cetak PDF: a quarterly report and a pemda's laporan penerapan SPM tahunan, as the report pages show them.

Thin: the selectors gather (and scope) the figures, ``services.pdf`` lays them out. One quarterly report
renders in about 0,3 s and is made in the request; a pemda's year takes 2-3 s of layout (6 urusan x 4
quarters) and is made by a background job (``services.jobs``), like the recap.
"""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reporting.models import JobKind
from reporting.selectors import printouts
from reporting.services import pdf
from reporting.views.jobs import job_start_response

REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


@login_required
@require_safe
def report_pdf(request, pk: int):
    """The quarterly report of one urusan: tabs A, B and C with the signature block."""
    printout = printouts.quarterly_printout_get(user=request.user, pk=pk)
    if printout is None:
        raise Http404
    report = printout.report
    context = {**printout.__dict__, "region": report.region}
    period = report.period
    name = f"laporan-spm-{report.region.login_code}-{report.urusan.code}-{period.year}-tw{period.quarter}.pdf"
    return _pdf_or_503("reporting/pdf/quarterly.html", context, name)


@login_required
def annual_pdf(request, year: int):
    """Laporan penerapan SPM tahunan of the user's pemda, or ``?wilayah=<kode>`` of a region it may read.

    A year of reports takes a few seconds of layout: GET shows what will be printed, POST starts the job
    whose page shows its progress and then the download.
    """
    code = request.GET.get("wilayah", "")
    if (code and not REGION_CODE.fullmatch(code)) or not 2000 <= year <= 2100:
        raise Http404
    region = printouts.annual_region_get(user=request.user, code=code or None)
    if region is None:
        raise Http404
    if request.method != "POST":
        return render(request, "reporting/jobs/annual_pdf_start.html", {"region": region, "year": year, "code": code})
    return job_start_response(request, kind=JobKind.ANNUAL_PDF, params={"region": region.pk, "year": year})


def _pdf_or_503(template: str, context: dict, filename: str) -> HttpResponse:
    """The PDF inline; a host without WeasyPrint's system libraries answers 503 with the reason in Indonesian."""
    try:
        data = pdf.pdf_render(template=template, context=context)
    except pdf.PdfUnavailableError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=pdf.PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
