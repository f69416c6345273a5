"""Evaluasi capaian per pemda (the seed's "Evaluasi Capaian SPM TW IV 2021 pada aplikasi SPM Kota Bogor").

For one pemda and one quarter: per bidang (urusan) its fill rate and indeks against its province (the
province and its kab/kota) and the nation, the bidang not yet filled, the services below target, the trend
against the quarter before and the warnings its officer confirmed, plus a short narrative written from these
figures by fixed rules (``narrative_lines``, pure). Everything comes from what pemda *sent* (the last sent
version, as monitoring reads it): a draft never counts, for the pemda itself neither, so the pemda, its
province and the ministry read the same page. The fill rule is monitoring's (``MONITORING.md``): a bidang not
sent counts with the catalogue's required figures and nothing filled (Kota Bogor's "17 %, Pendidikan 0 %").

A fixed number of queries whatever the number of bidang, services or pemda.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, Sum

from reporting import calculations
from reporting.models import (
    SENT_STATUSES,
    Period,
    Quarter,
    Region,
    RegionLevel,
    Report,
    Urusan,
    User,
)
from reporting.selectors import access
from reporting.selectors.monitoring.common import catalogue_required_map, sent_value
from reporting.selectors.printouts import QuarterSummary, sent_quarter, sent_reports
from reporting.selectors.reports import capaian_rows_build, category_thresholds

FULL = Decimal(100)
# Fill rate bands of the narrative's overall judgement ("masih tergolong rendah" in the seed).
LOW_FILL, HIGH_FILL = Decimal(50), Decimal(80)


@dataclass
class Comparison:
    """One figure of a bidang for the pemda, its province (province and kab/kota) and the nation."""

    own: Decimal | None
    province: Decimal | None
    nation: Decimal | None


@dataclass
class BidangEvaluation:
    urusan: Urusan
    sent: bool
    fill: Comparison
    indeks: Comparison
    category: str = ""
    previous_fill: Decimal | None = None
    previous_indeks: Decimal | None = None
    below_target: list[tuple[str, Decimal | None]] = field(default_factory=list)

    @property
    def filled_nothing(self) -> bool:
        return not self.fill.own

    @property
    def fill_change(self) -> Decimal | None:
        if self.fill.own is None or self.previous_fill is None:
            return None
        return self.fill.own - self.previous_fill


@dataclass
class Evaluation:
    region: Region
    province: Region
    period: Period
    previous: Period | None
    bidang: list[BidangEvaluation]
    total_required: int
    total_filled: int
    previous_total_fill: Decimal | None
    warnings: list[tuple[Urusan, str, str]]

    @property
    def total_fill(self) -> Decimal:
        return calculations.fill_rate(self.total_required, self.total_filled)

    @property
    def not_filled(self) -> list[BidangEvaluation]:
        return [b for b in self.bidang if b.filled_nothing]

    @property
    def below_target(self) -> list[tuple[Urusan, str, Decimal]]:
        """Services sent with capaian penerima under 100 %, by bidang."""
        return [(b.urusan, name, value) for b in self.bidang for name, value in b.below_target]

    @property
    def narrative(self) -> list[str]:
        return narrative_lines(self)


def evaluation_region_get(*, user: User, code: str | None) -> Region | None:
    """The pemda whose evaluation ``user`` opens: ``code`` among those it may evaluate, without one its own."""
    regions = access.evaluation_region_list(user)
    if code:  # the region code (35.17) or the login code (3517), as the pemda knows it
        return regions.filter(Q(code=code) | Q(login_code=code)).first()
    own = access.own_region(user)
    return regions.filter(pk=own.pk).first() if own else None


def previous_period(period: Period) -> Period | None:
    if period.quarter > 1:
        return Period.objects.filter(year=period.year, quarter=period.quarter - 1).first()
    return Period.objects.filter(year=period.year - 1, quarter=4).first()


def _percent(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _group_figures(reports, group: Q, regions, required: dict) -> tuple[dict, dict]:
    """Fill rate and mean indeks per urusan over the sent reports of ``group`` (two queries); the fill's
    denominator counts every active pemda of the group with the catalogue's figures."""
    sent = (
        reports.filter(group)
        .values("urusan_id")
        .annotate(filled=Sum(sent_value("figures_filled")), indeks=Avg(sent_value("indeks")))
        .order_by()
    )
    levels = regions.values("level").annotate(n=Count("id")).order_by()
    counts = {row["level"]: row["n"] for row in levels}
    fill, indeks = {}, {}
    for row in sent:
        urusan_id = row["urusan_id"]
        total = sum(required.get((urusan_id, level), 0) * n for level, n in counts.items())
        fill[urusan_id] = calculations.fill_rate(total, row["filled"] or 0) if total else None
        indeks[urusan_id] = _percent(row["indeks"])
    return fill, indeks


def evaluation_get(*, user: User, region: Region, period: Period) -> Evaluation:
    """The evaluation of ``region`` in ``period`` (the caller checked that ``user`` may read it)."""
    urusan_list = list(Urusan.objects.order_by("order", "code"))
    previous = previous_period(period)
    required = catalogue_required_map(year=period.year)
    province = region.province or region
    sent_all = Report.objects.filter(period=period, status__in=SENT_STATUSES, region__is_active=True)
    in_province = Q(region=province) | Q(region__province=province)
    province_fill, province_indeks = _group_figures(
        sent_all,
        in_province,
        Region.objects.filter(Q(pk=province.pk) | Q(province=province), is_active=True),
        required,
    )
    nation_fill, nation_indeks = _group_figures(sent_all, Q(), Region.objects.filter(is_active=True), required)
    periods = [p for p in (previous, period) if p is not None]
    reports = sent_reports(user=user, region=region, periods=periods)
    by_key = {(r.urusan_id, r.period_id): r for r in reports}
    thresholds = category_thresholds()
    bidang, total_required, total_filled, previous_required, previous_filled = [], 0, 0, 0, 0
    warnings = []
    for urusan in urusan_list:
        need = required.get((urusan.pk, region.level), 0)
        now = sent_quarter(period, by_key.get((urusan.pk, period.pk)))
        before = sent_quarter(previous, by_key.get((urusan.pk, previous.pk))) if previous else QuarterSummary(None)
        item = _bidang(urusan, now, before, need, thresholds)
        item.fill.province = province_fill.get(urusan.pk, Decimal(0) if need else None)
        item.fill.nation = nation_fill.get(urusan.pk, Decimal(0) if need else None)
        item.indeks.province, item.indeks.nation = province_indeks.get(urusan.pk), nation_indeks.get(urusan.pk)
        bidang.append(item)
        total_required += now.sent.figures_required if now.sent else need
        total_filled += now.sent.figures_filled if now.sent else 0
        previous_required += before.sent.figures_required if before.sent else need
        previous_filled += before.sent.figures_filled if before.sent else 0
        if now.report is not None:
            warnings += [(urusan, f"{w.label}: {w.message}", w.note) for w in now.report.confirmed_warnings]
    return Evaluation(
        region=region,
        province=province,
        period=period,
        previous=previous,
        bidang=bidang,
        total_required=total_required,
        total_filled=total_filled,
        previous_total_fill=calculations.fill_rate(previous_required, previous_filled) if previous else None,
        warnings=warnings,
    )


def _bidang(urusan: Urusan, now: QuarterSummary, before: QuarterSummary, need: int, thresholds) -> BidangEvaluation:
    def fill_of(quarter):
        if quarter.sent is None:
            return Decimal(0) if need else None
        return calculations.fill_rate(quarter.sent.figures_required, quarter.sent.figures_filled)

    below = [
        (row.entry.service_name, row.penerima)
        for row in capaian_rows_build(now.entries, thresholds)
        if row.penerima is not None and row.penerima < FULL
    ]
    return BidangEvaluation(
        urusan=urusan,
        sent=now.sent is not None,
        fill=Comparison(fill_of(now), None, None),
        indeks=Comparison(now.indeks, None, None),
        category=now.sent.category if now.sent else "",
        previous_fill=fill_of(before) if before.period else None,
        previous_indeks=before.indeks,
        below_target=below,
    )


# --- the narrative -------------------------------------------------------------------------------


def whole_percent(value: Decimal | None) -> str:
    """A percentage as the evaluation's narrative writes it, rounded half up to whole: ``16,67`` -> ``17 %``."""
    if value is None:
        return "-"
    return f"{Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %"


def _points(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _period_label(period: Period) -> str:
    return f"{Quarter(period.quarter).label} {period.year}"


def _compare(own: Decimal | None, other: Decimal | None) -> str:
    if own is None or other is None:
        return ""
    if own > other:
        return "di atas"
    return "di bawah" if own < other else "sama dengan"


def narrative_lines(evaluation: Evaluation) -> list[str]:
    """The evaluation in a few Indonesian sentences, from the figures only (rules, no external service).

    Worked example (the seed's Kota Bogor, TW IV 2021): 12 of 72 figures filled, Pendidikan not sent gives
    "Total pengisian 17 %: Kota Bogor telah mengisi 12 dari 72 isian capaian SPM TW IV 2021." and
    "Pendidikan 0 %: belum diisi." and "Pengisian capaian SPM Kota Bogor masih tergolong rendah (di bawah 50 %)."
    """
    region, total = evaluation.region.display_name, evaluation.total_fill
    lines = [
        f"Total pengisian {whole_percent(total)}: {region} telah mengisi {calculations.format_number(evaluation.total_filled)} "
        f"dari {calculations.format_number(evaluation.total_required)} isian capaian SPM {_period_label(evaluation.period)}."
    ]
    for item in evaluation.bidang:
        if item.fill.own is None:
            continue
        if item.filled_nothing:
            lines.append(f"{item.urusan.name} {whole_percent(item.fill.own)}: belum diisi.")
        elif item.fill.own < FULL:
            lines.append(f"{item.urusan.name} {whole_percent(item.fill.own)}: sebagian terisi.")
    if total < LOW_FILL:
        lines.append(f"Pengisian capaian SPM {region} masih tergolong rendah (di bawah {whole_percent(LOW_FILL)}).")
    elif total < HIGH_FILL:
        lines.append(f"Pengisian capaian SPM {region} tergolong sedang.")
    else:
        lines.append(f"Pengisian capaian SPM {region} tergolong tinggi.")
    lines += _comparison_lines(evaluation)
    if evaluation.previous is not None and evaluation.previous_total_fill is not None:
        change = total - evaluation.previous_total_fill
        label = _period_label(evaluation.previous)
        was, now = whole_percent(evaluation.previous_total_fill), whole_percent(total)
        if change > 0:
            lines.append(f"Dibanding {label}, pengisian naik {_points(change)} poin ({was} menjadi {now}).")
        elif change < 0:
            lines.append(f"Dibanding {label}, pengisian turun {_points(-change)} poin ({was} menjadi {now}).")
        else:
            lines.append(f"Dibanding {label}, pengisian tetap {now}.")
    below = [(item.urusan.name, name) for item in evaluation.bidang for name, _value in item.below_target]
    if below:
        lines.append(
            f"{len(below)} jenis pelayanan dasar belum mencapai target 100 %: "
            + "; ".join(f"{name} ({urusan})" for urusan, name in below)
            + "."
        )
    if evaluation.warnings:
        lines.append(f"{len(evaluation.warnings)} peringatan pemeriksaan data dikonfirmasi dengan catatan petugas.")
    return lines


def _comparison_lines(evaluation: Evaluation) -> list[str]:
    own = evaluation.total_fill
    province = _mean(b.fill.province for b in evaluation.bidang)
    nation = _mean(b.fill.nation for b in evaluation.bidang)
    if province is None or nation is None:
        return []
    if evaluation.region.level == RegionLevel.PROVINSI:
        return [f"Pengisian ini {_compare(own, nation)} rata-rata nasional ({whole_percent(nation)})."]
    return [
        f"Pengisian ini {_compare(own, province)} rata-rata {evaluation.province.display_name} "
        f"({whole_percent(province)}) dan {_compare(own, nation)} rata-rata nasional ({whole_percent(nation)})."
    ]


def _mean(values) -> Decimal | None:
    return calculations.mean_percentage(values)


# --- the ministry's bulk evaluation ---------------------------------------------------------------


def evaluation_regions_for_job(*, user: User | None) -> list[Region]:
    """Every pemda whose evaluation ``user`` may read (the ministry: all active ones), by code."""
    if user is None:
        return []
    return list(access.evaluation_region_list(user).order_by("code"))
