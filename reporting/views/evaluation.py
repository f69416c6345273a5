"""Evaluasi capaian per pemda: the page, its PDF, and the ministry's zip of every pemda of a quarter.

Thin: ``?wilayah=<kode>&tahun=&triwulan=`` are parsed here, the selector gathers (scoped by
``access.evaluation_region_list``), ``services.evaluation`` lays out the PDF and runs the bulk job.
"""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from reporting.jobs.queue import job_start
from reporting.messages import EVALUATION_NO_PERIOD
from reporting.models import JobKind, Quarter
from reporting.selectors import access
from reporting.selectors import evaluation as evaluation_selectors
from reporting.services import evaluation as evaluation_services
from reporting.services import pdf
from reporting.views.monitoring import period_from

REGION_CODE = re.compile(r"[0-9]{2}(\.?[0-9]{2})?")


def _evaluation_or_404(request):
    code = request.GET.get("wilayah", "")
    if code and not REGION_CODE.fullmatch(code):
        raise Http404
    region = evaluation_selectors.evaluation_region_get(user=request.user, code=code or None)
    if region is None:
        raise Http404
    years, year, periods, period = period_from(request)
    evaluation = None
    if period is not None:
        evaluation = evaluation_selectors.evaluation_get(user=request.user, region=region, period=period)
    return evaluation, {
        "region": region,
        "code": code,
        "years": years,
        "year": year,
        "periods": periods,
        "period": period,
    }


@login_required
@require_safe
def evaluation_page(request):
    """One pemda's evaluation of a quarter (its own without ``wilayah``)."""
    evaluation, context = _evaluation_or_404(request)
    if evaluation is not None:
        context.update(evaluation_services.evaluation_context(evaluation))
    context["keep"] = [("wilayah", context["code"])] if context["code"] else []
    context["no_period"] = EVALUATION_NO_PERIOD
    context["can_evaluate_all"] = access.can_evaluate_all(request.user)
    if access.is_province_pemda(request.user):  # its own region and its kab/kota: a short list to pick from
        context["region_choices"] = list(access.evaluation_region_list(request.user).order_by("code"))
    return render(request, "reporting/evaluation/page.html", context)


@login_required
@require_safe
def evaluation_pdf(request):
    evaluation, _context = _evaluation_or_404(request)
    if evaluation is None:
        raise Http404
    try:
        data = evaluation_services.evaluation_pdf(evaluation=evaluation)
    except pdf.PdfUnavailableError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=pdf.PDF_CONTENT_TYPE)
    filename = evaluation_services.evaluation_filename(evaluation.region, evaluation.period)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evaluation_all(request):
    """The ministry's evaluation of every pemda of a quarter: GET says what will be made, POST starts the job."""
    if not access.can_evaluate_all(request.user):
        raise PermissionDenied
    years, year, periods, period = period_from(request)
    if request.method != "POST" or period is None:
        context = {"years": years, "year": year, "periods": periods, "period": period, "keep": []}
        context["period_label"] = f"{Quarter(period.quarter).label} {period.year}" if period else ""
        context["no_period"] = EVALUATION_NO_PERIOD
        return render(request, "reporting/evaluation/all_start.html", context)
    job = job_start(
        kind=JobKind.EVALUATION, user=request.user, params={"year": period.year, "quarter": period.quarter}
    )
    return redirect("reporting:job_detail", pk=job.pk)
