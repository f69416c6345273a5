"""Evaluasi capaian per pemda: the page, its PDF and the ministry's zip of every pemda of a quarter.

Jombang in TW II 2026: Pendidikan sent complete (and in TW I), Kesehatan only a draft. A draft never counts,
for the pemda itself neither: total fill 50 %, Kesehatan 0 % not yet filled. The pemda reads its own, its
province reads it, the ministry reads every one; another kab/kota and an operator do not.
"""

import io
import zipfile

import pytest
from pypdf import PdfReader

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.jobs import queue
from reporting.messages import EVALUATION_NOT_ALLOWED
from reporting.models import Job
from reporting.services import reports as svc
from tests import factories
from tests.jobs import run_queued_jobs

URL = reverse("reporting:evaluation")


def _fill(report, user, harus, terlayani):
    entry = report.entries.get()
    mutu = entry.mutu_entries.get()
    report = svc.report_capaian_save(
        report=report,
        user=user,
        expected_version=report.version,
        entries={
            entry.pk: {
                "harus_dilayani": harus,
                "terlayani": terlayani,
                "mutu": {mutu.pk: {"harus_dipenuhi": harus, "terpenuhi": terlayani}},
            }
        },
    )
    report.refresh_from_db()
    return report


def _urusan(code, name, order):
    urusan = factories.UrusanFactory(code=code, name=name, short_name=name.upper(), order=order)
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota", name=f"Layanan {name}")
    factories.MutuItemFactory(service=service)
    return urusan


@pytest.fixture
def jombang_quarter(kabkota, pemda_user):
    pendidikan, kesehatan = _urusan("1.01", "Pendidikan", 1), _urusan("1.02", "Kesehatan", 2)
    tw1 = factories.PeriodFactory(year=2026, quarter=1)
    tw2 = factories.PeriodFactory(year=2026, quarter=2)
    first = _fill(svc.report_get_or_create(region=kabkota, urusan=pendidikan, period=tw1), pemda_user, 400, 380)
    svc.report_submit(report=first, user=pemda_user)
    second = _fill(svc.report_get_or_create(region=kabkota, urusan=pendidikan, period=tw2), pemda_user, 400, 390)
    svc.report_submit(report=second, user=pemda_user)
    _fill(svc.report_get_or_create(region=kabkota, urusan=kesehatan, period=tw2), pemda_user, 50, 50)
    return tw2


def _page(client, user, query="?tahun=2026&triwulan=2"):
    client.force_login(user)
    return client.get(URL + query)


def test_the_pemda_reads_its_evaluation_with_the_rule_written_narrative(client, pemda_user, jombang_quarter):
    response = _page(client, pemda_user)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Evaluasi capaian SPM TW II 2026 Kabupaten Jombang" in html
    assert "Total pengisian 50 %: Kabupaten Jombang telah mengisi 4 dari 8 isian capaian SPM TW II 2026." in html
    assert "Kesehatan 0 %: belum diisi." in html  # its draft does not count
    assert "Layanan Pendidikan (97,50 %)" in html  # below target, from the sent version
    assert "Dibanding TW I 2026, pengisian tetap 50 %." in html  # TW I: Pendidikan sent, Kesehatan not
    assert html.count("<svg") >= 2  # a chart per bidang
    assert "3517 · Kabupaten Jombang</summary>" in html  # the account menu names the region


def test_the_province_and_the_ministry_read_it_and_nobody_else(client, province_user, pemda_user, jombang_quarter):
    query = "?wilayah=35.17&tahun=2026&triwulan=2"
    assert _page(client, province_user, query).status_code == 200
    assert _page(client, factories.UserFactory(role="reviewer"), query).status_code == 200
    neighbour = factories.PemdaUserFactory(
        region=factories.KabKotaFactory(code="35.18", province=province_user.region)
    )
    assert _page(client, neighbour, query).status_code == 404
    urusan = jombang_quarter.reports.first().urusan
    operator = factories.OperatorUserFactory(parent=pemda_user, urusan=urusan)
    assert _page(client, operator).status_code == 404
    assert _page(client, factories.UserFactory(role="editor"), query).status_code == 404


def test_the_evaluation_page_runs_a_fixed_number_of_queries(client, pemda_user, kabkota, jombang_quarter):
    client.force_login(pemda_user)
    client.get(URL + "?tahun=2026&triwulan=2")
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL + "?tahun=2026&triwulan=2").status_code == 200
    for order, code in enumerate(("1.03", "1.04", "1.05"), start=3):
        urusan = _urusan(code, f"Bidang {code}", order)
        for quarter in (1, 2):
            period = factories.PeriodFactory(year=2026, quarter=quarter)
            report = _fill(svc.report_get_or_create(region=kabkota, urusan=urusan, period=period), pemda_user, 10, 9)
            svc.report_submit(report=report, user=pemda_user)
        other = factories.KabKotaFactory(code=f"35.{order + 20}", province=kabkota.province)
        svc.report_get_or_create(region=other, urusan=urusan, period=period)
    with CaptureQueriesContext(connection) as big:
        assert client.get(URL + "?tahun=2026&triwulan=2").status_code == 200
    assert len(big) == len(small), [q["sql"][:120] for q in big.captured_queries]


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_evaluation_pdf_carries_the_narrative(client, pemda_user, jombang_quarter):
    client.force_login(pemda_user)
    response = client.get(reverse("reporting:evaluation_pdf") + "?tahun=2026&triwulan=2")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Total pengisian 50 %" in text and "Kesehatan 0 %: belum diisi." in text


def test_the_ministry_makes_every_evaluation_of_a_quarter_as_one_zip(client, province_user, jombang_quarter):
    factories.KabKotaFactory(code="35.18", login_code="3518", province=province_user.region)
    ministry = factories.UserFactory(role="reviewer")
    client.force_login(ministry)
    url = reverse("reporting:evaluation_all") + "?tahun=2026&triwulan=2"
    assert client.get(url).status_code == 200
    started = client.post(url)
    assert started.status_code == 302
    assert "· TW II 2026</p>" in client.get(started["Location"]).content.decode()  # as every page writes it
    run_queued_jobs()
    job = Job.objects.get()
    assert job.status == "done", job.message
    assert job.rows_done == job.rows_total == 3 and "3 pemda" in job.message
    response = client.get(reverse("reporting:job_download", args=[job.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "evaluasi-spm-3500-2026-tw2.pdf",
        "evaluasi-spm-3517-2026-tw2.pdf",
        "evaluasi-spm-3518-2026-tw2.pdf",
    ]
    assert "Kesehatan 0 %: belum diisi." in _pdf_text(archive.read("evaluasi-spm-3517-2026-tw2.pdf"))


def test_only_the_ministry_starts_the_zip(client, province_user, jombang_quarter):
    client.force_login(province_user)
    assert client.post(reverse("reporting:evaluation_all") + "?tahun=2026&triwulan=2").status_code == 403
    job = queue.job_start(kind="evaluation", user=province_user, params={"year": 2026, "quarter": 2})
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and job.message == EVALUATION_NOT_ALLOWED and not job.result
