"""Writes to a quarterly report: creation, tab A (capaian), tab B (kegiatan), tab C (permasalahan),
the summary, and the workflow (Kirim, Kembalikan, Terima, Buka kembali).

Every write is atomic, locks the report row (``select_for_update``), checks who may
write and whether the report is editable (``reporting.selectors.reports.report_lock_reason``),
bumps ``Report.version`` (optimistic locking: pass the version the form was opened
with as ``expected_version``), writes ``ReportEvent`` history and refreshes the summary.

Files (data dukung) live in ``reporting.services.files``; SK Tim, tahapan and rencana
aksi in ``reporting.services.documents``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from reporting import calculations
from reporting.models import (
    Activity,
    MutuEntry,
    Period,
    Problem,
    ProblemCategory,
    Region,
    Report,
    ReportEvent,
    ReportStatus,
    ServiceEntry,
    ServiceType,
    Urusan,
    User,
)
from reporting.selectors import access
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import (
    NOT_ALLOWED,
    STATUS_LABELS,
    category_thresholds,
    report_lock_reason,
    with_own_extension,
)
from reporting.services import notifications, quality
from reporting.services.snapshots import report_snapshot_take

# --- Messages the user sees (tests import them) -------------------------------------
COUNT_INVALID = "Isi dengan bilangan bulat tidak negatif, misalnya 1200 atau 1.200."
NUMBER_TOO_LARGE = "Angka terlalu besar: paling besar 999.999.999.999.999."
SERVED_EXCEEDS_TARGET = "Jumlah yang terlayani tidak boleh melebihi jumlah yang harus dilayani."
MET_EXCEEDS_TARGET = "Jumlah yang terpenuhi tidak boleh melebihi jumlah yang harus dipenuhi."
UNKNOWN_ROW = "Baris ini bukan bagian dari laporan ini."
CONFLICT = (
    "Laporan ini sudah diubah oleh pengguna lain setelah formulir Anda dibuka. Perubahan Anda tidak disimpan; "
    "muat ulang halaman untuk melihat data terbaru lalu isi kembali."
)
MONEY_INVALID = "Isi dengan angka rupiah tanpa desimal, misalnya 1200998320 atau 1.200.998.320."
MONEY_REQUIRED = "Wajib diisi (boleh 0)."
ACTIVITY_NAME_REQUIRED = "Nama sub kegiatan wajib diisi."
JUSTIFICATION_REQUIRED = "Realisasi melebihi pagu: tuliskan alasannya."
PROBLEM_TEXT_REQUIRED = "Catatan permasalahan wajib diisi."
PROBLEM_CATEGORY_INVALID = "Pilih salah satu kategori permasalahan."
RETURN_REASON_REQUIRED = "Tuliskan alasan laporan dikembalikan agar pemda dapat memperbaikinya."
CANNOT_SUBMIT = "Hanya akun pemda yang dapat mengirim laporannya sendiri."
CANNOT_REVIEW = "Anda tidak berhak memeriksa laporan ini."
NOT_SUBMITTED = "Hanya laporan yang sudah dikirim yang dapat diterima atau dikembalikan."
ALREADY_SENT = "Laporan ini sudah dikirim atau sudah diterima."
REOPEN_ONLY_MINISTRY = "Hanya kementerian yang dapat membuka kembali laporan."
REOPEN_UNTIL_PAST = "Tanggal buka kembali harus setelah saat ini."
NO_CATALOGUE = "Katalog SPM untuk tahun ini belum tersedia. Hubungi Kementerian Dalam Negeri."

FIELD_LABELS = {
    "harus_dilayani": "jumlah yang harus dilayani",
    "terlayani": "jumlah yang terlayani",
    "harus_dipenuhi": "jumlah yang harus dipenuhi",
    "terpenuhi": "jumlah yang terpenuhi",
}


class ReportValidationError(ValidationError):
    """Bad input; ``field_errors`` maps a field key (``entry-12-terlayani``) to one Indonesian message."""

    def __init__(self, field_errors: dict[str, str]):
        self.field_errors = dict(field_errors)
        super().__init__({key: [message] for key, message in self.field_errors.items()})


class ReportConflictError(ValidationError):
    """Someone saved the report after the form was opened; nothing was written."""

    def __init__(self, message: str = CONFLICT):
        super().__init__(message, code="conflict")


class ReportLockedError(ValidationError):
    """The report is read-only now (submitted, accepted, or window closed)."""

    def __init__(self, message: str):
        super().__init__(message, code="locked")


class ReportPermissionError(PermissionDenied):
    """The user may not do this to this report."""


# --- Creation and summary -------------------------------------------------------------


def _catalogue_year(level: str, urusan: Urusan, year: int) -> int | None:
    """The catalogue year a report of ``year`` copies: that year's, else the latest before it."""
    years = ServiceType.objects.filter(level=level, urusan=urusan, year__lte=year).order_by("-year")
    return years.values_list("year", flat=True).first()


@transaction.atomic
def report_get_or_create(*, region: Region, urusan: Urusan, period: Period) -> Report:
    """The report of ``region`` for ``urusan`` in ``period``, created with its rows on first use.

    A new report gets one ServiceEntry per ServiceType of the catalogue year
    ``period.year`` (or the latest earlier year) for the region's level and urusan,
    with the texts copied, and one MutuEntry per mutu item; ``figures_required`` is set.
    """
    report = Report.objects.filter(region=region, urusan=urusan, period=period).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            report = Report.objects.create(region=region, urusan=urusan, period=period)
    except IntegrityError:  # created meanwhile by a concurrent request
        return Report.objects.get(region=region, urusan=urusan, period=period)
    year = _catalogue_year(region.level, urusan, period.year)
    services = (
        ServiceType.objects.filter(year=year, level=region.level, urusan=urusan)
        .order_by("order", "code")
        .prefetch_related("mutu_items")
    )
    services = list(services) if year is not None else []
    entries = ServiceEntry.objects.bulk_create(
        ServiceEntry(
            report=report, service=s, service_code=s.code, service_name=s.name, indikator=s.indikator, order=i
        )
        for i, s in enumerate(services, start=1)
    )
    if any(e.pk is None for e in entries):  # backends without RETURNING
        entries = list(report.entries.order_by("order"))
    MutuEntry.objects.bulk_create(
        MutuEntry(entry=entry, mutu_item=item, name=item.name, order=j)
        for entry, service in zip(entries, services, strict=True)
        for j, item in enumerate(sorted(service.mutu_items.all(), key=lambda m: (m.order, m.pk)), start=1)
    )
    report_summary_refresh(report=report)
    return report


FIGURES, MONEY = "figures", "money"  # the two halves of a report's summary


def report_summary_refresh(*, report: Report, parts=(FIGURES, MONEY)) -> None:
    """Recompute the summary fields of ``report`` (``parts`` of it, see ``_summary_values``) and save them."""
    changed = _summary_values(report, parts)
    for name, value in changed.items():
        setattr(report, name, value)
    Report.objects.filter(pk=report.pk).update(**changed)


def _summary_values(report: Report, parts) -> dict:
    """The summary fields of ``report`` in ``parts``, recomputed from its rows (not saved).

    ``FIGURES`` (two queries): urusan capaian penerima / mutu / indeks = mean of the applicable service
    values (``calculations.mean_percentage``); category from the CategoryThreshold rows; figures_required
    counts every harus/terlayani/harus_dipenuhi/terpenuhi cell and figures_filled the non-empty ones.
    ``MONEY`` (one query): pagu/realisasi totals from the activities. A write refreshes only the half
    its rows feed (tab A figures, tab B money; tab C feeds neither).
    """
    changed = {}
    if FIGURES in parts:
        mutu_by_entry: dict[int, list[tuple]] = {}
        for entry_id, target, met in MutuEntry.objects.filter(entry__report=report).values_list(
            "entry_id", "harus_dipenuhi", "terpenuhi"
        ):
            mutu_by_entry.setdefault(entry_id, []).append((target, met))
        penerima_values, mutu_values, indeks_values = [], [], []
        required = filled = 0
        for entry_id, harus, terlayani in ServiceEntry.objects.filter(report=report).values_list(
            "id", "harus_dilayani", "terlayani"
        ):
            mutu_pairs = mutu_by_entry.get(entry_id, [])
            penerima = calculations.capaian_penerima(harus, terlayani)
            mutu = calculations.capaian_mutu(mutu_pairs)
            penerima_values.append(penerima)
            mutu_values.append(mutu)
            indeks_values.append(calculations.indeks_capaian(penerima, mutu))
            cells = [harus, terlayani, *(value for pair in mutu_pairs for value in pair)]
            required += len(cells)
            filled += sum(1 for c in cells if c is not None)
        indeks = calculations.mean_percentage(indeks_values)
        changed.update(
            capaian_penerima=calculations.mean_percentage(penerima_values),
            capaian_mutu=calculations.mean_percentage(mutu_values),
            indeks=indeks,
            category=calculations.category_for(indeks, category_thresholds()),
            figures_required=required,
            figures_filled=filled,
        )
    if MONEY in parts:
        money = Activity.objects.filter(entry__report=report).aggregate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
        changed.update(pagu_total=money["pagu"] or 0, realisasi_total=money["realisasi"] or 0)
    return changed


# --- Shared write plumbing --------------------------------------------------------


def _lock_for_write(*, report: Report, user: User, expected_version: int | None) -> Report:
    """Lock the row, check rights, editability and version; return the locked, fresh report."""
    locked = _locked(report)
    if not access.can_edit_report(user, locked):
        raise ReportPermissionError(NOT_ALLOWED)
    reason = report_lock_reason(report=locked)
    if reason:
        raise ReportLockedError(reason)
    if expected_version is not None and locked.version != expected_version:
        raise ReportConflictError()
    return locked


def _finish_write(*, report: Report, events: list[ReportEvent], summary=()) -> Report:
    """Store the history, bump the version and refresh the ``summary`` parts the write touched, in one UPDATE."""
    ReportEvent.objects.bulk_create(events)
    changed = _summary_values(report, summary)
    report.version += 1
    Report.objects.filter(pk=report.pk).update(version=report.version, updated_at=timezone.now(), **changed)
    for name, value in changed.items():
        setattr(report, name, value)
    return report


def _event(report: Report, user: User, *, kind=ReportEvent.Kind.CHANGE, field="", old="", new="", message=""):
    return ReportEvent(
        report=report,
        user=user,
        kind=kind,
        field=field[:300],
        message=message,
        old_value="" if old is None else str(old),
        new_value="" if new is None else str(new),
    )


def _sync(target: Report, source: Report) -> Report:
    for name in (
        "version",
        "status",
        "capaian_penerima",
        "capaian_mutu",
        "indeks",
        "category",
        "figures_required",
        "figures_filled",
        "pagu_total",
        "realisasi_total",
    ):
        setattr(target, name, getattr(source, name))
    return target


# --- Tab A: capaian ------------------------------------------------------------------


def _valid_count(value) -> bool:
    return value is None or calculations.is_whole_number(value)


def _check_pair(errors: dict, prefix: str, target, met, target_name: str, met_name: str, exceeds: str) -> None:
    for name, value in ((target_name, target), (met_name, met)):
        if not _valid_count(value):
            errors[f"{prefix}-{name}"] = COUNT_INVALID
    if f"{prefix}-{target_name}" in errors or f"{prefix}-{met_name}" in errors:
        return
    if target is not None and met is not None and met > target:
        errors[f"{prefix}-{met_name}"] = exceeds


def capaian_validate(
    *, entries: dict[int, dict], known_entries: dict[int, ServiceEntry], known_mutu: dict[int, MutuEntry]
) -> dict[str, str]:
    """Per-field errors of a tab A submission (empty when valid)."""
    errors: dict[str, str] = {}
    for entry_id, values in entries.items():
        if entry_id not in known_entries:
            errors[f"entry-{entry_id}-harus_dilayani"] = UNKNOWN_ROW
            continue
        _check_pair(
            errors,
            f"entry-{entry_id}",
            values.get("harus_dilayani"),
            values.get("terlayani"),
            "harus_dilayani",
            "terlayani",
            SERVED_EXCEEDS_TARGET,
        )
        for mutu_id, mutu_values in (values.get("mutu") or {}).items():
            if mutu_id not in known_mutu or known_mutu[mutu_id].entry_id != entry_id:
                errors[f"mutu-{mutu_id}-harus_dipenuhi"] = UNKNOWN_ROW
                continue
            _check_pair(
                errors,
                f"mutu-{mutu_id}",
                mutu_values.get("harus_dipenuhi"),
                mutu_values.get("terpenuhi"),
                "harus_dipenuhi",
                "terpenuhi",
                MET_EXCEEDS_TARGET,
            )
    return errors


def _apply_changes(obj, values: dict, names: tuple[str, ...], label: str, report, user, events) -> bool:
    changed = False
    for name in names:
        if name not in values:
            continue
        old, new = getattr(obj, name), values[name]
        if old != new:
            setattr(obj, name, new)
            events.append(_event(report, user, field=f"{label}: {FIELD_LABELS[name]}", old=old, new=new))
            changed = True
    return changed


@transaction.atomic
def report_capaian_save(*, report: Report, user: User, expected_version: int, entries: dict[int, dict]) -> Report:
    """Save tab A figures.

    ``entries`` maps ServiceEntry.id -> {"harus_dilayani": int|None, "terlayani": int|None,
    "mutu": {MutuEntry.id: {"harus_dipenuhi": int|None, "terpenuhi": int|None}}}; keys left
    out are not touched. Raises ReportPermissionError, ReportLockedError (window closed,
    submitted or accepted), ReportConflictError (``report.version != expected_version``)
    or ReportValidationError (non-negative integers, terlayani <= harus_dilayani,
    terpenuhi <= harus_dipenuhi; nothing is saved). Writes a ReportEvent per changed
    value, bumps the version and refreshes the summary. Returns ``report`` updated.
    """
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    known_entries = {e.pk: e for e in ServiceEntry.objects.filter(report=locked)}
    known_mutu = {m.pk: m for m in MutuEntry.objects.filter(entry__report=locked)}
    errors = capaian_validate(entries=entries, known_entries=known_entries, known_mutu=known_mutu)
    # The stored value counts when only one of a pair is sent.
    for entry_id, values in entries.items():
        entry = known_entries.get(entry_id)
        if entry is None or f"entry-{entry_id}-terlayani" in errors or f"entry-{entry_id}-harus_dilayani" in errors:
            continue
        target = values.get("harus_dilayani", entry.harus_dilayani)
        met = values.get("terlayani", entry.terlayani)
        if target is not None and met is not None and met > target:
            errors[f"entry-{entry_id}-terlayani"] = SERVED_EXCEEDS_TARGET
    if errors:
        raise ReportValidationError(errors)
    events: list[ReportEvent] = []
    changed_entries, changed_mutu = [], []
    for entry_id, values in entries.items():
        entry = known_entries[entry_id]
        if _apply_changes(entry, values, ("harus_dilayani", "terlayani"), entry.service_name, locked, user, events):
            changed_entries.append(entry)
        for mutu_id, mutu_values in (values.get("mutu") or {}).items():
            mutu = known_mutu[mutu_id]
            label = f"{entry.service_name} / {mutu.name}"
            if _apply_changes(mutu, mutu_values, ("harus_dipenuhi", "terpenuhi"), label, locked, user, events):
                changed_mutu.append(mutu)
    ServiceEntry.objects.bulk_update(changed_entries, ["harus_dilayani", "terlayani"])
    MutuEntry.objects.bulk_update(changed_mutu, ["harus_dipenuhi", "terpenuhi"])
    return _sync(report, _finish_write(report=locked, events=events, summary=(FIGURES,)))


# --- Tab B: kegiatan dan anggaran ---------------------------------------------------------


def _activity_errors(*, name: str, pagu, realisasi, justification: str) -> dict[str, str]:
    errors = {}
    if not (name or "").strip():
        errors["name"] = ACTIVITY_NAME_REQUIRED
    for key, value in (("pagu", pagu), ("realisasi", realisasi)):
        if value is None:
            errors[key] = MONEY_REQUIRED
        elif not _valid_count(value):
            errors[key] = MONEY_INVALID
    money_ok = not errors.keys() & {"pagu", "realisasi"}
    if money_ok and calculations.exceeds_pagu(pagu, realisasi) and not (justification or "").strip():
        errors["justification"] = JUSTIFICATION_REQUIRED
    return errors


def _describe_activity(activity: Activity) -> str:
    return (
        f"{activity.name}; pagu {calculations.format_number(activity.pagu)}; "
        f"realisasi {calculations.format_number(activity.realisasi)}"
    )


@transaction.atomic
def activity_create(
    *,
    report: Report,
    user: User,
    entry_id: int,
    name: str,
    pagu: int,
    realisasi: int,
    justification: str = "",
    expected_version: int | None = None,
) -> Activity:
    """Add a sub kegiatan to a service of ``report``.

    Raises ReportValidationError with keys ``name``, ``pagu``, ``realisasi``,
    ``justification`` (realisasi above pagu needs one), plus the lock/permission/conflict errors.
    """
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    entry = ServiceEntry.objects.filter(report=locked, pk=entry_id).first()
    errors = _activity_errors(name=name, pagu=pagu, realisasi=realisasi, justification=justification)
    if entry is None:
        errors["entry"] = UNKNOWN_ROW
    if errors:
        raise ReportValidationError(errors)
    justification = justification.strip() if calculations.exceeds_pagu(pagu, realisasi) else ""
    activity = Activity.objects.create(
        entry=entry, name=name.strip(), pagu=pagu, realisasi=realisasi, justification=justification
    )
    event = _event(
        locked,
        user,
        field=f"Kegiatan {entry.service_name}",
        new=_describe_activity(activity),
        message="Kegiatan ditambahkan",
    )
    _sync(report, _finish_write(report=locked, events=[event], summary=(MONEY,)))
    return activity


def _activity_of(report: Report, activity_id: int) -> Activity:
    activity = Activity.objects.select_related("entry").filter(pk=activity_id, entry__report=report).first()
    if activity is None:
        raise ReportValidationError({"activity": UNKNOWN_ROW})
    return activity


@transaction.atomic
def activity_update(
    *,
    report: Report,
    user: User,
    activity_id: int,
    name: str,
    pagu: int,
    realisasi: int,
    justification: str = "",
    expected_version: int | None = None,
) -> Activity:
    """Change a sub kegiatan of ``report``; same rules as ``activity_create``."""
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    activity = _activity_of(locked, activity_id)
    errors = _activity_errors(name=name, pagu=pagu, realisasi=realisasi, justification=justification)
    if errors:
        raise ReportValidationError(errors)
    before = (activity.name, activity.pagu, activity.realisasi, activity.justification)
    old = _describe_activity(activity)
    activity.name, activity.pagu, activity.realisasi = name.strip(), pagu, realisasi
    activity.justification = justification.strip() if calculations.exceeds_pagu(pagu, realisasi) else ""
    if (activity.name, activity.pagu, activity.realisasi, activity.justification) == before:
        return activity  # nothing changed: no write, no "Kegiatan diubah" in the history
    activity.save()
    event = _event(
        locked,
        user,
        field=f"Kegiatan {activity.entry.service_name}",
        old=old,
        new=_describe_activity(activity),
        message="Kegiatan diubah",
    )
    _sync(report, _finish_write(report=locked, events=[event], summary=(MONEY,)))
    return activity


@transaction.atomic
def activity_delete(*, report: Report, user: User, activity_id: int, expected_version: int | None = None) -> None:
    """Delete a sub kegiatan of ``report``."""
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    activity = _activity_of(locked, activity_id)
    event = _event(
        locked,
        user,
        field=f"Kegiatan {activity.entry.service_name}",
        old=_describe_activity(activity),
        message="Kegiatan dihapus",
    )
    activity.delete()
    _sync(report, _finish_write(report=locked, events=[event], summary=(MONEY,)))


# --- Tab C: permasalahan -------------------------------------------------------------------


def _problem_errors(category: str, text: str) -> dict[str, str]:
    errors = {}
    if category not in ProblemCategory.values:
        errors["category"] = PROBLEM_CATEGORY_INVALID
    if not (text or "").strip():
        errors["text"] = PROBLEM_TEXT_REQUIRED
    return errors


@transaction.atomic
def problem_create(
    *, report: Report, user: User, category: str, text: str, expected_version: int | None = None
) -> Problem:
    """Add a permasalahan note in one of the five categories."""
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    errors = _problem_errors(category, text)
    if errors:
        raise ReportValidationError(errors)
    problem = Problem.objects.create(report=locked, category=category, text=text.strip(), created_by=user)
    event = _event(
        locked,
        user,
        field=f"Permasalahan {problem.get_category_display()}",
        new=problem.text,
        message="Permasalahan ditambahkan",
    )
    _sync(report, _finish_write(report=locked, events=[event]))
    return problem


def _problem_of(report: Report, problem_id: int) -> Problem:
    problem = Problem.objects.filter(pk=problem_id, report=report).first()
    if problem is None:
        raise ReportValidationError({"problem": UNKNOWN_ROW})
    return problem


@transaction.atomic
def problem_update(
    *, report: Report, user: User, problem_id: int, category: str, text: str, expected_version: int | None = None
) -> Problem:
    """Change a permasalahan note (text and category)."""
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    problem = _problem_of(locked, problem_id)
    errors = _problem_errors(category, text)
    if errors:
        raise ReportValidationError(errors)
    if (problem.category, problem.text) == (category, text.strip()):
        return problem  # nothing changed: no write, no "Permasalahan diubah" in the history
    old = f"{problem.get_category_display()}: {problem.text}"
    problem.category, problem.text = category, text.strip()
    problem.save()
    event = _event(
        locked,
        user,
        field="Permasalahan",
        old=old,
        new=f"{problem.get_category_display()}: {problem.text}",
        message="Permasalahan diubah",
    )
    _sync(report, _finish_write(report=locked, events=[event]))
    return problem


@transaction.atomic
def problem_delete(*, report: Report, user: User, problem_id: int, expected_version: int | None = None) -> None:
    """Delete a permasalahan note."""
    locked = _lock_for_write(report=report, user=user, expected_version=expected_version)
    problem = _problem_of(locked, problem_id)
    event = _event(
        locked,
        user,
        field=f"Permasalahan {problem.get_category_display()}",
        old=problem.text,
        message="Permasalahan dihapus",
    )
    problem.delete()
    _sync(report, _finish_write(report=locked, events=[event]))


# --- Workflow ------------------------------------------------------------------------


def _transition(report: Report, user: User, new_status: str, message: str, **fields) -> Report:
    old_status = report.status
    report.status = new_status
    for name, value in fields.items():
        setattr(report, name, value)
    report.version += 1
    Report.objects.filter(pk=report.pk).update(
        status=new_status, version=report.version, updated_at=timezone.now(), **fields
    )
    ReportEvent.objects.create(
        report=report,
        user=user,
        kind=ReportEvent.Kind.TRANSITION,
        field="Status",
        old_value=STATUS_LABELS[old_status],
        new_value=STATUS_LABELS[new_status],
        message=message,
    )
    public_figures_changed()  # the public counts and latest submissions follow the status
    return report


def _locked(report: Report) -> Report:
    """The report's row, locked until the transaction ends. Only that row (``of``): locking the joined period
    and region rows too would make every pemda's save in a period wait for one another."""
    return with_own_extension(Report.objects.select_for_update(of=("self",)).select_related("region", "period")).get(
        pk=report.pk
    )


@transaction.atomic
def report_submit(*, report: Report, user: User, confirmations: dict | None = None) -> Report:
    """Kirim: the pemda account sends its draft or returned report for review; it becomes read-only.

    ``confirmations`` maps ReportWarning.pk to the officer's note; the plausibility checks run again and
    ``quality.WarningsUnconfirmedError`` refuses the Kirim while a warning is neither corrected nor confirmed.
    """
    locked = _locked(report)
    if not access.can_submit_report(user, locked):
        raise ReportPermissionError(CANNOT_SUBMIT)
    if locked.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ReportLockedError(ALREADY_SENT)
    reason = report_lock_reason(report=locked)
    if reason:
        raise ReportLockedError(reason)
    quality.report_warnings_settle(report=locked, user=user, confirmations=confirmations)
    _transition(locked, user, ReportStatus.SUBMITTED, "Laporan dikirim", submitted_at=timezone.now())
    report_snapshot_take(report=locked, user=user)
    notifications.report_submitted_notify(report=locked)
    report.sent_snapshot = locked.sent_snapshot
    return _sync(report, locked)


def _review_checks(locked: Report, user: User) -> None:
    if not access.can_review_report(user, locked):
        raise ReportPermissionError(CANNOT_REVIEW)
    if locked.status != ReportStatus.SUBMITTED:
        raise ReportLockedError(NOT_SUBMITTED)


@transaction.atomic
def report_return(*, report: Report, user: User, reason: str) -> Report:
    """Kembalikan: the reviewer (province for its kab/kota, ministry for provinces) returns it with a reason."""
    locked = _locked(report)
    _review_checks(locked, user)
    if not (reason or "").strip():
        raise ReportValidationError({"reason": RETURN_REASON_REQUIRED})
    _transition(
        locked, user, ReportStatus.RETURNED, reason.strip(), return_reason=reason.strip(), reviewed_at=timezone.now()
    )
    notifications.report_returned_notify(report=locked, reason=locked.return_reason)
    report.return_reason, report.reviewed_at = locked.return_reason, locked.reviewed_at
    return _sync(report, locked)


@transaction.atomic
def report_accept(*, report: Report, user: User) -> Report:
    """Terima: the reviewer accepts a submitted report; it stays read-only."""
    locked = _locked(report)
    _review_checks(locked, user)
    _transition(locked, user, ReportStatus.ACCEPTED, "Laporan diterima", reviewed_at=timezone.now())
    notifications.report_accepted_notify(report=locked)
    report.reviewed_at = locked.reviewed_at
    return _sync(report, locked)


@transaction.atomic
def report_reopen(*, report: Report, user: User, until, reason: str = "") -> Report:
    """Buka kembali (ministry): the pemda may edit until ``until`` even after the window closed.

    A submitted or accepted report goes back to "Dikembalikan" with ``reason`` so the
    pemda sees why; a draft keeps its status.
    """
    locked = _locked(report)
    if not (user.is_authenticated and user.is_ministry):
        raise ReportPermissionError(REOPEN_ONLY_MINISTRY)
    if until <= timezone.now():
        raise ReportValidationError({"until": REOPEN_UNTIL_PAST})
    message = reason.strip() or "Laporan dibuka kembali oleh kementerian"
    Report.objects.filter(pk=locked.pk).update(reopened_until=until)
    locked.reopened_until = until
    if locked.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        _transition(locked, user, ReportStatus.RETURNED, message, return_reason=message)
        notifications.report_returned_notify(report=locked, reason=message, by=notifications.MINISTRY_NAME)
        report.return_reason = message
    else:
        _finish_write(
            report=locked,
            events=[
                _event(
                    locked,
                    user,
                    kind=ReportEvent.Kind.TRANSITION,
                    field="Batas input",
                    new=timezone.localtime(until).strftime("%d-%m-%Y %H:%M"),
                    message=message,
                )
            ],
        )
    report.reopened_until = until
    return _sync(report, locked)


__all__ = [
    "ReportConflictError",
    "ReportLockedError",
    "ReportPermissionError",
    "ReportValidationError",
    "activity_create",
    "activity_delete",
    "activity_update",
    "capaian_validate",
    "problem_create",
    "problem_delete",
    "problem_update",
    "report_accept",
    "report_capaian_save",
    "report_get_or_create",
    "report_reopen",
    "report_return",
    "report_submit",
    "report_summary_refresh",
]
