"""The one values service: tab A figures and tab B sub kegiatan of a report, saved by the tab forms, the Excel
import and the API alike (``report_values_save``).

One call is one write (``reporting.services.writes.report_write``): the report row locked, the permission, the
window and the version the user saw checked, then the report's rows read **once** (services, mutu items,
kegiatan) and passed down to the checks, the changes, the history, the summary and the plausibility recheck,
which runs inside the same transaction (``quality.report_warnings_refresh`` on the rows in memory). Every
check runs before anything is written: a call either saves everything it was given or nothing, and its
``ReportValidationError`` names every bad field at once.

Keys. A figure is named as the tab A input and its error: ``entry-<ServiceEntry.id>-harus_dilayani`` /
``terlayani``, ``mutu-<MutuEntry.id>-harus_dipenuhi`` / ``terpenuhi``. A sub kegiatan line is a
``KegiatanLine`` at position ``i`` of ``kegiatan``; its errors are ``kegiatan-<i>-<field>`` with field ``name``,
``pagu``, ``realisasi``, ``justification``, ``entry`` (not a service of this report, or, with the code
``KEGIATAN_CAP`` in ``ReportValidationError.codes``, a new kegiatan past the cap) or ``activity`` (not a
kegiatan of this report).
"""

import contextvars
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch

from reporting import calculations
from reporting.messages import (
    ACTIVITY_NAME_REQUIRED,
    COUNT_INVALID,
    JUSTIFICATION_REQUIRED,
    KEGIATAN_CAP_REPORT,
    KEGIATAN_CAP_SERVICE,
    MET_EXCEEDS_TARGET,
    MONEY_INVALID,
    MONEY_REQUIRED,
    SERVED_EXCEEDS_TARGET,
    UNKNOWN_ROW,
    text_too_long,
)
from reporting.models import TEXT_LIMITS, Activity, MutuEntry, Report, ReportWarning, ServiceEntry, User, WarningStatus
from reporting.services import quality
from reporting.services.kegiatan_caps import KEGIATAN_CAP, kegiatan_caps, kegiatan_counts_after
from reporting.services.summary import FIGURES, MONEY
from reporting.services.writes import ReportValidationError, ReportWrite, report_write

Figures = Mapping[str, int | None]
"""Tab A figures by input name (``entry-12-terlayani``); a figure left out is not touched."""

TARGET_MET = {"entry": ("harus_dilayani", "terlayani"), "mutu": ("harus_dipenuhi", "terpenuhi")}
FIGURE_KEY = re.compile(r"^(entry|mutu)-(\d+)-(harus_dilayani|terlayani|harus_dipenuhi|terpenuhi)$")
FIELD_LABELS = {
    "harus_dilayani": "jumlah yang harus dilayani",
    "terlayani": "jumlah yang terlayani",
    "harus_dipenuhi": "jumlah yang harus dipenuhi",
    "terpenuhi": "jumlah yang terpenuhi",
}


# The reports whose values this thread is saving now; the tests prove with it that the form, the import and the
# API change no value around this service (``tests/integration/test_values_service.py``).
_saving: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar("spm_values_saving", default=frozenset())


def values_save_active(report_id: int) -> bool:
    """Is a ``report_values_save`` of this report running (in this thread)?"""
    return report_id in _saving.get()


def figure_key(kind: str, pk: int, name: str) -> str:
    """The input name and error key of a figure: ``figure_key("entry", 12, "terlayani")`` -> ``entry-12-terlayani``."""
    return f"{kind}-{pk}-{name}"


@dataclass(frozen=True)
class KegiatanLine:
    """One sub kegiatan of a save: a new one (``entry_id``), a change of one (``activity_id``) or, with
    ``delete``, its deletion (``activity_id`` only)."""

    entry_id: int | None = None
    activity_id: int | None = None
    name: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    justification: str = ""
    delete: bool = False


@dataclass
class ReportRows:
    """A report's value rows, read once per save under the write's lock and kept current by the save."""

    entries: dict[int, ServiceEntry]  # in page order, each with its mutu items prefetched
    mutu: dict[int, MutuEntry]
    activities: dict[int, Activity]

    @classmethod
    def read(cls, report: Report) -> "ReportRows":
        """Three queries: the services, their mutu items, the kegiatan."""
        entries = list(
            ServiceEntry.objects.filter(report=report)
            .order_by("order", "id")
            .prefetch_related(Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id")))
        )
        activities = Activity.objects.filter(entry__report=report).order_by("entry_id", "id")
        return cls(
            entries={e.pk: e for e in entries},
            mutu={m.pk: m for e in entries for m in e.mutu_entries.all()},
            activities={a.pk: a for a in activities},
        )

    def row(self, kind: str, pk: int) -> ServiceEntry | MutuEntry | None:
        return (self.entries if kind == "entry" else self.mutu).get(pk)


@dataclass
class ValuesSaved:
    """What a save did: the figures that changed, the kegiatan created (in order), changed and deleted, and the
    report's standing plausibility warnings after the recheck (open first)."""

    report: Report
    figures_changed: int = 0
    created: list[Activity] = field(default_factory=list)
    updated: int = 0
    deleted: int = 0
    warnings: list[ReportWarning] = field(default_factory=list)

    @property
    def open_warnings(self) -> list[ReportWarning]:
        return [w for w in self.warnings if w.status == WarningStatus.OPEN]


# --- The checks (the one home of tab A's and tab B's value rules) ------------------------------------------


def _valid_count(value) -> bool:
    return value is None or calculations.is_whole_number(value)


def _figure_rows(figures: Figures, rows: ReportRows, complete: bool) -> dict[tuple[str, int], dict[str, int | None]]:
    """The figures by row (in the order given; ``complete``: every row of the report in page order, a figure
    left out is empty, names of other rows are ignored)."""
    if complete:
        by_row: dict[tuple[str, int], dict[str, int | None]] = {}
        for entry in rows.entries.values():
            for kind, pk in (("entry", entry.pk), *(("mutu", m.pk) for m in entry.mutu_entries.all())):
                by_row[(kind, pk)] = {name: figures.get(figure_key(kind, pk, name)) for name in TARGET_MET[kind]}
        return by_row
    by_row = {}
    for key, value in figures.items():
        match = FIGURE_KEY.match(key)
        if match is None:
            raise ValueError(f"not a figure name: {key}")
        kind, pk, name = match.group(1), int(match.group(2)), match.group(3)
        if name not in TARGET_MET[kind]:
            raise ValueError(f"not a figure name: {key}")
        by_row.setdefault((kind, pk), {})[name] = value
    return by_row


def _named_errors(rows: ReportRows, named: Collection[tuple[int, int | None]]) -> dict[str, str]:
    """``named``: the rows a nested request names (the API's ``entries``) as (service, mutu item or None) pairs;
    each must be a row of the report, and a mutu item must be named under its own service."""
    errors: dict[str, str] = {}
    for entry_id, mutu_id in named:
        if entry_id not in rows.entries:
            errors[figure_key("entry", entry_id, "harus_dilayani")] = UNKNOWN_ROW
        elif mutu_id is not None and (mutu_id not in rows.mutu or rows.mutu[mutu_id].entry_id != entry_id):
            errors[figure_key("mutu", mutu_id, "harus_dipenuhi")] = UNKNOWN_ROW
    return errors


def _figure_errors(by_row, rows: ReportRows, named: Collection[tuple[int, int | None]]) -> dict[str, str]:
    """Whole numbers >= 0, met <= target; a figure left out keeps its stored value, which counts against the
    other. ``named``: see ``_named_errors``."""
    errors = _named_errors(rows, named)
    mutu_under = {mutu_id: entry_id for entry_id, mutu_id in named if mutu_id is not None}
    for (kind, pk), values in by_row.items():
        stored = rows.row(kind, pk)
        target_name, met_name = TARGET_MET[kind]
        if stored is None or figure_key(kind, pk, target_name) in errors:
            errors[figure_key(kind, pk, target_name)] = UNKNOWN_ROW
            continue
        if kind == "mutu" and figure_key("entry", mutu_under.get(pk, 0), "harus_dilayani") in errors:
            continue  # given under a service that is not the report's
        for name in (target_name, met_name):
            if not _valid_count(values.get(name)):
                errors[figure_key(kind, pk, name)] = COUNT_INVALID
        if any(figure_key(kind, pk, name) in errors for name in (target_name, met_name)):
            continue
        target, met = (values[name] if name in values else getattr(stored, name) for name in (target_name, met_name))
        if target is not None and met is not None and met > target:
            errors[figure_key(kind, pk, met_name)] = SERVED_EXCEEDS_TARGET if kind == "entry" else MET_EXCEEDS_TARGET
    return errors


def activity_errors(*, name: str, pagu, realisasi, justification: str) -> dict[str, str]:
    """The rules of one sub kegiatan (keys ``name``, ``pagu``, ``realisasi``, ``justification``)."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = ACTIVITY_NAME_REQUIRED
    for key, (value, limit) in (
        ("name", (name, TEXT_LIMITS["activity_name"])),
        ("justification", (justification, TEXT_LIMITS["justification"])),
    ):
        message = text_too_long(value, limit)
        if message and key not in errors:
            errors[key] = message
    for key, value in (("pagu", pagu), ("realisasi", realisasi)):
        if value is None:
            errors[key] = MONEY_REQUIRED
        elif not _valid_count(value):
            errors[key] = MONEY_INVALID
    money_ok = not errors.keys() & {"pagu", "realisasi"}
    if money_ok and calculations.exceeds_pagu(pagu, realisasi) and not (justification or "").strip():
        errors["justification"] = JUSTIFICATION_REQUIRED
    return errors


def _kegiatan_errors(
    lines: Sequence[KegiatanLine], rows: ReportRows, complete: bool = False
) -> tuple[dict[str, str], dict[str, str]]:
    """The errors of the lines or, when they have none, of the cap; and the codes of those errors (the cap's)."""
    errors: dict[str, str] = {}
    for i, line in enumerate(lines):
        if line.activity_id is not None and line.activity_id not in rows.activities:
            errors[f"kegiatan-{i}-activity"] = UNKNOWN_ROW
            continue
        if line.delete:
            continue
        found = activity_errors(
            name=line.name, pagu=line.pagu, realisasi=line.realisasi, justification=line.justification
        )
        if line.activity_id is None and line.entry_id not in rows.entries:
            found["entry"] = UNKNOWN_ROW
        errors.update({f"kegiatan-{i}-{key}": message for key, message in found.items()})
    if errors:
        return errors, {}
    capped = _kegiatan_cap_errors(lines, rows, complete)
    return capped, dict.fromkeys(capped, KEGIATAN_CAP)


def _kegiatan_cap_errors(lines: Sequence[KegiatanLine], rows: ReportRows, complete: bool = False) -> dict[str, str]:
    """The cap on sub kegiatan per service and per report (``services.kegiatan_caps``), at the new kegiatan
    that would pass it, counted on the kegiatan this save keeps (``kegiatan_counts_after``)."""
    existing = ((a.pk, a.entry_id) for a in rows.activities.values())
    changes = [line for line in lines if line.activity_id is not None]
    per_entry = kegiatan_counts_after(existing, changes, complete=complete)
    per_service, per_report = kegiatan_caps()
    total = sum(per_entry.values())
    for i, line in enumerate(lines):
        if line.delete or line.activity_id is not None or line.entry_id is None:
            continue
        here = per_entry.get(line.entry_id, 0)
        if here >= per_service:
            name = rows.entries[line.entry_id].service_name
            return {f"kegiatan-{i}-entry": KEGIATAN_CAP_SERVICE.format(service=name, limit=per_service)}
        if total >= per_report:
            return {f"kegiatan-{i}-entry": KEGIATAN_CAP_REPORT.format(limit=per_report)}
        per_entry[line.entry_id] = here + 1
        total += 1
    return {}


def values_errors(
    *,
    rows: ReportRows,
    figures: Figures,
    figures_complete: bool = False,
    named: Collection[tuple[int, int | None]] = (),
    kegiatan: Sequence[KegiatanLine] = (),
) -> dict[str, str]:
    """Every error of a save against the report's ``rows`` (empty when it may be saved); nothing is written."""
    by_row = _figure_rows(figures, rows, figures_complete)
    kegiatan_errors, _ = _kegiatan_errors(kegiatan, rows)
    return {**_figure_errors(by_row, rows, named), **kegiatan_errors}


def report_values_check(
    *,
    report: Report,
    figures: Figures,
    named: Collection[tuple[int, int | None]] = (),
    kegiatan: Sequence[KegiatanLine] = (),
) -> dict[str, str]:
    """The errors a save of these values would have, without the lock or a write: for a caller that has found
    errors of its own (an import's unreadable cells) and names every error at once."""
    return values_errors(rows=ReportRows.read(report), figures=figures, named=named, kegiatan=kegiatan)


# --- The writes ---------------------------------------------------------------------------------------------


def describe_activity(activity: Activity) -> str:
    """A kegiatan as its history entry shows it: "Rehab; pagu 1.000; realisasi 900"."""
    return (
        f"{activity.name}; pagu {calculations.format_number(activity.pagu)}; "
        f"realisasi {calculations.format_number(activity.realisasi)}"
    )


def _save_figures(write: ReportWrite, by_row, rows: ReportRows) -> int:
    """Apply the figures, one history entry per changed value; returns how many changed."""
    changed: dict[str, list] = {"entry": [], "mutu": []}
    count = 0
    for (kind, pk), values in by_row.items():
        row: ServiceEntry | MutuEntry
        if kind == "entry":
            row = rows.entries[pk]
            label = row.service_name
        else:
            row = rows.mutu[pk]
            label = f"{rows.entries[row.entry_id].service_name} / {row.name}"
        row_changed = False
        for name in TARGET_MET[kind]:
            if name not in values or getattr(row, name) == values[name]:
                continue
            old = getattr(row, name)
            setattr(row, name, values[name])
            write.record(field=f"{label}: {FIELD_LABELS[name]}", old=old, new=values[name])
            row_changed, count = True, count + 1
        if row_changed:
            changed[kind].append(row)
    if changed["entry"]:
        ServiceEntry.objects.bulk_update(changed["entry"], list(TARGET_MET["entry"]))
    if changed["mutu"]:
        MutuEntry.objects.bulk_update(changed["mutu"], list(TARGET_MET["mutu"]))
    if by_row:  # a tab A save is a save even when no figure changed: the version goes up, as it always has
        write.refresh(FIGURES)
    return count


def _money(line: KegiatanLine) -> tuple[int, int]:
    """The pagu and realisasi of a line the checks passed (neither is empty then)."""
    if line.pagu is None or line.realisasi is None:
        raise ValueError("a kegiatan line without money passed the checks")
    return line.pagu, line.realisasi


def _justification(line: KegiatanLine) -> str:
    return line.justification.strip() if calculations.exceeds_pagu(*_money(line)) else ""


def _create(write: ReportWrite, line: KegiatanLine, rows: ReportRows, saved: ValuesSaved) -> None:
    entry = rows.entries[line.entry_id or 0]
    pagu, realisasi = _money(line)
    activity = Activity.objects.create(
        entry=entry, name=line.name.strip(), pagu=pagu, realisasi=realisasi, justification=_justification(line)
    )
    rows.activities[activity.pk] = activity
    write.record(
        field=f"Kegiatan {entry.service_name}", new=describe_activity(activity), message="Kegiatan ditambahkan"
    )
    saved.created.append(activity)


def _update(write: ReportWrite, line: KegiatanLine, rows: ReportRows, saved: ValuesSaved) -> None:
    activity = rows.activities[line.activity_id or 0]
    before = (activity.name, activity.pagu, activity.realisasi, activity.justification)
    after = (line.name.strip(), *_money(line), _justification(line))
    if after == before:
        return  # nothing changed: no write, no history
    old = describe_activity(activity)
    activity.name, activity.pagu, activity.realisasi, activity.justification = after
    activity.save(update_fields=["name", "pagu", "realisasi", "justification"])
    write.record(
        field=f"Kegiatan {rows.entries[activity.entry_id].service_name}",
        old=old,
        new=describe_activity(activity),
        message="Kegiatan diubah",
    )
    saved.updated += 1


def _delete(write: ReportWrite, activity: Activity, rows: ReportRows, saved: ValuesSaved) -> None:
    write.record(
        field=f"Kegiatan {rows.entries[activity.entry_id].service_name}",
        old=describe_activity(activity),
        message="Kegiatan dihapus",
    )
    Activity.objects.filter(pk=activity.pk).delete()
    del rows.activities[activity.pk]
    saved.deleted += 1


def _save_kegiatan(
    write: ReportWrite, lines: Sequence[KegiatanLine], complete: bool, rows: ReportRows, saved: ValuesSaved
) -> None:
    listed = {line.activity_id for line in lines if line.activity_id is not None}
    for line in lines:
        if line.delete:
            _delete(write, rows.activities[line.activity_id or 0], rows, saved)
        elif line.activity_id is None:
            _create(write, line, rows, saved)
        else:
            _update(write, line, rows, saved)
    if complete:
        for pk in sorted(set(rows.activities) - listed - {a.pk for a in saved.created}):
            _delete(write, rows.activities[pk], rows, saved)
    if saved.created or saved.updated or saved.deleted:
        write.refresh(MONEY)


def report_values_save(
    *,
    report: Report,
    user: User,
    expected_version: int | None,
    figures: Figures | None = None,
    figures_complete: bool = False,
    named: Collection[tuple[int, int | None]] = (),
    kegiatan: Sequence[KegiatanLine] = (),
    kegiatan_complete: bool = False,
    note: str = "",
) -> ValuesSaved:
    """Save tab A figures and tab B sub kegiatan of ``report`` in one write, then recheck its warnings.

    ``expected_version`` is the version the user saw (the form's hidden field, the template's Info sheet, the
    API's ``expected_version``); another one raises ``ReportConflictError`` before anything is read. Also
    raises ``ReportPermissionError`` and ``ReportLockedError`` (``report_write``), and
    ``ReportValidationError`` with every error (see the module docstring for the keys; nothing is saved).

    ``figures_complete``: the figures are a whole tab A form (a figure of the report left out is emptied, names
    of rows not in the report are ignored, as a browser's form has only the report's inputs); otherwise a name
    not in the report is an error. ``named``: the (service, mutu item or None) pairs a nested request names,
    checked to be the report's rows (``reports.figures_of_entries`` makes them). ``kegiatan`` lines run in order; ``kegiatan_complete`` deletes the report's
    kegiatan not listed (the API's whole list). Writes one history entry per changed value, bumps the version
    once, refreshes the summary parts the save touched and the plausibility warnings, all in one transaction.
    ``note`` is the message of the history entries (the API names its token).
    """
    token = _saving.set(_saving.get() | {report.pk})
    try:
        return _save(
            report=report,
            user=user,
            expected_version=expected_version,
            figures=figures or {},
            figures_complete=figures_complete,
            named=named,
            kegiatan=kegiatan,
            kegiatan_complete=kegiatan_complete,
            note=note,
        )
    finally:
        _saving.reset(token)


def _save(*, report, user, expected_version, figures, figures_complete, named, kegiatan, kegiatan_complete, note):
    with report_write(report=report, user=user, expected_version=expected_version, note=note) as write:
        rows = ReportRows.read(write.report)
        by_row = _figure_rows(figures, rows, figures_complete)
        kegiatan_errors, codes = _kegiatan_errors(kegiatan, rows, kegiatan_complete)
        errors = {**_figure_errors(by_row, rows, named), **kegiatan_errors}
        if errors:
            raise ReportValidationError(errors, codes)
        saved = ValuesSaved(report=report)
        saved.figures_changed = _save_figures(write, by_row, rows)
        _save_kegiatan(write, kegiatan, kegiatan_complete, rows, saved)
        if not write.joined:
            write.summary_rows = rows
        # A write this save joined may change rows after it: then the recheck reads them at its end.
        held = None if write.joined else rows
        write.after(lambda: _recheck(write, held, saved))
    return saved


def _recheck(write: ReportWrite, rows: ReportRows | None, saved: ValuesSaved) -> None:
    """The plausibility warnings on the saved rows, in the write's transaction, after the version bump."""
    saved.warnings = quality.report_warnings_refresh(report=write.report, rows=rows)
