"""Uploaded documents: checked by content (magic bytes) and size, never by name or client type.

Accepted: PDF (that parses and runs nothing), images (JPEG, PNG, GIF, WebP that decode) and Office Open XML
(docx/xlsx/pptx with their main part; a workbook must open). The structure checks are ``core.uploads``'.
Legacy Office files (doc/xls/ppt, OLE compound files) are refused: every Office since 2007 saves the Open
XML formats, and an OLE file can carry macros that no check here can see.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype

from django.conf import settings
from django.db import transaction

from core.uploads import UNSOUND, content_problem, zip_is_safe
from reporting.messages import (
    FILE_EMPTY,
    FILE_LEGACY_OFFICE,
    FILE_NOT_FOUND,
    FILE_PDF_ONLY,
    FILE_REQUIRED,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
    FILE_UNSOUND,
    PROBLEM_CATEGORY_INVALID,
    UPLOAD_REFUSED,
)
from reporting.models import ProblemCategory, ReportEvent, SupportingFile, User
from reporting.services.writes import ReportValidationError, report_write

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
PDF_MAGIC = b"%PDF-"
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
OOXML_TYPES = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}

KIND_PDF = "pdf"
KIND_IMAGE = "image"
KIND_OFFICE = "office"
KIND_LEGACY_OFFICE = "legacy-office"  # recognised only to say why it is refused
DOCUMENT_KINDS = (KIND_PDF, KIND_IMAGE, KIND_OFFICE)


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    extension: str


def _ooxml(uploaded) -> CheckedFile | None:
    uploaded.seek(0)
    if not zip_is_safe(uploaded):
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, (content_type, extension) in OOXML_TYPES.items():
        if any(name.startswith(prefix) for name in names):
            return CheckedFile(KIND_OFFICE, content_type, extension)
    return None


def file_sniff(uploaded) -> CheckedFile | None:
    """What the file really is, from its bytes; ``None`` when it is none of the accepted kinds."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(PDF_MAGIC):
        return CheckedFile(KIND_PDF, "application/pdf", "pdf")
    if head.startswith(OLE_MAGIC):
        return CheckedFile(KIND_LEGACY_OFFICE, "application/x-ole-storage", "doc")
    if head.startswith(b"PK\x03\x04"):
        return _ooxml(uploaded)
    guessed = filetype.guess(head)
    if guessed is not None and guessed.mime in IMAGE_TYPES:
        return CheckedFile(KIND_IMAGE, guessed.mime, IMAGE_TYPES[guessed.mime])
    return None


def file_check(*, uploaded, kinds=DOCUMENT_KINDS, field: str = "file") -> CheckedFile:
    """Check size and content of an upload; raises ReportValidationError keyed ``field``."""
    if uploaded is None:
        raise ReportValidationError({field: FILE_REQUIRED})
    limit = settings.REPORT_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ReportValidationError({field: FILE_TOO_LARGE % {"limit": f"{limit / 1024 / 1024:g}"}})
    if uploaded.size == 0:
        raise ReportValidationError({field: FILE_EMPTY})
    checked = file_sniff(uploaded)
    if checked is not None and checked.kind == KIND_LEGACY_OFFICE and KIND_OFFICE in kinds:
        raise ReportValidationError({field: FILE_LEGACY_OFFICE})
    if checked is None or checked.kind not in kinds:
        raise ReportValidationError({field: FILE_PDF_ONLY if tuple(kinds) == (KIND_PDF,) else FILE_TYPE_NOT_ALLOWED})
    problem = content_problem(uploaded, checked.extension)
    if problem is not None:
        raise ReportValidationError({field: FILE_UNSOUND if problem == UNSOUND else UPLOAD_REFUSED[problem]})
    return checked


def safe_name(name: str, extension: str) -> str:
    """The user's file name without folders, ending in the extension the content proved."""
    stem = PurePath(name or "berkas").stem.strip()[:180] or "berkas"
    return f"{stem}.{extension}"


def supporting_file_add(
    *, report, user: User, uploaded, category: str = "", expected_version: int | None = None
) -> SupportingFile:
    """Attach a data dukung file (PDF, image, Office) to ``report``, optionally to a problem category."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        if category and category not in ProblemCategory.values:
            raise ReportValidationError({"category": PROBLEM_CATEGORY_INVALID})
        checked = file_check(uploaded=uploaded)
        name = safe_name(uploaded.name, checked.extension)
        uploaded.seek(0)
        record = SupportingFile(
            report=write.report,
            category=category,
            original_name=name,
            content_type=checked.content_type,
            size=uploaded.size,
            uploaded_by=user,
        )
        record.file.save(name, uploaded, save=False)
        record.save()
        write.record(kind=ReportEvent.Kind.FILE, field="Data dukung", new=name, message="Berkas diunggah")
    return record


def supporting_file_delete(*, report, user: User, file_id: int, expected_version: int | None = None) -> None:
    """Remove a data dukung file from ``report`` and, once the write is committed, from storage."""
    with report_write(report=report, user=user, expected_version=expected_version) as write:
        record = SupportingFile.objects.filter(pk=file_id, report=write.report).first()
        if record is None:
            raise ReportValidationError({"file": FILE_NOT_FOUND})
        write.record(
            kind=ReportEvent.Kind.FILE, field="Data dukung", old=record.original_name, message="Berkas dihapus"
        )
        storage, path = record.file.storage, record.file.name
        record.delete()
        transaction.on_commit(lambda: storage.delete(path))
