"""Excel downloads and the upload of a filled-in report template."""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from reporting.models import JobKind, Period
from reporting.selectors.access import (
    can_edit_report,
    can_start_recap,
    own_region,
    region_readable_list,
    report_readable_list,
)
from reporting.services import excel_export, excel_import
from reporting.views.jobs import job_start_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(workbook, filename: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


def _report_or_404(user, pk: int):
    return get_object_or_404(excel_export.report_queryset(report_readable_list(user)), pk=pk)


@login_required
def report_export(request, pk: int):
    """One report as the seed's tables (also usable as an import template by its editors)."""
    report = _report_or_404(request.user, pk)
    name = f"laporan-spm-{report.region.login_code}-{report.urusan.code}-{report.period.year}-tw{report.period.quarter}.xlsx"
    return _xlsx_response(excel_export.report_workbook(report), name)


@login_required
def report_template(request, pk: int):
    """The import template: the report's rows with their current figures and blank activity rows."""
    report = _report_or_404(request.user, pk)
    if not can_edit_report(request.user, report):
        raise Http404
    name = f"templat-spm-{report.region.login_code}-{report.urusan.code}-{report.period.year}-tw{report.period.quarter}.xlsx"
    return _xlsx_response(excel_export.report_workbook(report, template=True), name)


REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


@login_required
def year_export(request, year: int):
    """A pemda's whole year, one sheet per urusan and quarter; ?wilayah=<kode> for a readable region."""
    code = request.GET.get("wilayah", "")
    if code and not REGION_CODE.fullmatch(code):
        raise Http404
    region = region_readable_list(request.user).filter(code=code).first() if code else own_region(request.user)
    if region is None:
        raise Http404
    reports = report_readable_list(request.user).filter(region=region, period__year=year)
    return _xlsx_response(excel_export.year_workbook(reports), f"capaian-spm-{region.login_code}-{year}.xlsx")


@login_required
def recap_export(request, year: int, quarter: int):
    """Every pemda and service of a period within the user's scope, made by a background job (POST starts it)."""
    period = get_object_or_404(Period, year=year, quarter=quarter)
    if not can_start_recap(request.user):
        raise Http404
    if request.method != "POST":
        return render(request, "reporting/jobs/recap_start.html", {"period": period})
    return job_start_response(request, kind=JobKind.RECAP, params={"year": year, "quarter": quarter})


@login_required
def report_import(request, pk: int):
    """Upload a filled-in template: the file's container is checked here, then a background job reads every
    cell and saves all or nothing; its page lists every error (sheet, row, column) or the summary."""
    report = _report_or_404(request.user, pk)
    if not can_edit_report(request.user, report):
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        uploaded = request.FILES.get("berkas")
        limit = settings.REPORT_UPLOAD_MAX_BYTES
        data = uploaded.read(limit + 1) if uploaded else b""
        try:
            excel_import.upload_check(data)
        except excel_import.ExcelImportError as error:
            errors = error.errors
        else:
            return job_start_response(request, kind=JobKind.IMPORT, params={"report": report.pk}, upload=data)
    context = {"report": report, "errors": errors, "max_mb": settings.REPORT_UPLOAD_MAX_BYTES // (1024 * 1024)}
    return render(request, "reporting/monitoring/import.html", context, status=400 if errors else 200)
