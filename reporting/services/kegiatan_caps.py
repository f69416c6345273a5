"""The cap on sub kegiatan (tab B): at most ``KEGIATAN_MAX_PER_SERVICE`` per jenis pelayanan and
``KEGIATAN_MAX_PER_REPORT`` per report (settings; 50 and 300 by default).

A pemda's budget lists a handful of sub kegiatan per service (the seed's Jombang PAUD has two); hundreds are
a mistake or an attack that makes every page, workbook and printout of the report long (issue 24: 500
kegiatan gave a 502-page PDF). Every write path that adds kegiatan (the tab B form, the Excel import, the
API) goes through ``services.reports.activity_create``, which calls ``kegiatan_cap_check`` inside its
locked write, so the cap holds whatever the path and however many requests race. The Excel import also
checks the counts the whole file would leave (``kegiatan_cap_errors``) before saving anything, so its
messages name the sheet.
"""

from django.conf import settings
from django.db.models import Count, Q

from reporting.messages import (
    KEGIATAN_CAP_IMPORT_REPORT,
    KEGIATAN_CAP_IMPORT_SERVICE,
    KEGIATAN_CAP_REPORT,
    KEGIATAN_CAP_SERVICE,
)
from reporting.models import Activity, Report, ServiceEntry


def kegiatan_caps() -> tuple[int, int]:
    """(per service, per report) as the settings say now."""
    return settings.KEGIATAN_MAX_PER_SERVICE, settings.KEGIATAN_MAX_PER_REPORT


def kegiatan_cap_check(*, report: Report, entry: ServiceEntry) -> str | None:
    """Why one more sub kegiatan may not be added to ``entry`` of ``report`` (one query); ``None`` if it may.

    Called with the report row locked (``report_write``), so two requests cannot both pass at the cap.
    """
    per_service, per_report = kegiatan_caps()
    counts = Activity.objects.filter(entry__report=report).aggregate(
        total=Count("id"), here=Count("id", filter=Q(entry_id=entry.pk))
    )
    if counts["here"] >= per_service:
        return KEGIATAN_CAP_SERVICE.format(service=entry.service_name, limit=per_service)
    if counts["total"] >= per_report:
        return KEGIATAN_CAP_REPORT.format(limit=per_report)
    return None


def kegiatan_cap_errors(*, after: dict[int, int], names: dict[int, str], sheet: str) -> list[str]:
    """The messages for the counts a whole upload would leave: ``after`` maps a service entry id to its number
    of sub kegiatan once the file is saved, ``names`` the entry id to the service's name (pure)."""
    per_service, per_report = kegiatan_caps()
    errors = [
        KEGIATAN_CAP_IMPORT_SERVICE.format(
            sheet=sheet, service=names.get(entry_id, ""), count=count, limit=per_service
        )
        for entry_id, count in after.items()
        if count > per_service
    ]
    total = sum(after.values())
    if total > per_report:
        errors.append(KEGIATAN_CAP_IMPORT_REPORT.format(sheet=sheet, count=total, limit=per_report))
    return errors
