"""Public figures: accepted reports only, per province and urusan; also as CSV and JSON."""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from core.ratelimit import rate_limited
from core.spreadsheets import csv_text
from reporting.selectors.monitoring.public_figures import public_figure_list
from reporting.views.monitoring import period_from

CSV_HEADERS = (
    "kode_provinsi",
    "provinsi",
    "urusan",
    "laporan_diterima",
    "capaian_penerima",
    "capaian_mutu",
    "indeks",
    "pagu",
    "realisasi",
    "serapan",
)


def _figures(request):
    years, year, periods, period = period_from(request)
    figures = public_figure_list(period=period) if period else []
    return {"years": years, "year": year, "periods": periods, "period": period, "figures": figures}


@rate_limited("open-data", "RATE_LIMIT_OPEN_DATA_PER_MINUTE")
def public_figures(request):
    """Open to everyone (counted with the CSV and JSON: the same work): means of the accepted reports; drafts and unchecked reports never appear."""
    return render(request, "reporting/monitoring/public_figures.html", _figures(request))


@rate_limited("open-data", "RATE_LIMIT_OPEN_DATA_PER_MINUTE")
def public_figures_csv(request):
    context = _figures(request)
    name = f"data-capaian-spm-{context['year']}-tw{context['period'].quarter if context['period'] else 0}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel opens the UTF-8 file with the right encoding
    writer = csv.DictWriter(response, fieldnames=CSV_HEADERS)
    writer.writeheader()
    for figure in context["figures"]:
        writer.writerow({key: csv_text(value) for key, value in figure.as_dict().items()})
    return response


@rate_limited("open-data", "RATE_LIMIT_OPEN_DATA_PER_MINUTE")
def public_figures_json(request):
    context = _figures(request)
    period = context["period"]
    return JsonResponse(
        {
            "periode": {"tahun": period.year, "triwulan": period.quarter} if period else None,
            "keterangan": "Rata-rata laporan yang sudah diterima per provinsi (beserta kab/kota-nya) dan urusan.",
            "data": [figure.as_dict() for figure in context["figures"]],
        },
        json_dumps_params={"ensure_ascii": False},
    )
