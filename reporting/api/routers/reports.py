"""Reports: list, one report with its values, open (create) the own report, post its values, submit.

Writes call the public services of ``reporting.services.reports`` (the forms' rules, version check,
history and messages); a request that writes several parts is one transaction: any error rolls back
everything it wrote, and every field error of every part is answered at once.
"""

import datetime
from typing import Annotated

from ninja import Query, Router, Schema, Status
from pydantic import Field

from reporting import messages
from reporting.models import Period, Region, Report, ReportStatus, Urusan
from reporting.selectors import access
from reporting.selectors import quality as quality_selectors
from reporting.selectors import reports as selectors
from reporting.services import quality, values
from reporting.services import reports as services
from reporting.services.values import KegiatanLine, figure_key
from reporting.services.writes import WORKFLOW, report_write

from ..auth import api_user, require_writer
from ..common import READ_ERRORS, WRITE_ERRORS, PageParams, paginate
from ..errors import ApiError
from ..schemas import REGION_CODE_HELP, Id, NoNul, ReportOpenIn, ReportOut, ReportPage, SubmitIn, ValuesIn

router = Router(tags=["laporan"])


class ReportFilter(Schema):
    year: Annotated[int | None, Field(None, ge=2000, le=2100)]
    quarter: Annotated[int | None, Field(None, ge=1, le=4)]
    urusan: Id | None = None
    region: Annotated[str | None, Field(None, max_length=8, pattern=NoNul, description=REGION_CODE_HELP)]
    status: ReportStatus | None = None
    changed_since: datetime.datetime | None = Field(None, description="Hanya laporan yang diubah sejak saat ini")


def _summary(report, user=None) -> dict:
    """The report's head; in a list, a reader other than the pemda of a returned report gets the summary of
    its last sent version (one report read with ``report_get`` already carries it)."""
    summary_of = report
    if user is not None and access.reads_sent_version(user, report) and report.sent_snapshot is not None:
        summary_of = report.sent_snapshot
    return {
        "id": report.pk,
        "region_code": report.region.code,
        "region_name": report.region.name,
        "urusan_id": report.urusan_id,
        "year": report.period.year,
        "quarter": report.period.quarter,
        **{name: getattr(report, name) for name in ("status", "version", "updated_at", "submitted_at")},
        **{name: getattr(summary_of, name) for name in Report.SUMMARY_FIELDS},
    }


@router.get("/laporan", response={200: ReportPage, **READ_ERRORS}, summary="Laporan yang dapat dibaca token")
def report_list(request, page: PageParams, filters: Query[ReportFilter]):
    user = api_user(request)
    reports = (
        access.report_readable_list(user)
        .select_related("region", "period", "sent_snapshot")
        .defer("sent_snapshot__data")
        .order_by("-period__year", "-period__quarter", "region__code", "urusan__order", "pk")
    )
    # in UTC: PostgreSQL refuses offsets past 15:59 that ISO 8601 (and pydantic) allow
    since = filters.changed_since.astimezone(datetime.UTC) if filters.changed_since else None
    region = Region.objects.with_code(filters.region) if filters.region is not None else None
    for value, lookup in (
        (filters.year, "period__year"),
        (filters.quarter, "period__quarter"),
        (filters.urusan, "urusan_id"),
        (region, "region__in"),
        (filters.status, "status"),
        (since, "updated_at__gte"),
    ):
        if value is not None:
            reports = reports.filter(**{lookup: value})
    return paginate(reports, page, lambda report: _summary(report, user))


def _report_or_404(user, pk: int):
    report = selectors.report_get(user=user, pk=pk)
    if report is None:
        raise ApiError(404, messages.API_NOT_FOUND)
    return report


def report_detail_data(user, report) -> dict:
    """The report as the API shows it: summary, tab A rows with their figures, kegiatan, permasalahan."""
    can_edit = access.can_edit_report(user, report)
    lock = selectors.report_lock_reason(report=report, user=user) if can_edit else None
    rows = selectors.report_capaian_rows(report=report)
    groups, _ = selectors.report_kegiatan_groups(report=report)
    problems, _ = selectors.report_problem_groups(report=report)
    return {
        **_summary(report),
        "return_reason": report.return_reason,
        "editable": can_edit and lock is None,
        "lock_reason": lock if can_edit else messages.NOT_ALLOWED,
        "closes_at": selectors.report_window(report).closes_at,
        "entries": [
            {
                "id": row.entry.pk,
                "service_code": row.entry.service_code,
                "service_name": row.entry.service_name,
                "indikator": row.entry.indikator,
                "harus_dilayani": row.entry.harus_dilayani,
                "terlayani": row.entry.terlayani,
                "belum": row.belum,
                "capaian_penerima": row.penerima,
                "capaian_mutu": row.mutu,
                "indeks": row.indeks,
                "category": row.category,
                "mutu": [
                    {
                        "id": m.entry.pk,
                        "name": m.entry.name,
                        "harus_dipenuhi": m.entry.harus_dipenuhi,
                        "terpenuhi": m.entry.terpenuhi,
                        "belum": m.belum,
                        "percent": m.percent,
                    }
                    for m in row.mutu_rows
                ],
            }
            for row in rows
        ],
        "kegiatan": [
            {
                "id": a.activity.pk,
                "entry_id": group.entry.pk,
                "name": a.activity.name,
                "pagu": a.activity.pagu,
                "realisasi": a.activity.realisasi,
                "justification": a.activity.justification,
                "serapan": a.serapan,
            }
            for group in groups
            for a in group.activities
        ],
        "permasalahan": [
            {"id": p.pk, "category": p.category, "text": p.text, "solution": p.solution}
            for group in problems
            for p in group.problems
        ],
        "peringatan": [
            {"id": w.pk, "label": w.label, "message": w.message, "status": w.status, "note": w.note}
            for w in quality_selectors.report_warning_list(report=report)
        ],
    }


@router.get("/laporan/{report_id}", response={200: ReportOut, **READ_ERRORS}, summary="Satu laporan dengan isinya")
def report_detail(request, report_id: Id):
    user = api_user(request)
    return report_detail_data(user, _report_or_404(user, report_id))


@router.post(
    "/laporan",
    response={200: ReportOut, 201: ReportOut, **WRITE_ERRORS},
    summary="Buka (dan bila belum ada, buat) laporan wilayah token untuk satu urusan dan triwulan",
)
def report_open(request, payload: ReportOpenIn):
    user = require_writer(request)
    region = access.own_region(user)
    urusan = Urusan.objects.filter(pk=payload.urusan_id).first()
    period = Period.objects.filter(year=payload.year, quarter=payload.quarter).first()
    if urusan is None or period is None or region is None:
        raise ApiError(404, messages.API_NOT_FOUND)
    existing = selectors.report_find(region=region, urusan=urusan, period=period)
    if existing is not None and selectors.report_get(user=user, pk=existing.pk) is not None:
        return Status(200, report_detail_data(user, selectors.report_get(user=user, pk=existing.pk)))
    if not access.can_edit_region_urusan(user, Region.objects.get(pk=region.pk), urusan.pk):
        raise ApiError(403, messages.API_FORBIDDEN)
    report = services.report_get_or_create(region=region, urusan=urusan, period=period)
    return Status(201, report_detail_data(user, selectors.report_get(user=user, pk=report.pk)))


def _values_request(payload: ValuesIn) -> tuple[dict, dict]:
    """The values service's arguments from the request, and per error key of the service its path here."""
    entries, paths = {}, {}
    for i, entry in enumerate(payload.entries):
        values = {name: getattr(entry, name) for name in entry.model_fields_set & {"harus_dilayani", "terlayani"}}
        for name in ("harus_dilayani", "terlayani"):
            paths[figure_key("entry", entry.id, name)] = ["entries", i, name]
        mutu = {}
        for j, item in enumerate(entry.mutu):
            mutu[item.id] = {n: getattr(item, n) for n in item.model_fields_set & {"harus_dipenuhi", "terpenuhi"}}
            for name in ("harus_dipenuhi", "terpenuhi"):
                paths[figure_key("mutu", item.id, name)] = ["entries", i, "mutu", j, name]
        if mutu:
            values["mutu"] = mutu
        entries[entry.id] = values
    figures, named = services.figures_of_entries(entries)
    lines = []
    for i, item in enumerate(payload.kegiatan or []):
        fields = {
            "name": item.name,
            "pagu": item.pagu,
            "realisasi": item.realisasi,
            "justification": item.justification,
        }
        if item.id is None:
            lines.append(KegiatanLine(entry_id=item.entry_id, **fields))
        else:
            lines.append(KegiatanLine(activity_id=item.id, **fields))
        for key, name in (("entry", "entry_id"), ("activity", "id")):
            paths[f"kegiatan-{i}-{key}"] = ["kegiatan", i, name]
    arguments = {
        "figures": figures,
        "named": named,
        "kegiatan": lines,
        "kegiatan_complete": payload.kegiatan is not None,  # kegiatan not listed are deleted
    }
    return arguments, paths


def _error_path(key: str, paths: dict) -> list:
    if key in paths:
        return paths[key]
    if key.startswith("kegiatan-"):
        _, index, name = key.split("-", 2)
        return ["kegiatan", int(index), name]
    return ["entries", key]


@router.post(
    "/laporan/{report_id}/isian",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Kirim angka tab A dan kegiatan tab B dalam satu permintaan (semua atau tidak sama sekali)",
)
def report_values_save(request, report_id: Id, payload: ValuesIn):
    user = require_writer(request)
    report = _report_or_404(user, report_id)
    token = request.api_token
    arguments, paths = _values_request(payload)
    note = messages.API_HISTORY_NOTE.format(name=token.name, prefix=token.prefix)
    try:
        # One write: rights, window and version first, every error at once, the warnings rechecked.
        values.report_values_save(
            report=report, user=user, expected_version=payload.expected_version, note=note, **arguments
        )
    except services.ReportValidationError as error:
        errors = [{"loc": _error_path(key, paths), "msg": message} for key, message in error.field_errors.items()]
        raise ApiError(422, messages.API_VALIDATION, errors) from None
    return report_detail_data(user, _report_or_404(user, report_id))


@router.post(
    "/laporan/{report_id}/kirim",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Kirim laporan untuk diperiksa (hanya token pemda untuk semua urusan)",
)
def report_submit(request, report_id: Id, payload: SubmitIn):
    user = require_writer(request)
    report = _report_or_404(user, report_id)
    if access.can_submit_report(user, report) and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        quality.report_warnings_refresh(report=report)  # committed first: the 422 names warnings that stay
    try:
        with report_write(report=report, user=user, expected_version=payload.expected_version, kind=WORKFLOW):
            services.report_submit(
                report=report,
                user=user,
                confirmations=payload.confirmations,
                incomplete_reason=payload.incomplete_reason,
            )
    except services.ReportValidationError as error:
        errors = [{"loc": ["incomplete_reason"], "msg": message} for message in error.field_errors.values()]
        raise ApiError(422, errors[0]["msg"], errors) from None
    except quality.WarningsUnconfirmedError as error:
        open_warnings = [w for w in quality_selectors.report_warning_list(report=report) if w.status == "open"]
        errors = [{"loc": ["confirmations", w.pk], "msg": f"{w.label}: {w.message}"} for w in open_warnings]
        raise ApiError(422, error.messages[0], errors) from None
    return report_detail_data(user, _report_or_404(user, report_id))
