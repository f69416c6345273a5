"""Per pemda and year: SK Tim penerapan SPM, the 4 tahapan penerapan, the rencana aksi document."""

from django.db import transaction

from reporting.messages import (
    DOCUMENTS_NOT_ALLOWED,
    JUDUL_REQUIRED,
    NOMOR_REQUIRED,
    SK_FILE_REQUIRED,
    STAGE_STATUS_INVALID,
    YEAR_INVALID,
)
from reporting.models import ImplementationStage, Region, RencanaAksi, SkTim, StageStatus, User
from reporting.selectors import access
from reporting.services.files import KIND_IMAGE, KIND_OFFICE, KIND_PDF, file_check, safe_name
from reporting.services.writes import ReportPermissionError, ReportValidationError


def _check_manager(user: User, region: Region) -> None:
    if not access.can_manage_region_documents(user, region):
        raise ReportPermissionError(DOCUMENTS_NOT_ALLOWED)


def _check_year(year) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ReportValidationError({"year": YEAR_INVALID})


@transaction.atomic
def sk_tim_save(*, region: Region, year: int, user: User, nomor: str, judul: str, uploaded=None) -> SkTim:
    """Create or change the SK Tim of ``region`` for ``year``; the first save needs the PDF."""
    _check_manager(user, region)
    _check_year(year)
    current = SkTim.objects.select_for_update().filter(region=region, year=year).first()
    errors = {}
    if not (nomor or "").strip():
        errors["nomor"] = NOMOR_REQUIRED
    if not (judul or "").strip():
        errors["judul"] = JUDUL_REQUIRED
    if uploaded is None and current is None:
        errors["file"] = SK_FILE_REQUIRED
    checked = None
    if uploaded is not None:
        try:
            checked = file_check(uploaded=uploaded, kinds=(KIND_PDF,))
        except ReportValidationError as error:
            errors.update(error.field_errors)
    if errors:
        raise ReportValidationError(errors)
    sk = current or SkTim(region=region, year=year)
    sk.nomor, sk.judul, sk.uploaded_by = nomor.strip(), judul.strip(), user
    if checked is not None:
        old = sk.file.name if sk.pk and sk.file else None
        sk.original_name = safe_name(uploaded.name, checked.extension)
        uploaded.seek(0)
        sk.file.save(sk.original_name, uploaded, save=False)
        if old:
            storage = sk.file.storage
            transaction.on_commit(lambda: storage.delete(old))
    sk.save()
    return sk


@transaction.atomic
def stage_status_save(*, region: Region, year: int, user: User, statuses: dict[int, tuple[str, str]]) -> None:
    """Set the status (and a short note) of each of the 4 tahapan: ``{stage: (status, note)}``."""
    _check_manager(user, region)
    _check_year(year)
    errors = {
        f"stage-{stage}": STAGE_STATUS_INVALID
        for stage, (status, _) in statuses.items()
        if stage not in ImplementationStage.Stage.values or status not in StageStatus.values
    }
    if errors:
        raise ReportValidationError(errors)
    existing = {s.stage: s for s in ImplementationStage.objects.select_for_update().filter(region=region, year=year)}
    for stage, (status, note) in statuses.items():
        row = existing.get(stage) or ImplementationStage(region=region, year=year, stage=stage)
        row.status, row.note = status, (note or "").strip()[:300]
        row.save()


@transaction.atomic
def rencana_aksi_save(*, region: Region, year: int, user: User, uploaded) -> RencanaAksi:
    """Upload (or replace) the rencana aksi document of ``region`` for ``year`` (PDF or Office)."""
    _check_manager(user, region)
    _check_year(year)
    checked = file_check(uploaded=uploaded, kinds=(KIND_PDF, KIND_OFFICE, KIND_IMAGE))
    plan = RencanaAksi.objects.select_for_update().filter(region=region, year=year).first() or RencanaAksi(
        region=region, year=year
    )
    old = plan.file.name if plan.pk and plan.file else None
    plan.original_name = safe_name(uploaded.name, checked.extension)
    plan.uploaded_by = user
    uploaded.seek(0)
    plan.file.save(plan.original_name, uploaded, save=False)
    plan.save()
    if old:
        storage = plan.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return plan
