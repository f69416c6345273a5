"""The Evaluasi capaian page in Chromium at 1366 px and on phones (360/390/414 px), axe clean, and the
ministry's zip of every pemda of the quarter made as a background job."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, login
from tests.functional.e2e.journeys import PERIOD, QUARTER, YEAR
from tests.functional.e2e.test_monitoring_journey import _sent_report
from tests.jobs import run_queued_jobs

pytestmark = E2E_DB

WIDTHS = [1366, 360, 390, 414]


@pytest.fixture
def evaluated(db):
    data = journeys.world()
    _sent_report(data["kabkota"], data["pendidikan"], data["period"], (400, 380))
    return data


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pemda_reads_its_evaluation(open_page, live_server, evaluated, width):
    page = open_page({"width": width, "height": 900})
    login(page, live_server, "3517")
    page.goto(f"{live_server.url}/pelaporan/evaluasi/?tahun={YEAR}&triwulan={QUARTER}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Evaluasi capaian SPM {PERIOD} Kabupaten Jombang")
    expect(page.locator("ul.narrative")).to_contain_text("Total pengisian")
    expect(page.locator("ul.narrative")).to_contain_text("Kesehatan 0 %: belum diisi.")
    expect(page.locator("figure.chart").first).to_be_visible()
    journeys.check(page, f"evaluasi {width}px", phone=width < 640)


def test_the_ministry_makes_the_quarters_zip(open_page, live_server, evaluated):
    ministry = factories.UserFactory(role="reviewer")
    page = open_page({"width": 1366, "height": 900})
    login(page, live_server, ministry.username)
    page.goto(f"{live_server.url}/pelaporan/evaluasi/semua/?tahun={YEAR}&triwulan={QUARTER}")
    journeys.check(page, "evaluasi seluruh pemda", phone=False)
    page.get_by_role("button", name=f"Buat evaluasi {PERIOD}").click()
    page.wait_for_url("**/pelaporan/pekerjaan/*/")
    run_queued_jobs()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Unduh evaluasi-spm")).click()
    assert info.value.suggested_filename == f"evaluasi-spm-{YEAR}-tw{QUARTER}.zip"
