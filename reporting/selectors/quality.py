"""Reads for the plausibility checks (``reporting.services.quality``) and the warning lists.

``quality_inputs`` gathers everything one report's checks need in a fixed number of queries (seven, whatever
the number of services, kegiatan or previous quarters): the rules that apply, the report's rows, and the
pemda's earlier sent versions (``ReportSnapshot``) of the same urusan.
"""

from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from core.generations import generation_cached
from reporting.models import (
    RULES_GENERATION_KEY,
    Activity,
    MutuEntry,
    Quarter,
    Report,
    ReportSnapshot,
    ReportStatus,
    ReportWarning,
    RuleKind,
    ServiceEntry,
    User,
    ValidationRule,
    WarningStatus,
)
from reporting.selectors import access
from reporting.selectors.public import public_cached

DEFAULT_LOOKBACK = 4
SENT_FIGURES_TTL = 7 * 24 * 3600  # a sent version's figures never change; the TTL only bounds the cache
RULES_TTL = 10 * 60  # bounds a copy only if a rule was written around the model (raw SQL)
WARNINGS_PER_PAGE = 100


@dataclass
class PreviousFigures:
    """One earlier sent quarter of the same pemda and urusan: its label and per service code its figures."""

    label: str
    services: dict[str, dict]
    kegiatan: dict[tuple[str, str], dict] = field(default_factory=dict)


class EntryFigures(NamedTuple):
    """What the checks read of a service row (a light row, not a model instance: a save rechecks them all)."""

    pk: int
    service_code: str
    service_name: str
    harus_dilayani: int | None
    terlayani: int | None


class MutuFigures(NamedTuple):
    pk: int
    entry_id: int
    name: str
    terpenuhi: int | None


class ActivityFigures(NamedTuple):
    pk: int
    entry_id: int
    name: str
    pagu: int  # both columns are NOT NULL
    realisasi: int


@dataclass
class QualityInputs:
    rules: list[ValidationRule]
    entries: list[EntryFigures]
    mutu: list[MutuFigures]
    activities: list[ActivityFigures]
    previous: list[PreviousFigures]  # newest first
    last_accepted: PreviousFigures | None


def rule_applicable_list(*, report: Report) -> list[ValidationRule]:
    """Active rules for the report's urusan and level (a rule without scope applies everywhere); kept in the
    shared cache for the rules' generation, which every write of a rule replaces (``models.quality``): no
    query once read, in every save."""
    urusan_id, level = report.urusan_id, report.region.level
    return generation_cached(
        RULES_GENERATION_KEY, f"rules:{urusan_id}:{level}", lambda: _rules(urusan_id, level), RULES_TTL
    )


def _rules(urusan_id: int, level: str) -> list[ValidationRule]:
    return list(
        ValidationRule.objects.filter(is_active=True)
        .filter(Q(urusan__isnull=True) | Q(urusan_id=urusan_id))
        .filter(Q(level="") | Q(level=level))
        .order_by("kind", "pk")
    )


def _figures_of(data: dict, label: str) -> PreviousFigures:
    services = {s["code"]: s for s in data.get("services", [])}
    kegiatan = {(s["code"], k["name"]): k for s in data.get("services", []) for k in s.get("kegiatan", [])}
    return PreviousFigures(label=label, services=services, kegiatan=kegiatan)


class EarlierSent(TypedDict):
    """An earlier sent quarter as ``_earlier_sent`` reads it."""

    status: str
    sent_snapshot_id: int
    sent_snapshot__number: int
    period__year: int
    period__quarter: int


def _earlier_sent(report: Report) -> list[EarlierSent]:
    """The pemda's earlier sent quarters of the same urusan, newest first: small rows, no snapshot JSON. They
    change only when a report is sent, accepted or returned (its status and sent version) or a period changes,
    which replace the public generation: kept for it (``selectors.public``), no query in a save once read."""
    period = report.period
    region_id, urusan_id, year, quarter = report.region_id, report.urusan_id, period.year, period.quarter

    def compute() -> list[EarlierSent]:
        earlier = Q(period__year__lt=year) | Q(period__year=year, period__quarter__lt=quarter)
        return list(
            Report.objects.filter(earlier, region_id=region_id, urusan_id=urusan_id)
            .exclude(sent_snapshot__isnull=True)
            .order_by("-period__year", "-period__quarter")
            .values("status", "sent_snapshot_id", "sent_snapshot__number", "period__year", "period__quarter")
        )

    return public_cached(f"earlier-sent:{region_id}:{urusan_id}:{year}:{quarter}", compute)


def _snapshot_key(row: EarlierSent) -> str:
    return f"quality-figures:{row['sent_snapshot_id']}:{row['sent_snapshot__number']}"


def _sent_figures(rows: list[EarlierSent]) -> dict[int, PreviousFigures]:
    """The figures of these sent versions by snapshot id. A sent version never changes, so its figures are
    kept in the shared cache: a save reads no snapshot JSON once its earlier quarters have been read."""
    if not rows:
        return {}
    keys = {_snapshot_key(row): row for row in rows}
    cached = cache.get_many(list(keys))
    missing = {row["sent_snapshot_id"]: row for key, row in keys.items() if key not in cached}
    if missing:
        fresh = {}
        for pk, data in ReportSnapshot.objects.filter(pk__in=missing).values_list("pk", "data"):
            row = missing[pk]
            label = f"{Quarter(row['period__quarter']).label} {row['period__year']}"
            fresh[_snapshot_key(row)] = _figures_of(data or {}, label)
        cache.set_many(fresh, SENT_FIGURES_TTL)
        cached.update(fresh)
    return {row["sent_snapshot_id"]: cached[key] for key, row in keys.items() if key in cached}


def quality_inputs(*, report: Report, rows=None) -> QualityInputs:
    """What the checks of ``report`` read, as light rows: at most six queries whatever the number of services,
    kegiatan or earlier quarters (the rules, the report's three kinds of rows, its earlier sent quarters and
    their figures unless cached); the rows no active rule looks at are not read. ``rows``: the report's rows
    a save already holds (``values.ReportRows``), used instead of reading them again (three queries fewer)."""
    rules = rule_applicable_list(report=report)
    kinds = {rule.kind for rule in rules}
    lookback = max((r.lookback for r in rules if r.kind == RuleKind.OUTLIER), default=DEFAULT_LOOKBACK)
    earlier = _earlier_sent(report) if kinds else []
    recent = earlier[: max(lookback, 1)]
    accepted = next((row for row in earlier if row["status"] == ReportStatus.ACCEPTED), None)
    figures = _sent_figures(recent + ([accepted] if accepted is not None and accepted not in recent else []))
    previous = [figures[row["sent_snapshot_id"]] for row in recent if row["sent_snapshot_id"] in figures]
    last_accepted = figures.get(accepted["sent_snapshot_id"]) if accepted is not None else None
    if rows is not None:
        return QualityInputs(
            rules=rules,
            entries=[
                EntryFigures(e.pk, e.service_code, e.service_name, e.harus_dilayani, e.terlayani)
                for e in rows.entries.values()
            ]
            if kinds
            else [],
            mutu=sorted(
                (MutuFigures(m.pk, m.entry_id, m.name, m.terpenuhi) for m in rows.mutu.values()),
                key=lambda m: (m.entry_id, rows.mutu[m.pk].order, m.pk),
            )
            if RuleKind.MUTU in kinds
            else [],
            activities=sorted(
                (ActivityFigures(a.pk, a.entry_id, a.name, a.pagu, a.realisasi) for a in rows.activities.values()),
                key=lambda a: (a.entry_id, a.pk),
            )
            if RuleKind.SERAPAN in kinds
            else [],
            previous=previous,
            last_accepted=last_accepted,
        )
    entries = ServiceEntry.objects.filter(report=report).order_by("order", "id")
    mutu = MutuEntry.objects.filter(entry__report=report).order_by("entry_id", "order", "id")
    activities = Activity.objects.filter(entry__report=report).order_by("entry_id", "id")
    return QualityInputs(
        rules=rules,
        entries=[
            EntryFigures(*row)
            for row in entries.values_list("pk", "service_code", "service_name", "harus_dilayani", "terlayani")
        ]
        if kinds
        else [],
        mutu=[MutuFigures(*row) for row in mutu.values_list("pk", "entry_id", "name", "terpenuhi")]
        if RuleKind.MUTU in kinds
        else [],
        activities=[
            ActivityFigures(*row) for row in activities.values_list("pk", "entry_id", "name", "pagu", "realisasi")
        ]
        if RuleKind.SERAPAN in kinds
        else [],
        previous=previous,
        last_accepted=last_accepted,
    )


def report_warning_list(*, report: Report) -> list[ReportWarning]:
    """The report's warnings that still stand (open or confirmed), in the order the checks found them; for a
    reader of the sent version (``selectors.sent``) those that stood at Kirim."""
    sent = getattr(report, "sent_view", None)
    if sent is not None and sent.warnings is not None:
        return list(sent.warnings)
    warnings = (
        ReportWarning.objects.filter(report=report)
        .exclude(status=WarningStatus.RESOLVED)
        .select_related("rule", "confirmed_by", "confirmed_by__region")
        .order_by("rule__kind", "id")
    )
    if sent is not None:  # a version sent before snapshots kept the warnings
        warnings = warnings.filter(updated_at__lte=sent.sent_at)
    return list(warnings)


def open_warning_count() -> Coalesce:
    """SQL for ``Report`` annotations: the number of the report's warnings not yet confirmed (0 when none),
    one correlated subquery, so a list of reports still costs one query."""
    count = (
        ReportWarning.objects.filter(report=OuterRef("pk"), status=WarningStatus.OPEN)
        .order_by()
        .values("report")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def monitoring_warning_page(*, user: User, page: int = 1):
    """Warnings still standing on the sent reports ``access`` lets the user monitor, newest report first,
    and their number per province; three queries (count, page, per-province totals)."""
    reports = access.report_monitoring_list(user)
    warnings = (
        ReportWarning.objects.filter(report__in=reports)
        .exclude(status=WarningStatus.RESOLVED)
        .exclude(access.unsent_since_kirim(user, changed_at="updated_at"))  # a returned report's corrections
        .select_related("report__region__province", "report__urusan", "report__period", "rule")
        .order_by("-report__period__year", "-report__period__quarter", "report__region__code", "report_id", "id")
    )
    paginator = Paginator(warnings, WARNINGS_PER_PAGE)
    per_province = list(
        warnings.order_by()
        .values("report__region__province__name", "report__region__name", "report__region__level")
        .annotate(total=Count("id"), open=Count("id", filter=Q(status=WarningStatus.OPEN)))
        .order_by("report__region__province__name", "report__region__name")
    )
    totals: dict[str, dict] = {}
    for row in per_province:
        is_province = row["report__region__level"] == "provinsi"
        name = row["report__region__name"] if is_province else row["report__region__province__name"]
        entry = totals.setdefault(name, {"province": name, "total": 0, "open": 0})
        entry["total"] += row["total"]
        entry["open"] += row["open"]
    return paginator.get_page(page), sorted(totals.values(), key=lambda r: r["province"])
