"""Writes to a quarterly report: creation, tab A (capaian), tab B (kegiatan), tab C (permasalahan)
and the workflow (Kirim, Kembalikan, Terima, Buka kembali).

Every write runs inside ``reporting.services.writes.report_write``, the one write path: it locks the
report row, checks who may write, whether the report is editable (``report_lock_reason``) and the version
the form was opened with (``expected_version``), then bumps ``Report.version`` once, stores the
``ReportEvent`` history, refreshes the summary parts the write touched and invalidates the caches.

Files (data dukung) live in ``reporting.services.files``; SK Tim, tahapan and rencana aksi (per pemda and
year, no report's data) in ``reporting.services.documents``. The messages are in ``reporting.messages``.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from reporting import calculations
from reporting.messages import (
    ACTIVITY_NAME_REQUIRED,
    ALREADY_SENT,
    CANNOT_REVIEW,
    CANNOT_SUBMIT,
    COUNT_INVALID,
    JUSTIFICATION_REQUIRED,
    MET_EXCEEDS_TARGET,
    MONEY_INVALID,
    MONEY_REQUIRED,
    NOT_SUBMITTED,
    PROBLEM_CATEGORY_INVALID,
    PROBLEM_TEXT_REQUIRED,
    REOPEN_ONLY_MINISTRY,
    REOPEN_UNTIL_PAST,
    RETURN_REASON_REQUIRED,
    SERVED_EXCEEDS_TARGET,
    UNKNOWN_ROW,
    text_too_long,
)
from reporting.models import (
    TEXT_LIMITS,
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
from reporting.selectors.reports import report_lock_reason
from reporting.services import notifications, quality
from reporting.services.kegiatan_caps import kegiatan_cap_check
from reporting.services.snapshots import report_snapshot_take
from reporting.services.summary import FIGURES, MONEY, report_summary_refresh
from reporting.services.writes import (
    WORKFLOW,
    ReportConflictError,
    ReportLockedError,
    ReportPermissionError,
    ReportValidationError,
    report_write,
)

FIELD_LABELS = {
    "harus_dilayani": "jumlah yang harus dilayani",
    "terlayani": "jumlah yang terlayani",
    "harus_dipenuhi": "jumlah yang harus dipenuhi",
    "terpenuhi": "jumlah yang terpenuhi",
}


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


# --- Tab A: capaian ------------------------------------------------------------------


def _valid_count(value) -> bool:
    return value is None or calculations.is_whole_number(value)


def _check_pair(errors: dict, prefix: str, pair: tuple[str, str], values: dict, stored, exceeds: str) -> None:
    """The rules of one figure pair (target, met) of tab A: whole numbers >= 0, met <= target. A figure left
    out of ``values`` keeps its ``stored`` value, and that value counts against the other."""
    for name in pair:
        if not _valid_count(values.get(name)):
            errors[f"{prefix}-{name}"] = COUNT_INVALID
    if any(f"{prefix}-{name}" in errors for name in pair):
        return
    target, met = (values[name] if name in values else getattr(stored, name) for name in pair)
    if target is not None and met is not None and met > target:
        errors[f"{prefix}-{pair[1]}"] = exceeds


def capaian_validate(
    *, entries: dict[int, dict], known_entries: dict[int, ServiceEntry], known_mutu: dict[int, MutuEntry]
) -> dict[str, str]:
    """Per-field errors of a tab A submission (empty when valid): the one home of tab A's value rules, used
    by the service, the Excel import and the API (the form only parses the typed text)."""
    errors: dict[str, str] = {}
    for entry_id, values in entries.items():
        if entry_id not in known_entries:
            errors[f"entry-{entry_id}-harus_dilayani"] = UNKNOWN_ROW
            continue
        pair = ("harus_dilayani", "terlayani")
        _check_pair(errors, f"entry-{entry_id}", pair, values, known_entries[entry_id], SERVED_EXCEEDS_TARGET)
        for mutu_id, mutu_values in (values.get("mutu") or {}).items():
            if mutu_id not in known_mutu or known_mutu[mutu_id].entry_id != entry_id:
                errors[f"mutu-{mutu_id}-harus_dipenuhi"] = UNKNOWN_ROW
                continue
            pair = ("harus_dipenuhi", "terpenuhi")
            _check_pair(errors, f"mutu-{mutu_id}", pair, mutu_values, known_mutu[mutu_id], MET_EXCEEDS_TARGET)
    return errors


def _apply_changes(obj, values: dict, names: tuple[str, ...], label: str, write) -> bool:
    changed = False
    for name in names:
        if name not in values:
            continue
        old, new = getattr(obj, name), values[name]
        if old != new:
            setattr(obj, name, new)
            write.record(field=f"{label}: {FIELD_LABELS[name]}", old=old, new=new)
            changed = True
    return changed


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
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        known_entries = {e.pk: e for e in ServiceEntry.objects.filter(report=write.report)}
        known_mutu = {m.pk: m for m in MutuEntry.objects.filter(entry__report=write.report)}
        errors = capaian_validate(entries=entries, known_entries=known_entries, known_mutu=known_mutu)
        if errors:
            raise ReportValidationError(errors)
        changed_entries, changed_mutu = [], []
        for entry_id, values in entries.items():
            entry = known_entries[entry_id]
            if _apply_changes(entry, values, ("harus_dilayani", "terlayani"), entry.service_name, write):
                changed_entries.append(entry)
            for mutu_id, mutu_values in (values.get("mutu") or {}).items():
                mutu = known_mutu[mutu_id]
                label = f"{entry.service_name} / {mutu.name}"
                if _apply_changes(mutu, mutu_values, ("harus_dipenuhi", "terpenuhi"), label, write):
                    changed_mutu.append(mutu)
        ServiceEntry.objects.bulk_update(changed_entries, ["harus_dilayani", "terlayani"])
        MutuEntry.objects.bulk_update(changed_mutu, ["harus_dipenuhi", "terpenuhi"])
        write.refresh(FIGURES)
    return report


# --- Tab B: kegiatan dan anggaran ---------------------------------------------------------


def _length_errors(errors: dict, **fields: tuple[str | None, int]) -> None:
    for key, (value, limit) in fields.items():
        message = text_too_long(value, limit)
        if message and key not in errors:
            errors[key] = message


def _activity_errors(*, name: str, pagu, realisasi, justification: str) -> dict[str, str]:
    errors = {}
    if not (name or "").strip():
        errors["name"] = ACTIVITY_NAME_REQUIRED
    _length_errors(
        errors, name=(name, TEXT_LIMITS["activity_name"]), justification=(justification, TEXT_LIMITS["justification"])
    )
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
    ``justification`` (realisasi above pagu needs one), ``entry`` (unknown, or at its cap:
    ``services.kegiatan_caps``), plus the lock/permission/conflict errors.
    """
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        entry = ServiceEntry.objects.filter(report=write.report, pk=entry_id).first()
        errors = _activity_errors(name=name, pagu=pagu, realisasi=realisasi, justification=justification)
        if entry is None:
            errors["entry"] = UNKNOWN_ROW
        elif capped := kegiatan_cap_check(report=write.report, entry=entry):
            errors["entry"] = capped
        if errors:
            raise ReportValidationError(errors)
        justification = justification.strip() if calculations.exceeds_pagu(pagu, realisasi) else ""
        activity = Activity.objects.create(
            entry=entry, name=name.strip(), pagu=pagu, realisasi=realisasi, justification=justification
        )
        write.record(
            field=f"Kegiatan {entry.service_name}", new=_describe_activity(activity), message="Kegiatan ditambahkan"
        )
        write.refresh(MONEY)
    return activity


def _activity_of(report: Report, activity_id: int) -> Activity:
    activity = Activity.objects.select_related("entry").filter(pk=activity_id, entry__report=report).first()
    if activity is None:
        raise ReportValidationError({"activity": UNKNOWN_ROW})
    return activity


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
    """Change a sub kegiatan of ``report``; same rules as ``activity_create``. Nothing changed: no write."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        activity = _activity_of(write.report, activity_id)
        errors = _activity_errors(name=name, pagu=pagu, realisasi=realisasi, justification=justification)
        if errors:
            raise ReportValidationError(errors)
        before = (activity.name, activity.pagu, activity.realisasi, activity.justification)
        old = _describe_activity(activity)
        activity.name, activity.pagu, activity.realisasi = name.strip(), pagu, realisasi
        activity.justification = justification.strip() if calculations.exceeds_pagu(pagu, realisasi) else ""
        if (activity.name, activity.pagu, activity.realisasi, activity.justification) != before:
            activity.save()
            write.record(
                field=f"Kegiatan {activity.entry.service_name}",
                old=old,
                new=_describe_activity(activity),
                message="Kegiatan diubah",
            )
            write.refresh(MONEY)
    return activity


def activity_delete(*, report: Report, user: User, activity_id: int, expected_version: int | None = None) -> None:
    """Delete a sub kegiatan of ``report``."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        activity = _activity_of(write.report, activity_id)
        write.record(
            field=f"Kegiatan {activity.entry.service_name}",
            old=_describe_activity(activity),
            message="Kegiatan dihapus",
        )
        activity.delete()
        write.refresh(MONEY)


# --- Tab C: permasalahan -------------------------------------------------------------------


def _problem_errors(category: str, text: str, solution: str) -> dict[str, str]:
    errors = {}
    if category not in ProblemCategory.values:
        errors["category"] = PROBLEM_CATEGORY_INVALID
    if not (text or "").strip():
        errors["text"] = PROBLEM_TEXT_REQUIRED
    _length_errors(
        errors, text=(text, TEXT_LIMITS["problem_text"]), solution=(solution, TEXT_LIMITS["problem_solution"])
    )
    return errors


def problem_create(
    *,
    report: Report,
    user: User,
    category: str,
    text: str,
    solution: str = "",
    expected_version: int | None = None,
) -> Problem:
    """Add a permasalahan note in one of the five categories, optionally with its solusi / tindak lanjut."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        errors = _problem_errors(category, text, solution)
        if errors:
            raise ReportValidationError(errors)
        problem = Problem.objects.create(
            report=write.report,
            category=category,
            text=text.strip(),
            solution=(solution or "").strip(),
            created_by=user,
        )
        category_label = problem.get_category_display()
        write.record(field=f"Permasalahan {category_label}", new=problem.text, message="Permasalahan ditambahkan")
        if problem.solution:
            write.record(
                field=f"Solusi permasalahan {category_label}", new=problem.solution, message="Permasalahan ditambahkan"
            )
    return problem


def _problem_of(report: Report, problem_id: int) -> Problem:
    problem = Problem.objects.filter(pk=problem_id, report=report).first()
    if problem is None:
        raise ReportValidationError({"problem": UNKNOWN_ROW})
    return problem


def problem_update(
    *,
    report: Report,
    user: User,
    problem_id: int,
    category: str,
    text: str,
    solution: str | None = None,
    expected_version: int | None = None,
) -> Problem:
    """Change a permasalahan note (category, text and solusi; ``solution=None`` keeps the solusi).
    Nothing changed: no write."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        problem = _problem_of(write.report, problem_id)
        errors = _problem_errors(category, text, solution)
        if errors:
            raise ReportValidationError(errors)
        old_note, old_solution = f"{problem.get_category_display()}: {problem.text}", problem.solution
        problem.category, problem.text = category, text.strip()
        if solution is not None:
            problem.solution = solution.strip()
        new_note = f"{problem.get_category_display()}: {problem.text}"
        if (old_note, old_solution) != (new_note, problem.solution):
            problem.save()
            if old_note != new_note:
                write.record(field="Permasalahan", old=old_note, new=new_note, message="Permasalahan diubah")
            if old_solution != problem.solution:
                write.record(
                    field=f"Solusi permasalahan {problem.get_category_display()}",
                    old=old_solution,
                    new=problem.solution,
                    message="Solusi permasalahan diubah",
                )
    return problem


def problem_delete(*, report: Report, user: User, problem_id: int, expected_version: int | None = None) -> None:
    """Delete a permasalahan note."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        problem = _problem_of(write.report, problem_id)
        category_label = problem.get_category_display()
        write.record(field=f"Permasalahan {category_label}", old=problem.text, message="Permasalahan dihapus")
        if problem.solution:
            write.record(
                field=f"Solusi permasalahan {category_label}", old=problem.solution, message="Permasalahan dihapus"
            )
        problem.delete()


# --- Workflow ------------------------------------------------------------------------


def report_submit(*, report: Report, user: User, confirmations: dict | None = None) -> Report:
    """Kirim: the pemda account sends its draft or returned report for review; it becomes read-only.

    ``confirmations`` maps ReportWarning.pk to the officer's note; the plausibility checks run again and
    ``quality.WarningsUnconfirmedError`` refuses the Kirim while a warning is neither corrected nor confirmed.
    """
    with report_write(report=report, user=user, kind=WORKFLOW) as write:
        locked = write.report
        if not access.can_submit_report(user, locked):
            raise ReportPermissionError(CANNOT_SUBMIT)
        if locked.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ReportLockedError(ALREADY_SENT)
        reason = report_lock_reason(report=locked)
        if reason:
            raise ReportLockedError(reason)
        quality.report_warnings_settle(report=locked, user=user, confirmations=confirmations)
        write.set_status(ReportStatus.SUBMITTED, "Laporan dikirim", submitted_at=timezone.now())
        report_snapshot_take(report=locked, user=user, version=write.next_version)
        notifications.report_submitted_notify(report=locked)
    report.sent_snapshot = locked.sent_snapshot
    return report


def _review_checks(locked: Report, user: User) -> None:
    if not access.can_review_report(user, locked):
        raise ReportPermissionError(CANNOT_REVIEW)
    if locked.status != ReportStatus.SUBMITTED:
        raise ReportLockedError(NOT_SUBMITTED)


def report_return(*, report: Report, user: User, reason: str) -> Report:
    """Kembalikan: the reviewer (province for its kab/kota, ministry for provinces) returns it with a reason."""
    with report_write(report=report, user=user, kind=WORKFLOW) as write:
        _review_checks(write.report, user)
        if not (reason or "").strip():
            raise ReportValidationError({"reason": RETURN_REASON_REQUIRED})
        if text_too_long(reason, TEXT_LIMITS["return_reason"]):
            raise ReportValidationError({"reason": text_too_long(reason, TEXT_LIMITS["return_reason"])})
        write.set_status(
            ReportStatus.RETURNED, reason.strip(), return_reason=reason.strip(), reviewed_at=timezone.now()
        )
        notifications.report_returned_notify(report=write.report, reason=write.report.return_reason)
    return report


def report_accept(*, report: Report, user: User) -> Report:
    """Terima: the reviewer accepts a submitted report; it stays read-only."""
    with report_write(report=report, user=user, kind=WORKFLOW) as write:
        _review_checks(write.report, user)
        write.set_status(ReportStatus.ACCEPTED, "Laporan diterima", reviewed_at=timezone.now())
        notifications.report_accepted_notify(report=write.report)
    return report


def report_reopen(*, report: Report, user: User, until, reason: str = "") -> Report:
    """Buka kembali (ministry): the pemda may edit until ``until`` even after the window closed.

    A submitted or accepted report goes back to "Dikembalikan" with ``reason`` so the
    pemda sees why; a draft keeps its status.
    """
    with report_write(report=report, user=user, kind=WORKFLOW) as write:
        if not access.can_reopen_report(user, write.report):
            raise ReportPermissionError(REOPEN_ONLY_MINISTRY)
        if until <= timezone.now():
            raise ReportValidationError({"until": REOPEN_UNTIL_PAST})
        message = reason.strip() or "Laporan dibuka kembali oleh kementerian"
        write.update(reopened_until=until)
        if write.report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
            write.set_status(ReportStatus.RETURNED, message, return_reason=message)
            notifications.report_returned_notify(report=write.report, reason=message, by=notifications.MINISTRY_NAME)
        else:
            write.record(
                kind=ReportEvent.Kind.TRANSITION,
                field="Batas input",
                new=timezone.localtime(until).strftime("%d-%m-%Y %H:%M"),
                message=message,
            )
    return report


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
