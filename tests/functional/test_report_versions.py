"""The "Versi" page compares two sent versions of a report."""

import pytest

from django.urls import reverse

from reporting.selectors.versions import snapshot_differences
from reporting.services import reports as svc
from tests import factories

pytestmark = pytest.mark.django_db


def _save(report, user, entry, harus, terlayani):
    report.refresh_from_db()
    svc.report_capaian_save(
        report=report,
        user=user,
        expected_version=report.version,
        entries={entry.pk: {"harus_dilayani": harus, "terlayani": terlayani}},
    )


def test_snapshot_differences_lists_only_what_changed_with_missing_rows_as_none():
    old = {"services": [{"code": "A", "name": "PAUD", "harus_dilayani": 41250, "terlayani": 39870, "kegiatan": []}]}
    new = {
        "services": [
            {
                "code": "A",
                "name": "PAUD",
                "harus_dilayani": 41250,
                "terlayani": 40000,
                "kegiatan": [{"name": "Gedung", "pagu": 1072692000, "realisasi": 1071045000}],
            }
        ],
        "summary": {"indeks": "96.76"},
    }
    found = [(d.field, d.old, d.new) for d in snapshot_differences(old, new)]
    assert found == [
        ("PAUD: jumlah yang terlayani", 39870, 40000),
        ("PAUD / kegiatan Gedung: pagu", None, 1072692000),
        ("PAUD / kegiatan Gedung: realisasi", None, 1071045000),
        ("indeks capaian", None, "96,76 %"),
    ]


def test_the_versions_page_shows_the_change_between_two_sent_versions(client, kabkota, pemda_user, province_user):
    report = factories.report_with_catalogue(kabkota, services=1, mutu=0)
    entry = report.entries.get()
    _save(report, pemda_user, entry, 41250, 39000)
    svc.report_submit(report=report, user=pemda_user)
    report.refresh_from_db()
    svc.report_return(report=report, user=province_user, reason="Periksa jumlah terlayani.")
    _save(report, pemda_user, entry, 41250, 39870)
    report.refresh_from_db()
    svc.report_submit(report=report, user=pemda_user)

    client.force_login(province_user)
    response = client.get(reverse("reporting:report_versions", kwargs={"pk": report.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Perbedaan kiriman ke-1 dan ke-2" in html
    assert "39.000" in html and "39.870" in html
    assert "jumlah yang harus dilayani" not in html  # unchanged: not listed
