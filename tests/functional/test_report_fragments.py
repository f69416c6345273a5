"""The rendered tab bodies and history kept in the cache (reporting/views/fragments.py): faster pages that
never show an old value, another viewer's token or an editor's form to a reader."""

import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reporting.models import Report
from reporting.services import files as file_services
from reporting.services import reports as svc
from reporting.views.fragments import CSRF_PLACEHOLDER
from tests import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
TABS = ("report_capaian", "report_kegiatan", "report_permasalahan")


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota)


def url(name, report):
    return reverse(f"reporting:{name}", kwargs={"pk": report.pk})


def token_in(page: str) -> str:
    return page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def fresh(report) -> Report:
    return Report.objects.get(pk=report.pk)


@pytest.mark.parametrize("tab", TABS)
def test_a_second_view_comes_from_the_cache_with_the_viewers_own_working_token(pemda_user, report, tab):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(pemda_user)
    first = browser.get(url(tab, report)).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = browser.get(url(tab, report)).content.decode()
    assert second == first.replace(token_in(first), token_in(second))
    assert CSRF_PLACEHOLDER not in second
    assert not any("reporting_serviceentry" in q["sql"] or "reporting_reportevent" in q["sql"] for q in queries)
    # The cached form's token is the viewer's own: a save with it is accepted.
    response = browser.post(
        url("report_permasalahan", report),
        {
            "csrfmiddlewaretoken": token_in(second),
            "version": fresh(report).version,
            "action": "add_problem",
            "category": "pelaksanaan",
            "text": "Data sasaran terlambat.",
        },
    )
    assert response.status_code == 302


def test_another_viewer_gets_the_cached_part_with_its_own_token(pemda_user, report):
    operator = factories.OperatorUserFactory(parent=pemda_user, region=pemda_user.region, urusan=report.urusan)
    pages = []
    for user in (pemda_user, operator):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        pages.append(browser.get(url("report_capaian", report)).content.decode())
    assert token_in(pages[0]) != token_in(pages[1])
    assert 'class="num figure' in pages[1]


@pytest.mark.parametrize("change", ["capaian", "activity", "problem", "file", "submit"])
def test_every_change_shows_at_once(client, pemda_user, report, change):
    client.force_login(pemda_user)
    for tab in TABS:
        client.get(url(tab, report))
        client.get(url(tab, report))
    entry = report.entries.order_by("order").first()
    if change == "capaian":
        svc.report_capaian_save(
            report=fresh(report),
            user=pemda_user,
            expected_version=fresh(report).version,
            entries={entry.pk: {"harus_dilayani": 4321987, "terlayani": 1}},
        )
        expected = ("report_capaian", "4.321.987")
    elif change == "activity":
        svc.activity_create(
            report=fresh(report), user=pemda_user, entry_id=entry.pk, name="Kegiatan baru sekali", pagu=10, realisasi=5
        )
        expected = ("report_kegiatan", "Kegiatan baru sekali")
    elif change == "problem":
        svc.problem_create(report=fresh(report), user=pemda_user, category="pelaksanaan", text="Masalah baru sekali")
        expected = ("report_permasalahan", "Masalah baru sekali")
    elif change == "file":
        file_services.supporting_file_add(
            report=fresh(report),
            user=pemda_user,
            category="pelaksanaan",
            uploaded=SimpleUploadedFile("bukti-baru.pdf", PDF, "application/pdf"),
        )
        expected = ("report_permasalahan", "bukti-baru.pdf")
    else:
        svc.report_submit(report=fresh(report), user=pemda_user)
        expected = ("report_kegiatan", "Tambah kegiatan")
    page = client.get(url(expected[0], report)).content.decode()
    if change == "submit":
        assert expected[1] not in page
    else:
        assert expected[1] in page
    history = client.get(url("report_capaian", report)).content.decode().split('id="riwayat"', 1)[1]
    assert "Belum ada riwayat." not in history


def test_every_service_write_gives_the_report_a_new_version(pemda_user, province_user, report):
    """The cache keys on the version: a write that kept it would leave an old page in the cache."""
    reviewer = factories.UserFactory(username="reviewer1", role="reviewer")
    entry = report.entries.order_by("order").first()
    steps = {
        "capaian": lambda r: svc.report_capaian_save(
            report=r,
            user=pemda_user,
            expected_version=r.version,
            entries={entry.pk: {"harus_dilayani": 10, "terlayani": 5}},
        ),
        "activity_create": lambda r: svc.activity_create(
            report=r, user=pemda_user, entry_id=entry.pk, name="A", pagu=10, realisasi=5
        ),
        "activity_update": lambda r: svc.activity_update(
            report=r, user=pemda_user, activity_id=entry.activities.get().pk, name="B", pagu=10, realisasi=5
        ),
        "activity_delete": lambda r: svc.activity_delete(
            report=r, user=pemda_user, activity_id=entry.activities.get().pk
        ),
        "problem_create": lambda r: svc.problem_create(report=r, user=pemda_user, category="pelaksanaan", text="x"),
        "problem_update": lambda r: svc.problem_update(
            report=r, user=pemda_user, problem_id=r.problems.get().pk, category="pelaksanaan", text="y"
        ),
        "problem_delete": lambda r: svc.problem_delete(report=r, user=pemda_user, problem_id=r.problems.get().pk),
        "file_add": lambda r: file_services.supporting_file_add(
            report=r, user=pemda_user, uploaded=SimpleUploadedFile("a.pdf", PDF, "application/pdf")
        ),
        "file_delete": lambda r: file_services.supporting_file_delete(
            report=r, user=pemda_user, file_id=r.files.get().pk
        ),
        "submit": lambda r: svc.report_submit(report=r, user=pemda_user),
        "return": lambda r: svc.report_return(report=r, user=province_user, reason="Perbaiki"),
        "submit_again": lambda r: svc.report_submit(report=r, user=pemda_user),
        "accept": lambda r: svc.report_accept(report=r, user=province_user),
        "reopen_accepted": lambda r: svc.report_reopen(
            report=r, user=reviewer, until=timezone.now() + datetime.timedelta(days=3)
        ),
        "reopen_draft": lambda r: svc.report_reopen(
            report=r, user=reviewer, until=timezone.now() + datetime.timedelta(days=5)
        ),
    }
    for name, step in steps.items():
        before = fresh(report).version
        step(fresh(report))
        assert fresh(report).version > before, name


def test_a_closing_window_turns_the_cached_form_read_only(client, pemda_user, report):
    client.force_login(pemda_user)
    assert 'class="num figure' in client.get(url("report_capaian", report)).content.decode()
    period = report.period
    period.opens_at = timezone.now() - datetime.timedelta(days=40)
    period.closes_at = timezone.now() - datetime.timedelta(days=1)
    period.save()
    page = client.get(url("report_capaian", report)).content.decode()
    assert 'class="num figure' not in page
    assert "Simpan capaian" not in page


def test_a_row_opened_for_editing_is_drawn_fresh(client, pemda_user, report):
    entry = report.entries.order_by("order").first()
    activity = svc.activity_create(
        report=report, user=pemda_user, entry_id=entry.pk, name="Ubah saya", pagu=1, realisasi=1
    )
    client.force_login(pemda_user)
    client.get(url("report_kegiatan", report))
    page = client.get(url("report_kegiatan", report) + f"?ubah={activity.pk}").content.decode()
    assert f'name="act-{activity.pk}-name"' in page
