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

from reporting.jobs import leases, queue, recovery, registry, results, runner
from reporting.messages import (
    IMPORT_INTERRUPTED,
    JOB_FAILED_UNEXPECTED,
    JOB_GAVE_UP,
    JOB_INTERRUPTED_AFTER_COMMIT,
    JOB_RETRYING,
    JOB_TOO_MANY_QUEUED,
    RECAP_PERIOD_GONE,
)
from reporting.models import Job, JobKind, JobStatus, Role
from reporting.services import excel_export
from reporting.services.seed import seed_national
from reporting.worker import fair_order
from tests import factories
from tests.jobs import batch_worker, job_claim, run_queued_jobs

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
    return queue.job_start(kind=JobKind.RECAP, user=user, params={"year": 2026, "quarter": quarter})


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


def test_a_queue_entry_written_under_the_old_task_path_still_runs_its_job(country, reviewer):
    """Entries queued before the runner left reporting/tasks.py name ``reporting.tasks.job_run``."""
    job = _recap(reviewer)
    DBTaskResult.objects.filter(pk=job.task_id).update(task_path="reporting.tasks.job_run")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"


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
    runner.job_execute(job_id=job.pk)
    assert Job.objects.get(pk=job.pk).result == first


def test_expired_results_are_deleted_from_the_storage(country, reviewer):
    job = _recap(reviewer)
    run_queued_jobs()
    job.refresh_from_db()
    assert storages["private"].exists(job.result)
    assert results.job_results_prune(now=job.expires_at + datetime.timedelta(seconds=1)) == 1
    assert not storages["private"].exists(job.result)
    job.refresh_from_db()
    assert job.result == "" and results.job_result_open(job) is None


# --- Leases: a job whose worker stopped ends (issue 23.1) -------------------------------------------------


def _after_lease():
    return timezone.now() + datetime.timedelta(seconds=61)


def test_a_recap_whose_lease_ran_out_is_queued_again_and_then_finishes(country, reviewer):
    job = job_claim(_recap(reviewer))
    first_task = job.task_id
    assert recovery.jobs_recover(now=_after_lease()) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.task_id != first_task
    assert job.message == JOB_RETRYING.format(attempt=2, limit=3)
    assert DBTaskResult.objects.get(pk=first_task).status == "FAILED"  # the lost run's queue entry is closed
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_a_job_within_its_lease_is_left_alone(country, reviewer):
    job = job_claim(_recap(reviewer))
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() + datetime.timedelta(seconds=60))
    assert recovery.jobs_recover() == 0
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_a_recap_lost_too_often_fails_saying_nothing_was_saved(country, reviewer, settings):
    settings.JOB_MAX_ATTEMPTS = 2
    job = _recap(reviewer)
    for _ in range(2):
        job = job_claim(job)
        recovery.jobs_recover(now=_after_lease())
        job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == JOB_GAVE_UP.format(attempts=2)


def test_an_import_whose_worker_stopped_fails_saying_nothing_changed_and_drops_its_upload(reviewer):
    pemda = factories.PemdaUserFactory()
    job = queue.job_start(kind=JobKind.IMPORT, user=pemda, params={"report": 1}, upload=b"PK figures")
    upload = job.upload
    job = job_claim(job)
    recovery.jobs_recover(now=_after_lease())
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, IMPORT_INTERRUPTED)
    assert job.upload == "" and not storages["private"].exists(upload)


def test_a_job_that_committed_its_write_says_so_when_its_worker_stops(reviewer):
    job = job_claim(queue.job_start(kind="evaluation", user=reviewer, params={}))
    leases.job_commit_mark(job)
    recovery.jobs_recover(now=_after_lease())
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, JOB_INTERRUPTED_AFTER_COMMIT)


def test_a_worker_that_lost_its_lease_cannot_finish_the_job_afterwards(country, reviewer):
    job = job_claim(_recap(reviewer))
    recovery.jobs_recover(now=_after_lease())
    with pytest.raises(leases.JobLost):
        leases.job_progress(job, 5)
    with pytest.raises(leases.JobLost):
        leases.job_succeed(job, "selesai")
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


@pytest.mark.parametrize("stop", [SystemExit(1), KeyboardInterrupt()])
def test_a_worker_stopped_inside_a_job_leaves_no_running_row(country, reviewer, monkeypatch, stop):
    """A second SIGTERM raises SystemExit inside the job: the recap goes back to the queue at once."""

    def interrupted(job):
        raise stop

    monkeypatch.setitem(registry.RUNNERS, JobKind.RECAP, interrupted)
    job = _recap(reviewer)
    with pytest.raises(type(stop)):
        runner.job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.message.startswith("Pekerja latar berhenti")


def test_an_import_stopped_inside_its_job_fails_and_says_nothing_changed(monkeypatch):
    pemda = factories.PemdaUserFactory()

    def interrupted(job):
        raise SystemExit(1)

    monkeypatch.setitem(registry.RUNNERS, JobKind.IMPORT, interrupted)
    job = queue.job_start(kind=JobKind.IMPORT, user=pemda, params={"report": 1}, upload=b"PK")
    with pytest.raises(SystemExit):
        runner.job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.message, job.upload) == (JobStatus.FAILED, IMPORT_INTERRUPTED, "")


def test_a_queue_entry_left_running_by_a_dead_worker_is_closed(reviewer):
    job = _recap(reviewer)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)  # finished, but the worker died before its entry
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING", started_at=timezone.now())
    recovery.jobs_recover(now=_after_lease())
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"


# --- One account cannot fill the queue (issue 24.2) --------------------------------------------------------


def test_the_same_request_while_it_waits_returns_the_job_already_queued(reviewer):
    first = _recap(reviewer)
    assert _recap(reviewer).pk == first.pk
    assert Job.objects.count() == DBTaskResult.objects.count() == 1
    assert _recap(factories.UserFactory(role=Role.REVIEWER)).pk != first.pk  # another account's is its own


def test_an_account_may_have_only_so_many_jobs_waiting(reviewer, settings):
    settings.JOB_QUEUED_MAX_PER_USER = 2
    _recap(reviewer, quarter=1)
    _recap(reviewer, quarter=2)
    with pytest.raises(queue.JobRefused) as refused:
        _recap(reviewer, quarter=3)
    assert refused.value.message == JOB_TOO_MANY_QUEUED.format(count=2, limit=2)
    assert Job.objects.count() == 2


def test_an_account_may_start_only_so_many_jobs_an_hour(country, reviewer, settings):
    settings.JOB_STARTS_PER_HOUR = 2
    for quarter in (1, 2):
        _recap(reviewer, quarter=quarter)
        run_queued_jobs()
    with pytest.raises(queue.JobRefused) as refused:
        _recap(reviewer, quarter=3)
    assert refused.value.message.startswith("Akun ini sudah memulai 2 pekerjaan latar dalam satu jam terakhir")
    assert 0 < refused.value.retry_after <= 3600
    Job.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert _recap(reviewer, quarter=3).status == JobStatus.QUEUED


def test_the_worker_serves_the_account_that_waited_longest_before_a_busy_one(country, reviewer):
    """One account queued several recaps and has just had one run; another account's recap comes next."""
    patient = factories.UserFactory(role=Role.REVIEWER)
    busy = [_recap(reviewer, quarter=q) for q in (1, 2, 3)]
    Job.objects.filter(pk=busy[0].pk).update(started_at=timezone.now())  # it was served a moment ago
    DBTaskResult.objects.filter(pk=busy[0].task_id).update(status="SUCCESSFUL")
    other = _recap(patient)
    order = list(fair_order(DBTaskResult.objects.ready()).values_list("pk", flat=True))
    assert order == [other.task_id, busy[1].task_id, busy[2].task_id]


# --- The worker rides out a database outage (issue 23.2; the real cut is in tests/fault) -----------------


def test_the_worker_waits_and_carries_on_when_the_database_is_unreachable(monkeypatch, settings):
    from django.db import OperationalError

    from reporting import worker as worker_module

    settings.JOB_WORKER_BACKOFF_MAX_SECONDS = 0
    outcomes = iter([OperationalError("server closed the connection unexpectedly"), None, True])
    waits = []

    def step(self):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(worker_module.JobWorker, "step", step)
    monkeypatch.setattr(worker_module.JobWorker, "recover_when_due", lambda self: None)
    monkeypatch.setattr(worker_module.time, "sleep", waits.append)
    monkeypatch.setattr(worker_module.connections, "all", lambda **kwargs: [])
    batch = batch_worker()
    batch.run()  # returns (the batch is done) instead of dying on the error
    assert waits == [0]
