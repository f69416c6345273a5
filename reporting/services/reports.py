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

from reporting.messages import (
    ALREADY_SENT,
    CANNOT_REVIEW,
    CANNOT_SUBMIT,
    INCOMPLETE_EVENT,
    NOT_SUBMITTED,
    PROBLEM_CATEGORY_INVALID,
    PROBLEM_TEXT_REQUIRED,
    REOPEN_ONLY_MINISTRY,
    REOPEN_UNTIL_PAST,
    RETURN_REASON_REQUIRED,
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
from reporting.services import notifications, quality, submission
from reporting.services import values as values_service
from reporting.services.snapshots import report_snapshot_take
from reporting.services.summary import report_summary_refresh
from reporting.services.values import KegiatanLine
from reporting.services.writes import (
    WORKFLOW,
    ReportConflictError,
    ReportLockedError,
    ReportPermissionError,
    ReportValidationError,
    report_write,
)

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


# --- Tab A and tab B: the values service, in the forms' words ------------------------------


def _one_line_errors(error: ReportValidationError) -> ReportValidationError:
    """``kegiatan-0-name`` -> ``name``: the errors of a single sub kegiatan as its form names them."""

    def field(key: str) -> str:
        return key.split("-", 2)[2]

    return ReportValidationError(
        {field(key): message for key, message in error.field_errors.items()},
        {field(key): code for key, code in error.codes.items()},
    )


def figures_of_entries(entries: dict[int, dict]) -> tuple[dict[str, int | None], list[tuple[int, int | None]]]:
    """Nested tab A values (``ServiceEntry.id -> {"harus_dilayani": .., "terlayani": .., "mutu": {MutuEntry.id:
    {"harus_dipenuhi": .., "terpenuhi": ..}}}``) as the values service's figures, and the rows they name
    ((service, mutu item or None) pairs)."""
    figures: dict[str, int | None] = {}
    named: list[tuple[int, int | None]] = []
    for entry_id, values in entries.items():
        named.append((entry_id, None))
        for name in ("harus_dilayani", "terlayani"):
            if name in values:
                figures[values_service.figure_key("entry", entry_id, name)] = values[name]
        for mutu_id, mutu_values in (values.get("mutu") or {}).items():
            named.append((entry_id, mutu_id))
            for name in ("harus_dipenuhi", "terpenuhi"):
                if name in mutu_values:
                    figures[values_service.figure_key("mutu", mutu_id, name)] = mutu_values[name]
    return figures, named


def report_capaian_save(*, report: Report, user: User, expected_version: int, entries: dict[int, dict]) -> Report:
    """Save tab A figures through ``values.report_values_save``.

    ``entries`` maps ServiceEntry.id -> {"harus_dilayani": int|None, "terlayani": int|None,
    "mutu": {MutuEntry.id: {"harus_dipenuhi": int|None, "terpenuhi": int|None}}}; keys left
    out are not touched. Raises ReportPermissionError, ReportLockedError (window closed,
    submitted or accepted), ReportConflictError (``report.version != expected_version``)
    or ReportValidationError (non-negative integers, terlayani <= harus_dilayani,
    terpenuhi <= harus_dipenuhi; nothing is saved). Returns ``report`` updated.
    """
    figures, named = figures_of_entries(entries)
    values_service.report_values_save(
        report=report, user=user, expected_version=expected_version, figures=figures, named=named
    )
    return report


def _save_line(*, report: Report, user: User, expected_version: int | None, line: KegiatanLine):
    try:
        return values_service.report_values_save(
            report=report, user=user, expected_version=expected_version, kegiatan=[line]
        )
    except ReportValidationError as error:
        raise _one_line_errors(error) from None


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
    """Add a sub kegiatan to a service of ``report`` (``values.report_values_save`` with one line).

    Raises ReportValidationError with keys ``name``, ``pagu``, ``realisasi``,
    ``justification`` (realisasi above pagu needs one), ``entry``, plus the lock/permission/conflict errors.
    """
    line = KegiatanLine(entry_id=entry_id, name=name, pagu=pagu, realisasi=realisasi, justification=justification)
    return _save_line(report=report, user=user, expected_version=expected_version, line=line).created[0]


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
    line = KegiatanLine(
        activity_id=activity_id, name=name, pagu=pagu, realisasi=realisasi, justification=justification
    )
    _save_line(report=report, user=user, expected_version=expected_version, line=line)
    return Activity.objects.get(pk=activity_id)


def activity_delete(*, report: Report, user: User, activity_id: int, expected_version: int | None = None) -> None:
    """Delete a sub kegiatan of ``report``."""
    line = KegiatanLine(activity_id=activity_id, delete=True)
    _save_line(report=report, user=user, expected_version=expected_version, line=line)


def _length_errors(errors: dict, **fields: tuple[str | None, int]) -> None:
    for key, (value, limit) in fields.items():
        message = text_too_long(value, limit)
        if message and key not in errors:
            errors[key] = message


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


def report_submit(
    *, report: Report, user: User, confirmations: dict | None = None, incomplete_reason: str | None = None
) -> Report:
    """Kirim: the pemda account sends its draft or returned report for review; it becomes read-only.

    ``confirmations`` maps ReportWarning.pk to the officer's note; the plausibility checks run again and
    ``quality.WarningsUnconfirmedError`` refuses the Kirim while a warning is neither corrected nor confirmed.
    A report with empty capaian figures needs ``incomplete_reason`` (``submission.incomplete_reason_check``).
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
        reason = submission.incomplete_reason_check(report=locked, reason=incomplete_reason)
        message = "Laporan dikirim"
        if reason:
            message = INCOMPLETE_EVENT.format(
                filled=locked.figures_filled, required=locked.figures_required, reason=reason
            )
        write.set_status(ReportStatus.SUBMITTED, message, submitted_at=timezone.now(), incomplete_reason=reason)
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
