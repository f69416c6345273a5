"""Completeness and timeliness (national and per province) and the public accepted figures.

Figures come from ``reporting.selectors.monitoring`` as the monitoring pages show them; nothing is
recomputed here.
"""

from typing import Annotated

from ninja import Path, Query, Router, Schema
from pydantic import Field

from reporting.messages import API_NOT_FOUND
from reporting.selectors import access
from reporting.selectors.monitoring.national import national_monitoring_get
from reporting.selectors.monitoring.province import province_monitoring_get
from reporting.selectors.monitoring.public_figures import public_figure_list

from ..auth import api_user
from ..common import READ_ERRORS, PageParams, paginate, period_or_404
from ..errors import ApiError
from ..schemas import PROVINCE_CODE_HELP, NationalOut, ProvincePage, PublicFigurePage

router = Router(tags=["monitoring"])


class PeriodQuery(Schema):
    year: Annotated[int, Field(ge=2000, le=2100)]
    quarter: Annotated[int, Field(ge=1, le=4)]


def _rate(row) -> dict:
    return {
        "label": row.label,
        "key": row.key,
        "code": row.code,
        "expected": row.expected,
        "reported": row.reported,
        "on_time": row.on_time,
        "not_reported": row.not_reported,
        "reporting_rate": row.reporting_rate,
        "on_time_rate": row.on_time_rate,
        "fill_rate": row.fill_rate,
    }


@router.get(
    "/monitoring/nasional",
    response={200: NationalOut, **READ_ERRORS},
    summary="Kelengkapan dan ketepatan waktu nasional, per urusan dan per provinsi",
)
def national(request, query: Query[PeriodQuery]):
    period = period_or_404(query.year, query.quarter)
    data = national_monitoring_get(user=api_user(request), period=period)
    return {
        "year": period.year,
        "quarter": period.quarter,
        "total": _rate(data.total),
        "by_urusan": [_rate(r) for r in data.by_urusan],
        "by_province": [_rate(r) for r in data.by_province],
    }


@router.get(
    "/monitoring/provinsi/{province_code}",
    response={200: ProvincePage, **READ_ERRORS},
    summary="Kelengkapan dan ketepatan waktu kab/kota satu provinsi",
)
def province(
    request,
    province_code: Annotated[str, Path(max_length=8, pattern=r"^[0-9.]+$", description=PROVINCE_CODE_HELP)],
    query: Query[PeriodQuery],
    page: PageParams,
):
    user = api_user(request)
    period = period_or_404(query.year, query.quarter)
    region = access.monitored_province(user, province_code)
    if region is None:
        raise ApiError(404, API_NOT_FOUND)
    rows = province_monitoring_get(user=user, province=region, period=period)

    def row(r):
        return {
            "region_code": r.region["code"],
            "region_name": r.region["name"],
            "reported": r.reported,
            "on_time": r.on_time,
            "fill_rate": r.fill_rate,
            "capaian": r.capaian,
            "cells": [
                {
                    "urusan_id": c.urusan.pk,
                    "status": c.report["status"] if c.report else "not_sent",
                    "on_time": c.on_time,
                    "fill_rate": c.fill_rate,
                }
                for c in r.cells
            ],
        }

    return paginate(rows, page, row)


@router.get(
    "/publik/capaian",
    response={200: PublicFigurePage, **READ_ERRORS},
    summary="Capaian laporan yang diterima per provinsi dan urusan (data publik)",
)
def public_figures(request, query: Query[PeriodQuery], page: PageParams):
    period = period_or_404(query.year, query.quarter)
    figures = public_figure_list(period=period)
    return paginate(
        figures,
        page,
        lambda f: {
            "province_code": f.province_code,
            "province": f.province,
            "urusan": f.urusan,
            "accepted": f.accepted,
            "capaian_penerima": f.capaian_penerima,
            "capaian_mutu": f.capaian_mutu,
            "indeks": f.indeks,
            "pagu": f.pagu,
            "realisasi": f.realisasi,
            "serapan": f.serapan,
        },
    )
