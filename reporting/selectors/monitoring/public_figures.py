"""The public figures: means of the accepted reports per province and urusan (page, CSV, JSON, API)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from reporting import calculations
from reporting.models import Period, Region, RegionLevel, Report, ReportStatus, Urusan
from reporting.selectors.monitoring.common import SUM_DECIMAL as _SUM_DECIMAL
from reporting.selectors.monitoring.common import sent_value

PUBLIC_STATUSES = (ReportStatus.ACCEPTED,)


@dataclass
class PublicFigure:
    province_code: str
    province: str
    urusan: str
    accepted: int
    capaian_penerima: Decimal | None
    capaian_mutu: Decimal | None
    indeks: Decimal | None
    pagu: int
    realisasi: int

    @property
    def serapan(self) -> Decimal | None:
        return calculations.serapan(self.pagu, self.realisasi)

    def as_dict(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "kode_provinsi": self.province_code,
            "provinsi": self.province,
            "urusan": self.urusan,
            "laporan_diterima": self.accepted,
            "capaian_penerima": text(self.capaian_penerima),
            "capaian_mutu": text(self.capaian_mutu),
            "indeks": text(self.indeks),
            "pagu": self.pagu,
            "realisasi": self.realisasi,
            "serapan": text(self.serapan),
        }


def public_figure_list(*, period: Period) -> list[PublicFigure]:
    """Mean figures of the accepted reports of ``period`` per province (with its kab/kota) and urusan."""
    provinces = {r["id"]: r for r in Region.objects.filter(level=RegionLevel.PROVINSI).values("id", "code", "name")}
    urusan_list = list(Urusan.objects.all())
    urusan = {u.pk: u.short_name for u in urusan_list}
    rows = (
        Report.objects.filter(period=period, status__in=PUBLIC_STATUSES, region__is_active=True)
        .annotate(group=Coalesce("region__province_id", "region_id"))
        .values("group", "urusan_id")
        .annotate(
            n=Count("id"),
            penerima=Sum(sent_value("capaian_penerima"), output_field=_SUM_DECIMAL),
            penerima_n=Count(sent_value("capaian_penerima")),
            mutu=Sum(sent_value("capaian_mutu"), output_field=_SUM_DECIMAL),
            mutu_n=Count(sent_value("capaian_mutu")),
            indeks_sum=Sum(sent_value("indeks"), output_field=_SUM_DECIMAL),
            indeks_n=Count(sent_value("indeks")),
            pagu=Sum(sent_value("pagu_total")),
            realisasi=Sum(sent_value("realisasi_total")),
        )
        .order_by()
    )
    figures = [
        PublicFigure(
            province_code=provinces[r["group"]]["code"],
            province=provinces[r["group"]]["name"],
            urusan=urusan[r["urusan_id"]],
            accepted=r["n"],
            capaian_penerima=calculations.mean_of(r["penerima"], r["penerima_n"]),
            capaian_mutu=calculations.mean_of(r["mutu"], r["mutu_n"]),
            indeks=calculations.mean_of(r["indeks_sum"], r["indeks_n"]),
            pagu=r["pagu"] or 0,
            realisasi=r["realisasi"] or 0,
        )
        for r in rows
    ]
    order = {u.short_name: position for position, u in enumerate(urusan_list)}
    return sorted(figures, key=lambda f: (f.province_code, order.get(f.urusan, 0)))
