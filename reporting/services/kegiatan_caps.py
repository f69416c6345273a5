"""The cap on sub kegiatan (tab B): at most ``KEGIATAN_MAX_PER_SERVICE`` per jenis pelayanan and
``KEGIATAN_MAX_PER_REPORT`` per report (settings; 50 and 300 by default).

A pemda's budget lists a handful of sub kegiatan per service (the seed's Jombang PAUD has two); hundreds are
a mistake or an attack that makes every page, workbook and printout of the report long (issue 24: 500
kegiatan gave a 502-page PDF). Every write path that adds kegiatan (the tab B form, the Excel import, the
API) goes through ``services.values.report_values_save``, which checks the counts a save leaves
(``kegiatan_counts_after``) inside its locked write, so the cap holds whatever the path and however many
requests race. Its refusal carries the code ``KEGIATAN_CAP`` (``ReportValidationError.codes``); on it the
import names the sheet and the whole file's counts (``kegiatan_cap_errors``).
"""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings

from reporting.messages import KEGIATAN_CAP_IMPORT_REPORT, KEGIATAN_CAP_IMPORT_SERVICE

if TYPE_CHECKING:
    from reporting.services.values import KegiatanLine

KEGIATAN_CAP = "kegiatan_cap"
"""The code of the values service's refusal of a sub kegiatan past the cap (its key names the line's entry)."""


def kegiatan_caps() -> tuple[int, int]:
    """(per service, per report) as the settings say now."""
    return settings.KEGIATAN_MAX_PER_SERVICE, settings.KEGIATAN_MAX_PER_REPORT


def kegiatan_counts_after(
    existing: Iterable[tuple[int, int]], lines: Sequence["KegiatanLine"], *, complete: bool = False
) -> dict[int, int]:
    """Sub kegiatan per service entry once a save of ``lines`` is done (pure): ``existing`` are the report's
    (kegiatan id, entry id) pairs; deletions count first, and with ``complete`` every kegiatan the lines do
    not keep is deleted too, so a save that replaces kegiatan at the cap stays within it."""
    kept = {line.activity_id for line in lines if line.activity_id is not None and not line.delete}
    deleted = {line.activity_id for line in lines if line.delete}
    counts: dict[int, int] = {}
    for pk, entry_id in existing:
        if pk not in deleted and (pk in kept or not complete):
            counts[entry_id] = counts.get(entry_id, 0) + 1
    for line in lines:
        if not line.delete and line.activity_id is None and line.entry_id is not None:
            counts[line.entry_id] = counts.get(line.entry_id, 0) + 1
    return counts


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
