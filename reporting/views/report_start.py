"""Opening a quarter from Daftar bidang: a GET reads and creates nothing; "Isi" (a POST) creates the empty
report of an open quarter. A closed quarter says why instead of leaving an empty read-only report behind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from reporting.messages import QUARTER_NO_REPORT, REPORT_START_CLOSED
from reporting.models import Period, Region, Urusan
from reporting.selectors import access
from reporting.selectors import reports as selectors
from reporting.services import reports as services


@login_required
@require_http_methods(["GET", "POST"])
def report_open(request, login_code, urusan_id, year, quarter):
    """The report of a pemda, urusan and quarter: its tab A when it exists; else, for whoever fills it, a
    page that says whether the quarter is open, and on POST (open quarter only) the new empty report."""
    region = get_object_or_404(Region, login_code=login_code, is_active=True)
    urusan = get_object_or_404(Urusan, pk=urusan_id)
    period = get_object_or_404(Period, year=year, quarter=quarter)
    report = selectors.report_find(region=region, urusan=urusan, period=period)
    if report is not None and selectors.report_get(user=request.user, pk=report.pk) is not None:
        return redirect("reporting:report_capaian", pk=report.pk)
    if not access.can_edit_region_urusan(request.user, region, urusan.pk):
        raise Http404
    window = selectors.period_window_for(region, period)
    if request.method == "POST" and window.is_open():
        report = services.report_get_or_create(region=region, urusan=urusan, period=period)
        return redirect("reporting:report_capaian", pk=report.pk)
    if request.method == "POST":
        messages.error(request, REPORT_START_CLOSED)
    cell = selectors.StatusCell(period=period, report=None, status=selectors.STATUS_EMPTY, window=window)
    context = {
        "region": region,
        "urusan": urusan,
        "period": period,
        "window": window,
        "cell": cell,
        "no_report_text": QUARTER_NO_REPORT,
    }
    return render(request, "reporting/report/start.html", context, status=400 if request.method == "POST" else 200)
