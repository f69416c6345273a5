"""A returned report as it was last sent, for every reader but the pemda correcting it (issue 24.6).

While a pemda corrects a returned report, its rows change with every save; the province, the ministry and
API tokens must keep reading what was sent (``ReportSnapshot``, taken at every Kirim), as monitoring and the
recap already do. ``access.reads_sent_version`` decides who; ``sent_view_apply`` turns a report instance read
for such a user into its sent version, in memory and never saved:

- the summary columns become the snapshot's;
- the services keep their live structure (code, name, indikator, order, ids) with the sent figures, their
  mutu items and kegiatan come from the snapshot, as do the permasalahan, the warnings and the list of data
  dukung files; each is put where the readers look for it (``report.sent_view`` for the tab selectors,
  Django's prefetch cache for the Excel and annual PDF code that iterates ``report.entries.all()``).

Every page, file list and download, workbook, printout and API answer built from such an instance shows the
sent version, with no selector of its own to forget. A version sent before snapshots kept ids, warnings and
files (before issue 24.6) shows kegiatan and notes without ids (0), the warnings as they stood before the
Kirim date, and the files uploaded before it.
"""

from dataclasses import dataclass, field
from typing import Protocol, cast

from django.db.models import Model, Prefetch
from django.utils import timezone

from reporting.messages import SENT_VERSION_SHOWN
from reporting.models import (
    Activity,
    MutuEntry,
    Problem,
    ProblemCategory,
    Report,
    ReportSnapshot,
    ReportWarning,
    ServiceEntry,
    SupportingFile,
    User,
)
from reporting.selectors import access


@dataclass
class SentView:
    snapshot: ReportSnapshot
    entries: list[ServiceEntry]
    problems: list[Problem]
    warnings: list[ReportWarning] | None  # None: an old snapshot without them (read the live ones up to Kirim)
    file_ids: set[int] | None = None  # None: an old snapshot without them (files uploaded up to Kirim)
    activities: list[Activity] = field(default_factory=list)

    @property
    def sent_at(self):
        return self.snapshot.sent_at

    def file_shown(self, record: SupportingFile) -> bool:
        if self.file_ids is not None:
            return record.pk in self.file_ids
        return record.uploaded_at <= self.sent_at


class _Viewed(Protocol):
    """A report once ``sent_view_apply`` made it its sent version (``sent_view_of`` reads the attribute)."""

    sent_view: SentView


class _Prefetched(Protocol):
    """An instance as ``prefetch_related`` leaves it: the related rows by relation name, which
    ``instance.<relation>.all()`` returns without a query (an attribute the ORM sets at run time)."""

    _prefetched_objects_cache: dict[str, list]


def _rows_prefetched(instance: Model, **rows: list) -> None:
    """Make ``instance.<relation>.all()`` return ``rows[relation]``, keeping its other prefetched relations."""
    cache = getattr(instance, "_prefetched_objects_cache", None) or {}
    cache.update(rows)
    cast(_Prefetched, instance)._prefetched_objects_cache = cache


def sent_view_for(user: User, report: Report) -> SentView | None:
    """Put the sent version on ``report`` when ``user`` reads that one (three queries); ``None`` otherwise."""
    if not access.reads_sent_version(user, report) or report.sent_snapshot_id is None:  # reads it: it has one
        return None
    snapshot = ReportSnapshot.objects.filter(pk=report.sent_snapshot_id).first()
    if snapshot is None:
        return None
    return sent_view_apply(report, snapshot)


def sent_version_notice(view: SentView) -> str:
    """What the report pages say above a sent version shown to a reader other than the pemda."""
    return SENT_VERSION_SHOWN.format(sent_at=timezone.localtime(view.sent_at).strftime("%d-%m-%Y %H:%M"))


def sent_view_of(report: Report) -> SentView | None:
    """The sent version put on ``report`` by ``sent_view_for``, if any."""
    return getattr(report, "sent_view", None)


def sent_view_apply(report: Report, snapshot: ReportSnapshot) -> SentView:
    """Make the in-memory ``report`` its sent version ``snapshot`` (two queries: the live services and their
    mutu items, for their structure)."""
    data = snapshot.data or {}
    for name in Report.SUMMARY_FIELDS:
        setattr(report, name, getattr(snapshot, name))
    live = ServiceEntry.objects.filter(report=report).order_by("order", "id")
    live = live.prefetch_related(Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id")))
    sent_services = {s.get("code"): s for s in data.get("services", [])}
    entries, activities = [], []
    for entry in live:
        sent = sent_services.get(entry.service_code, {})
        entry.harus_dilayani, entry.terlayani = sent.get("harus_dilayani"), sent.get("terlayani")
        mutu = _sent_mutu(list(entry.mutu_entries.all()), sent.get("mutu", []))
        kegiatan = [_sent_activity(entry, item) for item in sent.get("kegiatan", [])]
        _rows_prefetched(entry, mutu_entries=mutu, activities=kegiatan)  # the live prefetch had mutu_entries only
        entries.append(entry)
        activities += kegiatan
    problems = [_sent_problem(report, item) for item in data.get("permasalahan", [])]
    warnings = None
    if "peringatan" in data:
        warnings = [
            ReportWarning(report=report, **_fields(w, ("id", "label", "message", "status", "note")))
            for w in data["peringatan"]
        ]
    view = SentView(
        snapshot=snapshot,
        entries=entries,
        problems=problems,
        warnings=warnings,
        file_ids=set(data["files"]) if "files" in data else None,
        activities=activities,
    )
    cast(_Viewed, report).sent_view = view
    _rows_prefetched(report, entries=entries, problems=sorted(problems, key=lambda p: (p.category, p.pk or 0)))
    if hasattr(report, "confirmed_warnings"):  # the annual printout's prefetch
        report.confirmed_warnings = [w for w in warnings or [] if w.status == "confirmed"]
    return view


def _fields(item: dict, names: tuple[str, ...]) -> dict:
    return {("pk" if name == "id" else name): item.get(name, 0 if name == "id" else "") for name in names}


def _sent_mutu(live: list[MutuEntry], sent: list[dict]) -> list[MutuEntry]:
    """The live mutu items with the sent figures: matched by id, else by position (older snapshots)."""
    by_id = {m.get("id"): m for m in sent if m.get("id") is not None}
    for index, mutu in enumerate(live):
        item = by_id.get(mutu.pk) or (sent[index] if index < len(sent) and not by_id else {})
        mutu.harus_dipenuhi, mutu.terpenuhi = item.get("harus_dipenuhi"), item.get("terpenuhi")
    return live


def _sent_activity(entry: ServiceEntry, item: dict) -> Activity:
    activity = Activity(
        pk=item.get("id") or 0,
        entry=entry,
        name=item.get("name", ""),
        pagu=item.get("pagu") or 0,
        realisasi=item.get("realisasi") or 0,
        justification=item.get("justification") or "",
    )
    activity._state.adding = False
    return activity


CATEGORY_BY_LABEL = {str(label): value for value, label in ProblemCategory.choices}


def _sent_problem(report: Report, item: dict) -> Problem:
    category = item.get("category_value") or CATEGORY_BY_LABEL.get(item.get("category", ""), "")
    return Problem(
        pk=item.get("id") or 0,
        report=report,
        category=category,
        text=item.get("text", ""),
        solution=item.get("solution") or "",
    )
