"""Province and national monitoring pages. Thin: parse the query, call a selector, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from reporting import charts, tilemap
from reporting.models import Period, Region
from reporting.selectors import access
from reporting.selectors.monitoring.common import period_list, period_pick, year_list
from reporting.selectors.monitoring.national import (
    NOT_REPORTED_NOTHING,
    NOT_REPORTED_PART,
    national_monitoring_get,
    not_reported_page_get,
)
from reporting.selectors.monitoring.province import SORT_KEYS, province_monitoring_get
from reporting.selectors.monitoring.trends import trend_years, year_trend_get
from reporting.selectors.reports import category_thresholds

# The report page of the reporting work; a cell links to it once that route exists.
REPORT_URL_NAME = "reporting:report_detail"
NOT_REPORTED_PER_PAGE = 50
NOT_REPORTED_STATES = [
    ("", "Semua"),
    (NOT_REPORTED_NOTHING, "Belum mengirim satu pun"),
    (NOT_REPORTED_PART, "Sebagian terkirim"),
]


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
    years = year_list()
    year = year_from(request, years)
    periods = period_list(year=year)
    return years, year, periods, period_pick(periods, int_param(request, "triwulan"))


def report_url(report_id: int) -> str:
    return reverse(REPORT_URL_NAME, args=[report_id])


def chart(items, label, *values):
    """Rows for the charts and the tables beside them: a label and the series' values."""
    return [{"label": label(item), "values": [value(item) for value in values]} for item in items]


YEAR_SERIES = ["Tingkat pelaporan", "Rata-rata indeks capaian"]


def year_trend_context(user, years: list[int], year: int, province: Region | None = None, per_quarter=None) -> dict:
    """The five-year trend: reporting rate and mean indeks per year, nationally or of a province's kab/kota."""
    trend = year_trend_get(user=user, years=trend_years(years, year), province=province, per_quarter=per_quarter)
    rows = chart(trend, lambda t: str(t.year), lambda t: t.reporting_rate, lambda t: t.indeks)
    return {"year_trend": trend, "year_trend_bars": charts.bar_chart(rows, YEAR_SERIES)}


def province_context(request, user, province: Region, period: Period | None) -> dict:
    sort = request.GET.get("urut", "kode")
    sort = sort if sort in SORT_KEYS else "kode"
    descending = request.GET.get("arah") == "turun"
    rows = []
    if period is not None:
        rows = province_monitoring_get(user=user, province=province, period=period, sort=sort, descending=descending)
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
    province = access.monitored_province(user, code)
    if province is None:
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
    data = national_monitoring_get(user=user, period=period)
    filters = not_reported_filters(request, data)
    found = not_reported_page_get(
        user=user,
        period=period,
        number=1 if (number := int_param(request, "hal")) is None else number,  # as get_page: not a number, page 1
        per_page=NOT_REPORTED_PER_PAGE,
        province_id=filters["province_id"],
        urusan_id=filters["urusan_id"],
        state=filters["state"],
    )
    page, not_reported = found.page, list(found.page.object_list)
    for region in not_reported:
        region.missing = [row.label for row in data.by_urusan if row.key not in found.sent.get(region.pk, set())]
    series = ["Tingkat pelaporan", "Tepat waktu"]
    urusan_rows = chart(data.by_urusan, lambda r: r.label, lambda r: r.reporting_rate, lambda r: r.on_time_rate)
    trend_rows = chart(data.trend, lambda t: str(t[0]), lambda t: t[1].reporting_rate, lambda t: t[1].on_time_rate)
    query = f"?tahun={period.year}&triwulan={period.quarter}"
    context.update(
        {
            "data": data,
            "page": page,
            "not_reported": not_reported,
            "filters": filters,
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


def not_reported_filters(request, data) -> dict:
    """The list's filters from ``?provinsi=<kode>&urusan=<id>&status=``, checked against the page's own rows
    (an unknown value is ignored), and the query string that keeps them across pages."""
    province = next((row for row in data.by_province if row.code == request.GET.get("provinsi")), None)
    urusan_id = int_param(request, "urusan")
    urusan = next((row for row in data.by_urusan if row.key == urusan_id), None)
    state = request.GET.get("status", "")
    state = state if state in dict(NOT_REPORTED_STATES) else ""
    keep = [
        ("provinsi", province.code if province else ""),
        ("urusan", urusan.key if urusan else ""),
        ("status", state),
    ]
    return {
        "province_id": province.key if province else None,
        "province_code": province.code if province else "",
        "urusan_id": urusan.key if urusan else None,
        "state": state,
        "states": NOT_REPORTED_STATES,
        "query": "".join(f"&{name}={value}" for name, value in keep if value),
    }


@login_required
def national_monitoring(request):
    if not access.can_read_national_monitoring(request.user):
        raise PermissionDenied
    return render(request, "reporting/monitoring/national.html", national_context(request, request.user))
