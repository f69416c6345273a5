"""Background jobs on the database queue: the recap job's progress, failures, results and their expiry."""

import datetime
import io

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reporting.messages import JOB_FAILED_UNEXPECTED, RECAP_PERIOD_GONE
from reporting.models import Job, JobKind, JobStatus, Role
from reporting.services import excel_export
from reporting.services import jobs as job_services
from reporting.services.seed import seed_national
from tests import factories
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    regions = factories.seed_world(provinces=1, kabkota_per_province=2, years=[2026], urusan=2)
    seed_national(regions=regions, years=[2026])
    return regions


@pytest.fixture
def reviewer():
    return factories.UserFactory(role=Role.REVIEWER)


def _recap(user, quarter=1):
    return job_services.job_start(kind=JobKind.RECAP, user=user, params={"year": 2026, "quarter": quarter})


def _stored_names(job):
    try:
        return storages["private"].listdir(f"jobs/{job.pk}")[1]
    except FileNotFoundError:
        return []


def test_starting_a_job_records_it_and_queues_it_in_one_go(reviewer):
    job = _recap(reviewer)
    assert job.status == JobStatus.QUEUED
    queued = DBTaskResult.objects.get()
    assert queued.backend_name == "jobs" and queued.args_kwargs["kwargs"] == {"job_id": job.pk}


def test_the_worker_runs_the_recap_and_keeps_the_whole_file_in_private_storage(country, reviewer):
    job = _recap(reviewer)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.rows_total == job.rows_done > 0
    assert job.result.startswith(f"jobs/{job.pk}/") and job.result_filename == "rekap-capaian-spm-2026-tw1.xlsx"
    with storages["private"].open(job.result, "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()), read_only=True)["Rekap capaian"]
        assert sum(1 for _ in sheet.iter_rows(min_row=3)) == job.rows_total
    assert job.expires_at > timezone.now() + datetime.timedelta(days=6)


def test_progress_is_written_once_per_chunk_not_once_per_row(country, reviewer, settings):
    settings.JOB_PROGRESS_EVERY = 5
    job = _recap(reviewer)
    with CaptureQueriesContext(connection) as queries:
        run_queued_jobs()
    job.refresh_from_db()
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "rows_done" in q["sql"]]
    # the total, one per full chunk, the end, and the finished job's row
    assert len(updates) == 1 + job.rows_total // 5 + 1 + 1
    assert job.rows_total > 5


def test_a_failing_recap_says_why_in_indonesian_and_leaves_no_file(country, reviewer, monkeypatch):
    def broken(**kwargs):
        kwargs["output"].write(b"half a workbook")
        raise RuntimeError("disk full")

    monkeypatch.setattr(excel_export, "recap_write", broken)
    job = _recap(reviewer)
    before = _stored_names(job)  # the temporary storage outlives each test's database
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == JOB_FAILED_UNEXPECTED
    assert job.result == "" and _stored_names(job) == before
    assert DBTaskResult.objects.get().status == "FAILED"  # the traceback is kept in the queue's record


def test_a_recap_of_a_period_that_is_gone_fails_with_a_message(reviewer):
    job = _recap(reviewer, quarter=4)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, RECAP_PERIOD_GONE)


def test_a_job_is_run_once_even_if_its_queue_entry_came_twice(country, reviewer):
    job = _recap(reviewer)
    run_queued_jobs()
    first = Job.objects.get(pk=job.pk).result
    job_services.job_execute(job_id=job.pk)
    assert Job.objects.get(pk=job.pk).result == first


def test_expired_results_are_deleted_from_the_storage(country, reviewer):
    job = _recap(reviewer)
    run_queued_jobs()
    job.refresh_from_db()
    assert storages["private"].exists(job.result)
    assert job_services.job_results_prune(now=job.expires_at + datetime.timedelta(seconds=1)) == 1
    assert not storages["private"].exists(job.result)
    job.refresh_from_db()
    assert job.result == "" and job_services.job_result_open(job) is None
