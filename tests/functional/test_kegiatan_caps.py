"""Issue 24.1: sub kegiatan are capped per jenis pelayanan and per report, and the tab B form, the Excel import
and the API all refuse past the cap with an Indonesian message, saving nothing."""

import pytest

from django.urls import reverse

from reporting import messages
from reporting.models import Activity
from reporting.services import excel_export, excel_import, values
from reporting.services import reports as svc
from reporting.services.kegiatan_caps import KEGIATAN_CAP
from tests.functional.test_report_pages import make_catalogue
from tests.integration.test_excel_export import make_filled_report
from tests.integration.test_excel_import import _row, template_bytes


@pytest.fixture
def caps(settings):
    settings.KEGIATAN_MAX_PER_SERVICE = 3
    settings.KEGIATAN_MAX_PER_REPORT = 5
    return settings


@pytest.fixture
def report(kabkota, period_open, urusan_pendidikan):
    make_catalogue(urusan_pendidikan, services=2, mutu=1)
    return svc.report_get_or_create(region=kabkota, urusan=urusan_pendidikan, period=period_open)


@pytest.fixture
def urusan_pendidikan(db):
    from tests import factories

    return factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")


@pytest.fixture
def period_open(db):
    from tests import factories

    return factories.PeriodFactory(year=2026, quarter=1)


def _add(report, user, entry, n):
    for i in range(n):
        svc.activity_create(report=report, user=user, entry_id=entry.pk, name=f"Sub {i}", pagu=10, realisasi=5)


def test_the_service_refuses_past_the_cap_per_service_and_per_report(caps, report, pemda_user):
    first, second = report.entries.order_by("order")
    _add(report, pemda_user, first, 3)
    with pytest.raises(svc.ReportValidationError) as refused:
        _add(report, pemda_user, first, 1)
    assert refused.value.field_errors == {
        "entry": messages.KEGIATAN_CAP_SERVICE.format(service=first.service_name, limit=3)
    }
    assert refused.value.codes == {"entry": KEGIATAN_CAP}
    _add(report, pemda_user, second, 2)
    with pytest.raises(svc.ReportValidationError) as refused:
        _add(report, pemda_user, second, 1)
    assert refused.value.field_errors == {"entry": messages.KEGIATAN_CAP_REPORT.format(limit=5)}
    assert refused.value.codes == {"entry": KEGIATAN_CAP}
    assert Activity.objects.filter(entry__report=report).count() == 5


def test_only_the_cap_refusal_carries_the_cap_code(caps, report, pemda_user):
    """Another refusal of the same key (a service not of this report) has no code: the import answers it per cell."""
    with pytest.raises(svc.ReportValidationError) as refused:
        values.report_values_save(
            report=report,
            user=pemda_user,
            expected_version=report.version,
            kegiatan=[values.KegiatanLine(entry_id=999_999, name="Asing", pagu=10, realisasi=5)],
        )
    assert refused.value.field_errors == {"kegiatan-0-entry": messages.UNKNOWN_ROW}
    assert refused.value.codes == {}


def test_the_tab_b_form_says_the_cap_and_refuses_one_more(client, caps, report, pemda_user):
    entry = report.entries.order_by("order").first()
    _add(report, pemda_user, entry, 3)
    report.refresh_from_db()
    client.force_login(pemda_user)
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    assert "Paling banyak 3 sub kegiatan per jenis pelayanan dan 5 per laporan." in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "version": report.version,
            "action": "add",
            "target": entry.pk,
            f"add-{entry.pk}-name": "Satu lagi",
            f"add-{entry.pk}-pagu": "10",
            f"add-{entry.pk}-realisasi": "5",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "sudah memuat 3 sub kegiatan, batas per jenis pelayanan" in page
    assert "Satu lagi" in page  # the typed row is kept in the form
    assert not Activity.objects.filter(name="Satu lagi").exists()


def test_the_excel_import_refuses_a_file_past_the_cap_naming_the_sheet(caps, kabkota, pemda_user, monkeypatch):
    report = make_filled_report(kabkota, pemda_user)  # PAUD and Rehab under one service
    entry = report.entries.get()

    def two_more(wb):
        keg = wb[excel_export.KEGIATAN_SHEET]
        blanks = [r for r in range(1, keg.max_row + 1) if keg.cell(row=r, column=1).value == f"N{entry.pk}"]
        for row, name in zip(blanks, ("Baru 1", "Baru 2"), strict=False):
            keg.cell(row=row, column=3).value, keg.cell(row=row, column=4).value = name, 10
            keg.cell(row=row, column=5).value = 5

    with pytest.raises(excel_import.ExcelImportError) as refused:
        excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, two_more))
    assert refused.value.errors == [
        messages.KEGIATAN_CAP_IMPORT_SERVICE.format(
            sheet=excel_export.KEGIATAN_SHEET, service=entry.service_name, count=4, limit=3
        )
    ]
    assert sorted(Activity.objects.filter(entry=entry).values_list("name", flat=True)) == ["PAUD", "Rehab"]

    # The import knows the refusal by its code, not its wording: reworded, it is still answered for the whole file.
    monkeypatch.setattr(values, "KEGIATAN_CAP_SERVICE", "Batas sub kegiatan {service}: {limit}")
    with pytest.raises(excel_import.ExcelImportError) as refused:
        excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, two_more))
    assert refused.value.errors == [
        messages.KEGIATAN_CAP_IMPORT_SERVICE.format(
            sheet=excel_export.KEGIATAN_SHEET, service=entry.service_name, count=4, limit=3
        )
    ]
    monkeypatch.undo()

    def replace_rehab(wb):  # a file that deletes one row and adds two ends at the cap: deletions go first
        two_more(wb)
        keg = wb[excel_export.KEGIATAN_SHEET]
        row = _row(keg, "Rehab")
        for col in (3, 4, 5):
            keg.cell(row=row, column=col).value = None

    report.refresh_from_db()
    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, replace_rehab))
    assert (result.created, result.deleted) == (2, 1)
    assert Activity.objects.filter(entry=entry).count() == 3
