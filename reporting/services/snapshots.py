"""Sent versions of a report (``ReportSnapshot``): taken on every Kirim by ``services.reports.report_submit``.

Monitoring, the public figures and the version history read them, so that what a reviewer or the public
sees is what the pemda sent, not a correction still in progress after a return.
"""

from django.db.models import Max
from django.utils import timezone

from reporting.models import (
    Activity,
    MutuEntry,
    Problem,
    Report,
    ReportSnapshot,
    ReportWarning,
    ServiceEntry,
    SupportingFile,
    User,
    WarningStatus,
)


def _text(value):
    return None if value is None else str(value)


def report_content(*, report: Report) -> dict:
    """The content of ``report`` as plain JSON data (six queries): services with mutu and kegiatan,
    permasalahan with their solusi, the summary, the standing warnings and the ids of the data dukung files
    (rows carry their ids, so readers of the sent version keep links and API ids). Decimals become strings so the JSON keeps them exact.
    (Versions sent before solusi existed have no "solution" key: readers take it as empty.)"""
    mutu: dict[int, list] = {}
    for row in MutuEntry.objects.filter(entry__report=report).order_by("entry_id", "order", "id"):
        mutu.setdefault(row.entry_id, []).append(
            {"id": row.pk, "name": row.name, "harus_dipenuhi": row.harus_dipenuhi, "terpenuhi": row.terpenuhi}
        )
    activities: dict[int, list] = {}
    for activity in Activity.objects.filter(entry__report=report).order_by("entry_id", "id"):
        activities.setdefault(activity.entry_id, []).append(
            {
                "id": activity.pk,
                "name": activity.name,
                "pagu": activity.pagu,
                "realisasi": activity.realisasi,
                "justification": activity.justification,
            }
        )
    services = [
        {
            "id": entry.pk,
            "code": entry.service_code,
            "name": entry.service_name,
            "harus_dilayani": entry.harus_dilayani,
            "terlayani": entry.terlayani,
            "mutu": mutu.get(entry.pk, []),
            "kegiatan": activities.get(entry.pk, []),
        }
        for entry in ServiceEntry.objects.filter(report=report).order_by("order", "id")
    ]
    problems = [
        {
            "id": p.pk,
            "category": p.get_category_display(),
            "category_value": p.category,
            "text": p.text,
            "solution": p.solution,
        }
        for p in Problem.objects.filter(report=report).order_by("category", "id")
    ]
    summary = {name: _text(getattr(report, name)) for name in Report.SUMMARY_FIELDS}
    # What readers other than the pemda see while a returned report is corrected (selectors.sent): the
    # data-quality warnings as they stood at Kirim and the data dukung files sent with it.
    warnings = [
        {"id": w.pk, "label": w.label, "message": w.message, "status": w.status, "note": w.note}
        for w in ReportWarning.objects.filter(report=report)
        .exclude(status=WarningStatus.RESOLVED)
        .order_by("rule__kind", "id")
    ]
    files = list(SupportingFile.objects.filter(report=report).order_by("id").values_list("id", flat=True))
    return {"services": services, "permasalahan": problems, "summary": summary, "peringatan": warnings, "files": files}


def report_snapshot_take(*, report: Report, user: User, version: int | None = None) -> ReportSnapshot:
    """Freeze what ``report`` holds now as its next sent version and point ``report.sent_snapshot`` at it.

    Called inside ``report_submit``'s write with the report row locked, so numbers do not race; ``version``
    is the report version it records (the one that write ends with; default: the current one).
    """
    last = ReportSnapshot.objects.filter(report=report).aggregate(n=Max("number"))["n"] or 0
    snapshot = ReportSnapshot.objects.create(
        report=report,
        number=last + 1,
        report_version=report.version if version is None else version,
        sent_by=user,
        sent_at=report.submitted_at or timezone.now(),
        data=report_content(report=report),
        **{name: getattr(report, name) for name in Report.SUMMARY_FIELDS},
    )
    Report.objects.filter(pk=report.pk).update(sent_snapshot=snapshot)
    report.sent_snapshot = snapshot
    return snapshot
