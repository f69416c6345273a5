"""Accessibility bugs the journeys found once, kept as regression tests.

New findings in pages go to conftest.KNOWN_BUGS with a strict-xfail test here until they are fixed.
"""

import pytest

from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import (
    E2E_DB,
    PHONE,
    axe_violations,
    login,
    overflowing_elements,
    unlabelled_controls,
)

pytestmark = E2E_DB


@pytest.fixture
def officer_report(db):
    data = journeys.world()
    user = factories.PemdaUserFactory(region=data["kabkota"])
    report = svc.report_get_or_create(region=data["kabkota"], urusan=data["pendidikan"], period=data["period"])
    return user, report


def test_the_tables_of_tab_b_scroll_by_keyboard_on_a_phone(open_page, live_server, officer_report):
    user, report = officer_report
    page = open_page(PHONE)
    login(page, live_server, user.username)
    page.goto(live_server.url + f"/pelaporan/laporan/{report.pk}/kegiatan/")
    rules = [v["rule"] for v in axe_violations(page, include_known=True)]
    assert "scrollable-region-focusable" not in rules


def test_the_upload_form_of_tab_c_labels_its_select(open_page, live_server, officer_report):
    user, report = officer_report
    page = open_page()
    login(page, live_server, user.username)
    page.goto(live_server.url + f"/pelaporan/laporan/{report.pk}/permasalahan/")
    assert unlabelled_controls(page) == []


def test_tab_a_fits_a_phone_screen(open_page, live_server, officer_report):
    user, report = officer_report
    page = open_page(PHONE)
    login(page, live_server, user.username)
    page.goto(live_server.url + f"/pelaporan/laporan/{report.pk}/capaian/")
    assert overflowing_elements(page) == []
