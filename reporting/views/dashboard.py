"""The landing page after login: a pemda's year, a province's kab/kota, the ministry's national view."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from reporting import charts
from reporting.models import RegionLevel, Role
from reporting.selectors import monitoring
from reporting.selectors.access import can_edit_region_urusan, own_region
from reporting.views.monitoring import chart, int_param, national_context, province_context, report_url, year_from

URUSAN_SERIES = ["Indeks capaian", "Serapan"]
# The documents page (SK Tim, tahapan, rencana aksi) of the reporting work.
SK_TIM_URL_NAME = "reporting:documents_own"


def _optional_url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@login_required
def dashboard(request):
    user = request.user
    if user.is_ministry:
        return render(request, "reporting/monitoring/national.html", national_context(request, user))
    region = own_region(user)
    if region is None:
        return render(request, "reporting/dashboard.html", {"no_region": True})
    years = monitoring.year_list()
    year = year_from(request, years)
    data = monitoring.dashboard_get(user=user, region=region, year=year, quarter=int_param(request, "triwulan"))
    urusan_rows = chart(data.rows, lambda r: r.urusan.short_name, lambda r: r.value("indeks"), lambda r: r.serapan)
    year_trend = monitoring.region_year_trend_get(user=user, region=region, years=monitoring.trend_years(years, year))
    for row in data.rows:
        row.url = report_url(row.report["id"]) if row.report else None
        row.editable = bool(row.report) and can_edit_region_urusan(user, region, row.urusan.pk)
    context = {
        "data": data,
        "year": year,
        "years": years,
        "periods": data.periods,
        "period": data.period,
        "sk_tim_url": _optional_url(SK_TIM_URL_NAME),
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
    if region.level == RegionLevel.PROVINSI and user.role == Role.PEMDA:
        context.update(province_context(request, user, region, data.period))
    return render(request, "reporting/dashboard.html", context)
