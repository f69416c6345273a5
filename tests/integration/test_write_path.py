"""Every change to a report's data goes through ``report_write``: the version goes up by exactly one and the
history grows, whatever service makes the change; no statement changes a report's rows outside it."""

import datetime
import inspect
import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from reporting.models import Activity, Problem, Report, ReportEvent, SupportingFile
from reporting.services import excel_import, files, reports
from reporting.services.writes import report_write, report_write_active
from tests import factories
from tests.integration.test_excel_import import template_bytes

# Tables whose rows are a report's data; a statement that changes one must run inside a report_write.
GUARDED = re.compile(
    r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(reporting_report|reporting_serviceentry|reporting_mutuentry|"
    r"reporting_activity|reporting_problem|reporting_supportingfile|reporting_reportevent|reporting_reportsnapshot)\"?\s",
    re.IGNORECASE,
)
# Public functions that take a report and are no write of its data (each says why).
EXEMPT = {
    "report_summary_refresh": "recomputes the stored summary from the rows (creation, repairs); no data changes",
}
PDF = (  # a real one-page PDF: uploads are parsed, not only sniffed
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


class Guard:
    """Fails any statement that changes a report's rows while no report_write of ``report_id`` is open."""

    def __init__(self, report_id: int):
        self.report_id, self.offending = report_id, []

    def __call__(self, execute, sql, params, many, context):
        if GUARDED.match(sql) and not report_write_active(self.report_id):
            self.offending.append(sql)
        return execute(sql, params, many, context)


@pytest.fixture
def report(kabkota, pemda_user):
    return factories.report_with_catalogue(kabkota, services=2, mutu=1)


@pytest.fixture
def ministry_user(db):
    return factories.UserFactory(username="reviewer-write-path")


def _fresh(report):
    return Report.objects.get(pk=report.pk)


def _writes(report, pemda_user, province_user, ministry_user):
    """(name, call) for every public write of a report, in an order each finds the report in the state it needs."""
    entry = report.entries.order_by("order").first()
    state = {}

    def activity_create():
        state["activity"] = reports.activity_create(
            report=_fresh(report), user=pemda_user, entry_id=entry.pk, name="Rehab", pagu=100, realisasi=90
        )

    def problem_create():
        state["problem"] = reports.problem_create(
            report=_fresh(report), user=pemda_user, category="pelaksanaan", text="Data belum lengkap"
        )

    def file_add():
        uploaded = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
        state["file"] = files.supporting_file_add(report=_fresh(report), user=pemda_user, uploaded=uploaded)

    def edit_template(wb):
        ws = wb[excel_import.KEGIATAN_SHEET]
        for row in ws.iter_rows(min_row=1):
            if str(row[0].value or "").startswith("A"):
                row[excel_import.COL_PAGU - 1].value = 500
                row[excel_import.COL_REALISASI - 1].value = 400

    return [
        (
            "report_capaian_save",
            lambda: reports.report_capaian_save(
                report=_fresh(report),
                user=pemda_user,
                expected_version=_fresh(report).version,
                entries={entry.pk: {"harus_dilayani": 10, "terlayani": 8}},
            ),
        ),
        ("activity_create", activity_create),
        (
            "activity_update",
            lambda: reports.activity_update(
                report=_fresh(report),
                user=pemda_user,
                activity_id=state["activity"].pk,
                name="Rehab gedung",
                pagu=100,
                realisasi=90,
            ),
        ),
        (
            "report_import",
            lambda: excel_import.report_import(
                report=_fresh(report), user=pemda_user, data=template_bytes(report, edit_template)
            ),
        ),
        (
            "activity_delete",
            lambda: reports.activity_delete(report=_fresh(report), user=pemda_user, activity_id=state["activity"].pk),
        ),
        ("problem_create", problem_create),
        (
            "problem_update",
            lambda: reports.problem_update(
                report=_fresh(report),
                user=pemda_user,
                problem_id=state["problem"].pk,
                category="lain_lain",
                text="Data sudah dilengkapi",
            ),
        ),
        (
            "problem_delete",
            lambda: reports.problem_delete(report=_fresh(report), user=pemda_user, problem_id=state["problem"].pk),
        ),
        ("supporting_file_add", file_add),
        (
            "supporting_file_delete",
            lambda: files.supporting_file_delete(report=_fresh(report), user=pemda_user, file_id=state["file"].pk),
        ),
        ("report_submit", lambda: reports.report_submit(report=_fresh(report), user=pemda_user)),
        (
            "report_return",
            lambda: reports.report_return(report=_fresh(report), user=province_user, reason="Lengkapi data"),
        ),
        ("report_submit", lambda: reports.report_submit(report=_fresh(report), user=pemda_user)),
        ("report_accept", lambda: reports.report_accept(report=_fresh(report), user=province_user)),
        (
            "report_reopen",
            lambda: reports.report_reopen(
                report=_fresh(report), user=ministry_user, until=timezone.now() + datetime.timedelta(days=3)
            ),
        ),
    ]


def _public_report_functions():
    for module in (reports, files, excel_import):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            public = function.__module__ == module.__name__ and not name.startswith("_")
            if public and "report" in inspect.signature(function).parameters:
                yield name


def test_every_public_write_bumps_the_version_once_and_records_history_inside_report_write(
    report, pemda_user, province_user, ministry_user
):
    guard = Guard(report.pk)
    walked = set()
    with connection.execute_wrapper(guard):
        for name, call in _writes(report, pemda_user, province_user, ministry_user):
            before = _fresh(report)
            events = ReportEvent.objects.filter(report=report).count()
            call()
            after = _fresh(report)
            assert after.version == before.version + 1, name
            assert ReportEvent.objects.filter(report=report).count() > events, name
            walked.add(name)
    assert guard.offending == []
    assert set(_public_report_functions()) - walked - EXEMPT.keys() == set()  # a new write must be walked here


def test_the_guard_catches_a_change_made_around_report_write(report, pemda_user):
    guard = Guard(report.pk)
    entry = report.entries.first()
    with connection.execute_wrapper(guard):
        Activity.objects.create(entry=entry, name="Lewat samping", pagu=1, realisasi=1)
        with report_write(report=report, user=pemda_user) as write:
            Problem.objects.create(report=write.report, category="pelaksanaan", text="Lewat jalur resmi")
            write.record(field="Permasalahan", new="Lewat jalur resmi")
    assert len(guard.offending) == 1 and "reporting_activity" in guard.offending[0]


def test_an_excel_import_that_changes_figures_and_kegiatan_is_one_write(report, pemda_user):
    entry = report.entries.order_by("order").first()
    reports.activity_create(report=report, user=pemda_user, entry_id=entry.pk, name="Rehab", pagu=100, realisasi=90)
    version = _fresh(report).version

    def edit(wb):
        for row in wb[excel_import.CAPAIAN_SHEET].iter_rows():
            if str(row[0].value or "").startswith("E"):
                row[excel_import.COL_TARGET - 1].value = 20
                row[excel_import.COL_SERVED - 1].value = 10
        for row in wb[excel_import.KEGIATAN_SHEET].iter_rows():
            if str(row[0].value or "").startswith("A"):
                row[excel_import.COL_PAGU - 1].value = 700

    result = excel_import.report_import(report=_fresh(report), user=pemda_user, data=template_bytes(report, edit))
    assert result.figures_changed == 4 and result.updated == 1
    assert _fresh(report).version == version + 1


def test_a_nested_write_that_fails_leaves_nothing_and_the_outer_write_goes_on(report, pemda_user):
    entry = report.entries.order_by("order").first()
    version = report.version
    with report_write(report=report, user=pemda_user, expected_version=version) as write:
        with pytest.raises(reports.ReportValidationError):
            reports.activity_create(report=report, user=pemda_user, entry_id=entry.pk, name="", pagu=1, realisasi=1)
        reports.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Catatan")
        assert len(write.events) == 1
    assert _fresh(report).version == version + 1
    assert not SupportingFile.objects.exists() and not Activity.objects.filter(entry__report=report).exists()
