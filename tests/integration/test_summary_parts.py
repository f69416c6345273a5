"""Each write refreshes only the half of the summary its rows feed; the stored summary must still equal a
full recomputation after any mix of writes (the deadline rush checks the same at scale)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.models import Report
from reporting.services import files as file_services
from reporting.services import reports as svc
from tests import factories

SUMMARY = (
    "capaian_penerima",
    "capaian_mutu",
    "indeks",
    "category",
    "figures_required",
    "figures_filled",
    "pagu_total",
    "realisasi_total",
    "version",
)


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota, services=3, mutu=2)


def stored(report):
    row = Report.objects.get(pk=report.pk)
    return [getattr(row, name) for name in SUMMARY]


def recomputed(report):
    row = Report.objects.get(pk=report.pk)
    svc.report_summary_refresh(report=row)
    return stored(row)


def test_summary_stays_equal_to_a_full_recomputation_after_every_kind_of_write(pemda_user, report):
    entries = list(report.entries.order_by("order"))
    mutu = list(entries[0].mutu_entries.order_by("order"))

    def fresh():
        return Report.objects.get(pk=report.pk)

    writes = [
        lambda: svc.report_capaian_save(
            report=fresh(),
            user=pemda_user,
            expected_version=fresh().version,
            entries={
                entries[0].pk: {
                    "harus_dilayani": 1200,
                    "terlayani": 1100,
                    "mutu": {mutu[0].pk: {"harus_dipenuhi": 50, "terpenuhi": 45}},
                },
                entries[1].pk: {"harus_dilayani": 10, "terlayani": 10},
            },
        ),
        lambda: svc.activity_create(
            report=fresh(), user=pemda_user, entry_id=entries[0].pk, name="A", pagu=1_000, realisasi=900
        ),
        lambda: svc.activity_create(
            report=fresh(), user=pemda_user, entry_id=entries[2].pk, name="B", pagu=500, realisasi=100
        ),
        lambda: svc.problem_create(report=fresh(), user=pemda_user, category="pelaksanaan", text="Terlambat"),
        lambda: svc.activity_update(
            report=fresh(),
            user=pemda_user,
            activity_id=entries[0].activities.get().pk,
            name="A2",
            pagu=2_000,
            realisasi=1_500,
        ),
        lambda: file_services.supporting_file_add(
            report=fresh(),
            user=pemda_user,
            uploaded=SimpleUploadedFile(
                "a.pdf",
                (
                    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
                ),
                "application/pdf",
            ),
        ),
        lambda: svc.activity_delete(report=fresh(), user=pemda_user, activity_id=entries[2].activities.get().pk),
        lambda: svc.report_capaian_save(
            report=fresh(),
            user=pemda_user,
            expected_version=fresh().version,
            entries={entries[1].pk: {"harus_dilayani": None, "terlayani": None}},
        ),
    ]
    for number, write in enumerate(writes):
        write()
        assert stored(report) == recomputed(report), f"write {number}"
    row = Report.objects.get(pk=report.pk)
    assert (row.pagu_total, row.realisasi_total) == (2_000, 1_500)
    assert row.figures_filled == 4
