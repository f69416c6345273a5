"""A province's monitoring: its kab/kota against the urusan in a period."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from reporting import calculations
from reporting.models import SENT_STATUSES, Period, Region, RegionLevel, Urusan, User
from reporting.selectors.access import region_readable_list, report_readable_list
from reporting.selectors.monitoring.common import catalogue_required_map, sent_summary_values
from reporting.selectors.monitoring.trends import reads_whole_scope
from reporting.selectors.public import public_cached
from reporting.selectors.reports import status_label

NOT_SENT = "Belum dikirim"


@dataclass
class MonitoringCell:
    urusan: Urusan
    report: dict | None

    @property
    def on_time(self) -> bool:
        return bool(
            self.report and self.report["submitted_at"] and self.report["submitted_at"] <= self.report["deadline"]
        )

    @property
    def fill_rate(self) -> Decimal | None:
        if not self.report:
            return None
        return calculations.fill_rate(self.report["figures_required"], self.report["figures_filled"])

    @property
    def status_label(self) -> str:
        return status_label(self.report["status"]) if self.report else NOT_SENT


class RegionRow(TypedDict):
    """A kab/kota as the monitoring reads it (``values()`` of its region)."""

    id: int
    code: str
    name: str
    login_code: str


@dataclass
class MonitoringRow:
    region: RegionRow
    cells: list[MonitoringCell]
    reported: int
    on_time: int
    fill_rate: Decimal
    capaian: Decimal | None


SORT_KEYS = {
    "kode": lambda row: row.region["code"],
    "nama": lambda row: row.region["name"].lower(),
    "dikirim": lambda row: row.reported,
    "tepat": lambda row: row.on_time,
    "isian": lambda row: row.fill_rate,
    "capaian": lambda row: row.capaian if row.capaian is not None else Decimal(-1),
}


def province_monitoring_get(
    *, user: User, province: Region, period: Period, sort: str = "kode", descending: bool = False
) -> list[MonitoringRow]:
    """The province's kab/kota against the urusan in ``period``, as ``user`` may see them. Only sent reports,
    the active pemda, the catalogue and the deadlines decide the rows (the public generation follows them): a
    reader of every sent report of the province (its pemda account, the ministry) gets the copy kept for it."""
    if reads_whole_scope(user, province):
        rows = public_cached(f"province:{province.pk}:{period.pk}", lambda: _province_rows(user, province, period))
    else:
        rows = _province_rows(user, province, period)
    return sorted(rows, key=SORT_KEYS.get(sort, SORT_KEYS["kode"]), reverse=descending)


def _province_rows(user: User, province: Region, period: Period) -> list[MonitoringRow]:
    urusan_list = list(Urusan.objects.all())
    regions = list(
        region_readable_list(user)
        .filter(province=province)
        .order_by("code")
        .values("id", "code", "name", "login_code")
    )
    reports = sent_summary_values(
        report_readable_list(user)
        .filter(region__province=province, region__is_active=True, period=period, status__in=SENT_STATUSES)
        .with_window(),
        "deadline",
    )
    by_key = {(r["region_id"], r["urusan_id"]): r for r in reports}
    required = catalogue_required_map(year=period.year)
    rows = []
    for region in regions:
        cells = [MonitoringCell(u, by_key.get((region["id"], u.pk))) for u in urusan_list]
        sent = [c.report for c in cells if c.report]
        needed = sum(
            c.report["figures_required"] if c.report else required.get((c.urusan.pk, RegionLevel.KABKOTA), 0)
            for c in cells
        )
        rows.append(
            MonitoringRow(
                region=region,
                cells=cells,
                reported=len(sent),
                on_time=sum(1 for c in cells if c.on_time),
                fill_rate=calculations.fill_rate(needed, sum(r["figures_filled"] for r in sent)),
                capaian=calculations.mean_percentage(r["indeks"] for r in sent),
            )
        )
    return rows
