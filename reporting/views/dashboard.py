"""The landing page after login: a pemda's year, a province's kab/kota, the ministry's national view."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from forum.forum_abuse.selectors import can_moderate, report_queue_list
from reporting import charts
from reporting.selectors import access
from reporting.selectors.access import can_edit_region_urusan, own_region
from reporting.selectors.monitoring.common import year_list
from reporting.selectors.monitoring.dashboard import dashboard_get
from reporting.selectors.monitoring.trends import region_year_trend_get, trend_years
from reporting.views.monitoring import chart, int_param, national_context, province_context, report_url, year_from

URUSAN_SERIES = ["Indeks capaian", "Serapan"]
# The documents page (SK Tim, tahapan, rencana aksi) of the reporting work.


def warnings_url(row, sends: bool) -> str:
    """Where the open warnings of a row's report are confirmed: the Kirim page for the pemda that sends it,
    else the warnings section of the report (an operator reads them there)."""
    if sends:
        return reverse("reporting:report_submit", kwargs={"pk": row.report["id"]})
    return f"{row.url}#pemeriksaan-data"


MODERATOR_QUEUE_SHOWN = 10


def moderator_panel(user) -> dict:
    """A forum moderator's dashboard: the abuse reports waiting for a decision (the newest notices lead here)."""
    if not can_moderate(user):
        return {}
    queue = list(report_queue_list()[:MODERATOR_QUEUE_SHOWN])
    return {"abuse_queue": queue, "abuse_queue_more": len(queue) == MODERATOR_QUEUE_SHOWN, "is_moderator": True}


@login_required
def dashboard(request):
    user = request.user
    if access.can_read_national_monitoring(user):
        return render(request, "reporting/monitoring/national.html", national_context(request, user))
    region = own_region(user)
    if region is None:
        return render(request, "reporting/dashboard.html", {"no_region": True, **moderator_panel(user)})
    years = year_list()
    year = year_from(request, years)
    data = dashboard_get(user=user, region=region, year=year, quarter=int_param(request, "triwulan"))
    urusan_rows = chart(data.rows, lambda r: r.urusan.short_name, lambda r: r.value("indeks"), lambda r: r.serapan)
    year_trend = region_year_trend_get(user=user, region=region, years=trend_years(years, year))
    sends = access.can_submit_for_region(user, region.pk)
    for row in data.rows:
        row.url = report_url(row.report["id"]) if row.report else None
        row.editable = bool(row.report) and can_edit_region_urusan(user, region, row.urusan.pk)
        row.warnings_url = warnings_url(row, sends) if row.open_warnings else None
    context = {
        "data": data,
        "year": year,
        "years": years,
        "periods": data.periods,
        "period": data.period,
        "sk_tim_url": reverse("reporting:documents_own"),
        "urusan_chart": urusan_rows,
        "urusan_bars": charts.bar_chart(urusan_rows, URUSAN_SERIES),
        "trend_bars": charts.bar_chart(
            chart(data.trend, lambda t: t.period.get_quarter_display(), lambda t: t.indeks, lambda t: t.serapan),
            URUSAN_SERIES,
        ),
        "year_bars": charts.bar_chart(
            chart(data.year_rows, lambda r: r.urusan.short_name, lambda r: r.value("indeks")), ["Indeks capaian"]
        ),
        "year_trend": year_trend,
        "year_trend_bars": charts.bar_chart(
            chart(year_trend, lambda t: str(t.year), lambda t: t.indeks, lambda t: t.serapan), URUSAN_SERIES
        ),
    }
    if access.is_province_pemda(user):
        context.update(province_context(request, user, region, data.period))
    return render(request, "reporting/dashboard.html", context)
