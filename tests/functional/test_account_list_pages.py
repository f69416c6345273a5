"""The ministry admin starts the pemda account list from the admin, watches it, downloads it once."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from reporting.accounts.services.roles import roles_setup
from reporting.models import Role
from tests import factories
from tests.jobs import download_bytes, job_from_redirect, run_queued_jobs

pytestmark = pytest.mark.django_db

START = "reporting_pemda_accounts_list"


@pytest.fixture
def ministry_admin(kabkota):
    roles_setup()
    return factories.UserFactory(role=Role.MINISTRY_ADMIN, is_staff=True)


def test_the_admin_starts_the_list_as_a_job_and_downloads_it_exactly_once(client, ministry_admin):
    client.force_login(ministry_admin)
    page = client.get(reverse(START)).content.decode()
    assert '<label for="id_regions">' in page and "hanya dapat diunduh satu kali" in page
    job = job_from_redirect(client.post(reverse(START), {"regions": ""}))
    assert client.get(reverse("reporting:job_status", args=[job.pk])).json()["status"] == "queued"
    run_queued_jobs()
    detail = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert "password sekali pakai" in detail and reverse("reporting:job_download", args=[job.pk]) in detail
    job.refresh_from_db()
    sheet = load_workbook(io.BytesIO(download_bytes(client, job))).active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["3500", "3517"]
    second = client.get(reverse("reporting:job_download", args=[job.pk]))
    assert second.status_code == 302 and second["Location"] == reverse("reporting:job_detail", args=[job.pk])


def test_unknown_login_codes_are_refused_with_a_message_and_no_job(client, ministry_admin):
    client.force_login(ministry_admin)
    response = client.post(reverse(START), {"regions": "3517, 9999"})
    assert response.status_code == 200
    assert "Kode login tidak dikenal atau wilayahnya tidak aktif: 9999." in response.content.decode()
    assert not ministry_admin.jobs.exists()


def test_a_reviewer_cannot_start_the_list(client, kabkota):
    roles_setup()
    reviewer = factories.UserFactory(role=Role.REVIEWER, is_staff=True)
    client.force_login(reviewer)
    for response in (client.get(reverse(START)), client.post(reverse(START), {"regions": ""})):
        assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "no permission"
    assert not reviewer.jobs.exists()


def test_another_ministry_admin_sees_neither_the_job_nor_its_file(client, ministry_admin):
    client.force_login(ministry_admin)
    job = job_from_redirect(client.post(reverse(START), {"regions": ""}))
    run_queued_jobs()
    client.force_login(factories.UserFactory(role=Role.MINISTRY_ADMIN, is_staff=True))
    assert client.get(reverse("reporting:job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:job_download", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.result  # still there for the one who asked
