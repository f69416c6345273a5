"""Province and national monitoring pages. Thin: parse the query, call a selector, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reporting import charts, tilemap
from reporting.models import Period, Region, RegionLevel
from reporting.selectors import monitoring
from reporting.selectors.access import own_region, region_readable_list
from reporting.selectors.reports import category_thresholds

# The report page of the reporting work; a cell links to it once that route exists.
REPORT_URL_NAME = "reporting:report_detail"
NOT_REPORTED_PER_PAGE = 100


def int_param(request, name: str) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def year_from(request, years: list[int]) -> int:
    """The requested fiscal year when it exists, else this year or the newest one."""
    year = int_param(request, "tahun")
    if year in years:
        return year
    this_year = timezone.localdate().year
    return this_year if this_year in years or not years else years[0]


def period_from(request) -> tuple[list[int], int, list[Period], Period | None]:
    years = monitoring.year_list()
    year = year_from(request, years)
    periods = monitoring.period_list(year=year)
    return years, year, periods, monitoring.period_pick(periods, int_param(request, "triwulan"))


def report_url(report_id: int) -> str | None:
    try:
        return reverse(REPORT_URL_NAME, args=[report_id])
    except NoReverseMatch:
        return None


def chart(items, label, *values):
    """Rows for the charts and the tables beside them: a label and the series' values."""
    return [{"label": label(item), "values": [value(item) for value in values]} for item in items]


YEAR_SERIES = ["Tingkat pelaporan", "Rata-rata indeks capaian"]


def year_trend_context(user, years: list[int], year: int, province: Region | None = None, per_quarter=None) -> dict:
    """The five-year trend: reporting rate and mean indeks per year, nationally or of a province's kab/kota."""
    trend = monitoring.year_trend_get(
        user=user, years=monitoring.trend_years(years, year), province=province, per_quarter=per_quarter
    )
    rows = chart(trend, lambda t: str(t.year), lambda t: t.reporting_rate, lambda t: t.indeks)
    return {"year_trend": trend, "year_trend_bars": charts.bar_chart(rows, YEAR_SERIES)}


def province_context(request, user, province: Region, period: Period | None) -> dict:
    sort = request.GET.get("urut", "kode")
    sort = sort if sort in monitoring.SORT_KEYS else "kode"
    descending = request.GET.get("arah") == "turun"
    rows = []
    if period is not None:
        rows = monitoring.province_monitoring_get(
            user=user, province=province, period=period, sort=sort, descending=descending
        )
        for row in rows:
            for cell in row.cells:
                cell.url = report_url(cell.report["id"]) if cell.report else None
    return {
        "province": province,
        "monitoring_rows": rows,
        "sort": sort,
        "descending": descending,
        "sort_columns": [
            ("kode", "Kode"),
            ("nama", "Kab/kota"),
            ("dikirim", "Dikirim"),
            ("tepat", "Tepat waktu"),
            ("isian", "Pengisian"),
            ("capaian", "Capaian"),
        ],
    }


@login_required
def province_monitoring(request, code: str | None = None):
    """A province's kab/kota against the urusan; the province itself or the ministry."""
    user = request.user
    if code is None:
        province = own_region(user)
        if province is None or province.level != RegionLevel.PROVINSI:
            raise Http404
    else:
        province = region_readable_list(user).filter(code=code, level=RegionLevel.PROVINSI).first()
        if province is None:
            raise Http404
    if not region_readable_list(user).filter(pk=province.pk).exists():
        raise Http404
    years, year, periods, period = period_from(request)
    context = {"years": years, "year": year, "periods": periods, "period": period}
    context.update(province_context(request, user, province, period))
    context.update(year_trend_context(user, years, year, province))
    return render(request, "reporting/monitoring/province.html", context)


def national_context(request, user) -> dict:
    years, year, periods, period = period_from(request)
    context = {"years": years, "year": year, "periods": periods, "period": period, "data": None}
    if period is None:
        return context
    data = monitoring.national_monitoring_get(user=user, period=period)
    page = Paginator(monitoring.not_reported_list(user=user, period=period), NOT_REPORTED_PER_PAGE).get_page(
        request.GET.get("hal")
    )
    not_reported = list(page.object_list)
    sent = monitoring.sent_urusan_map(region_ids=[r.pk for r in not_reported], period=period)
    for region in not_reported:
        region.missing = [row.label for row in data.by_urusan if row.key not in sent.get(region.pk, set())]
    series = ["Tingkat pelaporan", "Tepat waktu"]
    urusan_rows = chart(data.by_urusan, lambda r: r.label, lambda r: r.reporting_rate, lambda r: r.on_time_rate)
    trend_rows = chart(data.trend, lambda t: str(t[0]), lambda t: t[1].reporting_rate, lambda t: t[1].on_time_rate)
    query = f"?tahun={period.year}&triwulan={period.quarter}"
    context.update(
        {
            "data": data,
            "page": page,
            "not_reported": not_reported,
            "urusan_bars": charts.bar_chart(urusan_rows, series),
            "trend_bars": charts.bar_chart(trend_rows, series),
            "tile_map": tilemap.tile_map(
                data.by_province,
                category_thresholds(),
                lambda code: reverse("reporting:monitoring_province", args=[code]) + query,
            ),
            **year_trend_context(user, years, year, per_quarter=data.total.expected),
        }
    )
    return context


@login_required
def national_monitoring(request):
    if not request.user.is_ministry:
        raise PermissionDenied
    return render(request, "reporting/monitoring/national.html", national_context(request, request.user))
