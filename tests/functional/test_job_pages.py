"""The job pages: a progress bar that works without script (self-refreshing page) and with it (JSON status)."""

import pytest

from django.urls import reverse

from reporting.jobs import leases
from reporting.messages import JOB_FAILED_UNEXPECTED, JOB_RESULT_GONE, JOB_TOO_MANY_QUEUED
from reporting.models import Job, JobKind, JobStatus, Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return factories.UserFactory(role=Role.REVIEWER)


def _running(user):
    return Job.objects.create(
        kind=JobKind.RECAP, user=user, status=JobStatus.RUNNING, rows_done=1000, rows_total=13848, params={}
    )


def test_a_running_job_shows_a_labelled_bar_and_refreshes_itself_without_script(client, reviewer):
    job = _running(reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert '<progress id="pekerjaan-bar" max="13848" value="1000"' in page
    assert '<label for="pekerjaan-bar">' in page
    assert "1.000 dari 13.848 baris (7 %)" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "js/jobs.js" in page and "<script>" not in page


def test_the_status_endpoint_gives_the_same_label_as_the_page(client, reviewer):
    job = _running(reviewer)
    client.force_login(reviewer)
    state = client.get(reverse("reporting:job_status", args=[job.pk])).json()
    assert state["rows_done"] == 1000 and state["rows_total"] == 13848 and state["finished"] is False
    assert state["label"] == "1.000 dari 13.848 baris (7 %)" and state["download_url"] is None


def test_a_finished_job_stops_refreshing_and_offers_the_download(client, reviewer):
    job = _running(reviewer)
    leases.job_succeed(job, "Rekap selesai: 13.848 baris layanan.", rows=13848, result="x", filename="r.xlsx")
    client.force_login(reviewer)
    page = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert "refresh" not in page and "js/jobs.js" not in page
    assert reverse("reporting:job_download", args=[job.pk]) in page


def test_a_failed_job_says_why(client, reviewer):
    job = Job.objects.create(kind=JobKind.RECAP, user=reviewer, status=JobStatus.FAILED, message=JOB_FAILED_UNEXPECTED)
    client.force_login(reviewer)
    page = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert JOB_FAILED_UNEXPECTED in page and 'role="alert"' in page


def test_a_result_that_is_gone_sends_back_to_the_page_with_the_reason(client, reviewer):
    job = _running(reviewer)
    leases.job_succeed(job, "Selesai.", rows=13848, result="", filename="r.xlsx")
    client.force_login(reviewer)
    response = client.get(reverse("reporting:job_download", args=[job.pk]))
    assert response.status_code == 302
    assert JOB_RESULT_GONE in client.get(response["Location"]).content.decode()


def test_a_repeated_request_goes_to_the_job_already_queued_and_one_too_many_gets_an_indonesian_429(
    client, reviewer, settings, province
):
    settings.JOB_QUEUED_MAX_PER_USER = 1
    for quarter in (1, 2):
        factories.PeriodFactory(year=2026, quarter=quarter)
    client.force_login(reviewer)
    first = client.post("/pelaporan/excel/rekap/2026/1/")
    again = client.post("/pelaporan/excel/rekap/2026/1/")
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    refused = client.post("/pelaporan/excel/rekap/2026/2/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert JOB_TOO_MANY_QUEUED.format(count=1, limit=1) in page
    assert f'href="{first["Location"]}"' in page  # the job it waits for is one click away
    assert Job.objects.count() == 1
