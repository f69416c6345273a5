"""Solusi / tindak lanjut of a permasalahan: written through the one write path (version and history), frozen in
each sent version, compared on the "Versi" page, exported to Excel as text."""

import io

import pytest
from openpyxl import load_workbook

from reporting.models import Report, ReportEvent
from reporting.selectors.versions import snapshot_differences
from reporting.services import excel_export
from reporting.services import reports as svc
from tests import factories

pytestmark = pytest.mark.django_db

TOO_LONG = "Teks terlalu panjang: paling banyak 5.000 karakter, yang diisi 5.001 karakter."


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota, services=1, mutu=0)


def _events(report):
    return list(
        ReportEvent.objects.filter(report=report).order_by("id").values_list("field", "old_value", "new_value")
    )


def test_a_note_is_created_with_its_solusi_and_both_are_in_the_history(report, pemda_user):
    version = report.version
    problem = svc.problem_create(
        report=report,
        user=pemda_user,
        category="pengumpulan_data",
        text="Data sasaran terlambat.",
        solution="  Koordinasi bulanan dengan Dukcapil.  ",
        expected_version=version,
    )
    report.refresh_from_db()
    assert problem.solution == "Koordinasi bulanan dengan Dukcapil."
    assert report.version == version + 1
    assert _events(report)[-2:] == [
        ("Permasalahan Pengumpulan Data", "", "Data sasaran terlambat."),
        ("Solusi permasalahan Pengumpulan Data", "", "Koordinasi bulanan dengan Dukcapil."),
    ]


def test_changing_only_the_solusi_bumps_the_version_once_and_records_the_solusi_alone(report, pemda_user):
    problem = svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.")
    report.refresh_from_db()
    before, events = report.version, len(_events(report))
    svc.problem_update(
        report=report,
        user=pemda_user,
        problem_id=problem.pk,
        category="pelaksanaan",
        text="Guru kurang.",
        solution="Rekrutmen guru PPPK.",
        expected_version=before,
    )
    report.refresh_from_db()
    problem.refresh_from_db()
    assert problem.solution == "Rekrutmen guru PPPK."
    assert report.version == before + 1
    assert _events(report)[events:] == [("Solusi permasalahan Pelaksanaan", "", "Rekrutmen guru PPPK.")]


def test_saving_the_same_note_and_solusi_again_writes_nothing(report, pemda_user):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    report.refresh_from_db()
    before, events = report.version, len(_events(report))
    for solution in ("Rekrutmen.", " Rekrutmen. ", None):  # None: a caller that does not know solusi keeps it
        svc.problem_update(
            report=report,
            user=pemda_user,
            problem_id=problem.pk,
            category="pelaksanaan",
            text="Guru kurang.",
            solution=solution,
        )
    report.refresh_from_db()
    problem.refresh_from_db()
    assert (report.version, len(_events(report)), problem.solution) == (before, events, "Rekrutmen.")


def test_a_too_long_solusi_is_refused_by_the_service_and_the_saved_one_stays(report, pemda_user):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    report.refresh_from_db()
    version = report.version
    with pytest.raises(svc.ReportValidationError) as error:
        svc.problem_update(
            report=report,
            user=pemda_user,
            problem_id=problem.pk,
            category="pelaksanaan",
            text="Guru kurang sekali.",
            solution="x" * 5001,
        )
    assert error.value.message_dict == {"solution": [TOO_LONG]}
    with pytest.raises(svc.ReportValidationError):
        svc.problem_create(report=report, user=pemda_user, category="lain_lain", text="Baru", solution="x" * 5001)
    problem.refresh_from_db()
    report.refresh_from_db()
    assert (problem.text, problem.solution, report.version) == ("Guru kurang.", "Rekrutmen.", version)
    assert report.problems.count() == 1
    svc.problem_create(report=report, user=pemda_user, category="lain_lain", text="Baru", solution="x" * 5000)
    assert report.problems.count() == 2


def test_deleting_a_note_records_its_solusi_too(report, pemda_user):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    svc.problem_delete(report=report, user=pemda_user, problem_id=problem.pk)
    assert _events(report)[-2:] == [
        ("Permasalahan Pelaksanaan", "Guru kurang.", ""),
        ("Solusi permasalahan Pelaksanaan", "Rekrutmen.", ""),
    ]


def test_the_sent_version_freezes_the_solusi_and_the_next_one_shows_its_change(report, pemda_user, province_user):
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="Rekrutmen."
    )
    svc.report_submit(report=report, user=pemda_user)
    report.refresh_from_db()
    first = report.sent_snapshot
    assert first.data["permasalahan"] == [
        {
            "id": problem.pk,
            "category": "Pelaksanaan",
            "category_value": "pelaksanaan",
            "text": "Guru kurang.",
            "solution": "Rekrutmen.",
        }
    ]
    svc.report_return(report=report, user=province_user, reason="Lengkapi solusi.")
    svc.problem_update(
        report=report,
        user=pemda_user,
        problem_id=problem.pk,
        category="pelaksanaan",
        text="Guru kurang.",
        solution="Rekrutmen guru PPPK 2026.",
    )
    svc.report_submit(report=report, user=pemda_user)
    report.refresh_from_db()
    found = [(d.field, d.old, d.new) for d in snapshot_differences(first.data, report.sent_snapshot.data)]
    assert found == [("Permasalahan Pelaksanaan / solusi: Guru kurang.", "Rekrutmen.", "Rekrutmen guru PPPK 2026.")]


def test_versions_sent_before_solusi_existed_compare_as_an_empty_solusi():
    old = {"permasalahan": [{"category": "Pelaksanaan", "text": "Guru kurang."}]}
    same = {"permasalahan": [{"category": "Pelaksanaan", "text": "Guru kurang.", "solution": ""}]}
    filled = {"permasalahan": [{"category": "Pelaksanaan", "text": "Guru kurang.", "solution": "Rekrutmen."}]}
    assert snapshot_differences(old, same) == []
    assert [(d.field, d.old, d.new) for d in snapshot_differences(old, filled)] == [
        ("Permasalahan Pelaksanaan / solusi: Guru kurang.", "", "Rekrutmen.")
    ]
    assert snapshot_differences({}, {}) == []  # a version without permasalahan at all


def test_a_note_only_in_one_version_shows_with_its_solusi_on_that_side():
    old = {"permasalahan": [{"category": "Pelaksanaan", "text": "Lama", "solution": "S1"}]}
    new = {"permasalahan": [{"category": "Pelaksanaan", "text": "Baru", "solution": ""}]}
    assert [(d.field, d.old, d.new) for d in snapshot_differences(old, new)] == [
        ("Permasalahan Pelaksanaan", None, "Baru"),
        ("Permasalahan Pelaksanaan", "Lama", None),
        ("Permasalahan Pelaksanaan / solusi: Lama", "S1", ""),
    ]


def test_the_excel_export_has_a_solusi_column_kept_as_text(report, pemda_user):
    svc.problem_create(
        report=report, user=pemda_user, category="pelaksanaan", text="Guru kurang.", solution="=HYPERLINK(1)"
    )
    buffer = io.BytesIO()
    excel_export.report_workbook(excel_export.report_queryset(Report.objects.filter(pk=report.pk)).get()).save(buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer)[excel_export.PROBLEM_SHEET]
    rows = list(sheet.iter_rows())
    assert any(cell.value == "SOLUSI / TINDAK LANJUT" for row in rows for cell in row)
    note = next(row for row in rows if row[3].value == "Guru kurang.")
    assert (note[4].value, note[4].data_type) == ("=HYPERLINK(1)", "s")
