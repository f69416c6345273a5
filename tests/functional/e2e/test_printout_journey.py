"""Cetak PDF in the browser (issue 24.1): the button on the report page opens "Sedang disiapkan", the page follows
the job by itself and then downloads the PDF; a second Cetak PDF of the same version downloads at once."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import Job
from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, login
from tests.jobs import run_queued_jobs

pytestmark = E2E_DB


@pytest.fixture
def filled(db):
    data = journeys.world()
    officer = factories.PemdaUserFactory(region=data["kabkota"], must_change_password=False)
    report = svc.report_get_or_create(region=data["kabkota"], urusan=data["pendidikan"], period=data["period"])
    entry = report.entries.order_by("order").first()
    svc.report_capaian_save(
        report=report,
        user=officer,
        expected_version=report.version,
        entries={entry.pk: {"harus_dilayani": 229662, "terlayani": 229662, "mutu": {}}},
    )
    return {"report": report, "officer": officer}


def test_cetak_pdf_is_prepared_then_downloads_and_the_same_version_downloads_at_once(page, live_server, filled):
    report = filled["report"]
    login(page, live_server, filled["officer"].username)
    page.goto(f"{live_server.url}/pelaporan/laporan/{report.pk}/capaian/")
    page.get_by_role("button", name="Cetak PDF").click()
    page.wait_for_url(re.compile(r"/pelaporan/pekerjaan/\d+/$"))
    expect(page.get_by_text("Sedang disiapkan")).to_be_visible()
    journeys.check(page, "cetak PDF disiapkan", False)
    with page.expect_download(timeout=20_000) as first:
        run_queued_jobs()  # the worker; the page notices by itself, shows the result and downloads it
    with open(first.value.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    assert first.value.suggested_filename.endswith(".pdf")
    expect(page.get_by_role("link", name=re.compile(r"^Unduh laporan-spm-3517"))).to_be_visible()

    page.goto(f"{live_server.url}/pelaporan/laporan/{report.pk}/capaian/")
    with page.expect_download() as second:
        page.get_by_role("button", name="Cetak PDF").click()
    with open(second.value.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    assert Job.objects.count() == 1  # no second job: the stored copy of this version
