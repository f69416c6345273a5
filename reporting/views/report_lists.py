"""DAFTAR BIDANG SPM and the province's kab/kota: a pemda's urusan against the year's quarters.

Thin views: parse, call one selector, render. Scoping only through ``reporting.selectors.access``.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from reporting.models import Region
from reporting.selectors import access
from reporting.selectors import reports as selectors


def requested_year(request) -> int:
    """?tahun=YYYY within a sane range, else the current year."""
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


# --- Lists ------------------------------------------------------------------------------------


@login_required
def bidang_list(request):
    """DAFTAR BIDANG SPM: the pemda's urusan against the year's quarters, with status and links."""
    region = access.own_region(request.user)
    if region is None:
        raise PermissionDenied
    return _status_page(request, region, "reporting/report/bidang_list.html", {})


@login_required
def kabkota_list(request):
    """LIHAT CAPAIAN KABUPATEN/KOTA: a province picks one of its kab/kota and reads its status table."""
    if not access.is_province_pemda(request.user):
        raise PermissionDenied
    province = access.own_region(request.user)
    choices = list(selectors.province_kabkota_list(user=request.user, province=province))
    chosen = next((r for r in choices if r.login_code == request.GET.get("wilayah")), None)
    context = {"province": province, "choices": choices, "chosen": chosen}
    if chosen is None:
        context.update(year=requested_year(request), years=selectors.report_year_list())
        return render(request, "reporting/report/kabkota_list.html", context)
    return _status_page(request, chosen, "reporting/report/kabkota_list.html", context)


def _status_page(request, region: Region, template: str, context: dict):
    year = requested_year(request)
    periods, rows = selectors.report_status_table(user=request.user, region=region, year=year)
    context.update(
        region=region,
        year=year,
        years=selectors.report_year_list() or [year],
        periods=periods,
        rows=rows,
        can_edit=access.can_fill_region(request.user, region),
    )
    return render(request, template, context)
