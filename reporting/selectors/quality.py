"""Reads for the plausibility checks (``reporting.services.quality``) and the warning lists.

``quality_inputs`` gathers everything one report's checks need in a fixed number of queries (seven, whatever
the number of services, kegiatan or previous quarters): the rules that apply, the report's rows, and the
pemda's earlier sent versions (``ReportSnapshot``) of the same urusan.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from reporting.models import (
    Activity,
    MutuEntry,
    Report,
    ReportStatus,
    ReportWarning,
    RuleKind,
    ServiceEntry,
    User,
    ValidationRule,
    WarningStatus,
)
from reporting.selectors import access

DEFAULT_LOOKBACK = 4
WARNINGS_PER_PAGE = 100


@dataclass
class PreviousFigures:
    """One earlier sent quarter of the same pemda and urusan: its label and per service code its figures."""

    label: str
    services: dict[str, dict]
    kegiatan: dict[tuple[str, str], dict] = field(default_factory=dict)


@dataclass
class QualityInputs:
    rules: list[ValidationRule]
    entries: list[ServiceEntry]
    mutu: list[MutuEntry]
    activities: list[Activity]
    previous: list[PreviousFigures]  # newest first
    last_accepted: PreviousFigures | None


def rule_applicable_list(*, report: Report) -> list[ValidationRule]:
    """Active rules for the report's urusan and level (a rule without scope applies everywhere)."""
    return list(
        ValidationRule.objects.filter(is_active=True)
        .filter(Q(urusan__isnull=True) | Q(urusan_id=report.urusan_id))
        .filter(Q(level="") | Q(level=report.region.level))
        .order_by("kind", "pk")
    )


def _figures(report: Report) -> PreviousFigures:
    data = report.sent_snapshot.data or {}
    services = {s["code"]: s for s in data.get("services", [])}
    kegiatan = {(s["code"], k["name"]): k for s in data.get("services", []) for k in s.get("kegiatan", [])}
    return PreviousFigures(label=str(report.period), services=services, kegiatan=kegiatan)


def _earlier_sent(report: Report):
    period = report.period
    earlier = Q(period__year__lt=period.year) | Q(period__year=period.year, period__quarter__lt=period.quarter)
    return (
        Report.objects.filter(earlier, region_id=report.region_id, urusan_id=report.urusan_id)
        .exclude(sent_snapshot__isnull=True)
        .select_related("period", "sent_snapshot")
        .order_by("-period__year", "-period__quarter")
    )


def quality_inputs(*, report: Report) -> QualityInputs:
    """What the checks of ``report`` read (seven queries)."""
    rules = rule_applicable_list(report=report)
    lookback = max((r.lookback for r in rules if r.kind == RuleKind.OUTLIER), default=DEFAULT_LOOKBACK)
    previous = [_figures(r) for r in _earlier_sent(report)[: max(lookback, 1)]]
    accepted = _earlier_sent(report).filter(status=ReportStatus.ACCEPTED).first()
    return QualityInputs(
        rules=rules,
        entries=list(ServiceEntry.objects.filter(report=report).order_by("order", "id")),
        mutu=list(MutuEntry.objects.filter(entry__report=report).order_by("entry_id", "order", "id")),
        activities=list(Activity.objects.filter(entry__report=report).order_by("entry_id", "id")),
        previous=previous,
        last_accepted=_figures(accepted) if accepted is not None else None,
    )


def report_warning_list(*, report: Report) -> list[ReportWarning]:
    """The report's warnings that still stand (open or confirmed), in the order the checks found them."""
    return list(
        ReportWarning.objects.filter(report=report)
        .exclude(status=WarningStatus.RESOLVED)
        .select_related("rule", "confirmed_by", "confirmed_by__region")
        .order_by("rule__kind", "id")
    )


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
