"""A job may run its kind's maximum run time (JOB_MAX_RUN_SECONDS), then it fails saying so and whatever its run
still writes is refused, though its worker is alive and renews its lease (issue 26)."""

import datetime
import sys
import threading
import time
import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.files.storage import storages
from django.utils import timezone

from reporting import worker
from reporting.jobs import leases, queue, recovery, registry, results
from reporting.messages import IMPORT_TIMED_OUT, JOB_TIMED_OUT
from reporting.models import Job, JobKind, JobStatus, Role
from tests import factories
from tests.jobs import batch_worker, job_claim, run_queued_jobs

pytestmark = pytest.mark.django_db

BOUND_SECONDS = 30  # a runner that is never refused fails the test instead of hanging it


@pytest.fixture
def reviewer():
    return factories.UserFactory(role=Role.REVIEWER)


def _recap(user):
    return queue.job_start(kind=JobKind.RECAP, user=user, params={"year": 2026, "quarter": 1})


def _started_ago(job, seconds):
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - datetime.timedelta(seconds=seconds))


def test_a_job_looping_past_its_maximum_run_time_fails_saying_so_and_its_late_finish_is_refused(
    reviewer, monkeypatch, settings
):
    settings.JOB_MAX_RUN_SECONDS = {**settings.JOB_MAX_RUN_SECONDS, JobKind.RECAP: 0.2}
    seen = {}

    def endless(job):
        """Reports progress until it is refused, then finishes late with a result file, as a slow recap would."""
        deadline, done = time.monotonic() + BOUND_SECONDS, 0
        while time.monotonic() < deadline:
            done += 1
            try:
                leases.job_progress(job, done)
            except leases.JobLost:
                break
            time.sleep(0.01)
        seen["late_file"] = results.result_save(job, lambda output: output.write(b"late"))
        try:
            leases.job_succeed(job, "Rekap selesai.", result=seen["late_file"], filename="rekap.xlsx")
        except leases.JobLost:
            seen["late_finish"] = "refused"
            raise

    monkeypatch.setitem(registry.RUNNERS, JobKind.RECAP, endless)
    job = _recap(reviewer)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, JOB_TIMED_OUT.format(limit="0,2 detik"))
    assert seen["late_finish"] == "refused"
    assert job.result == "" and not storages["private"].exists(seen["late_file"])
    assert job.attempts == 1 and not DBTaskResult.objects.filter(status="READY").exists()  # not queued again


def test_the_heartbeat_renews_a_job_within_its_time_and_fails_one_stuck_past_it(settings):
    """The run caught in a loop writes nothing; its worker's heartbeat is what ends it."""
    pemda = factories.PemdaUserFactory()
    job = job_claim(queue.job_start(kind=JobKind.IMPORT, user=pemda, params={"report": 1}, upload=b"PK"))
    upload = job.upload
    assert leases.job_lease_renew(task_id=job.task_id) == 1

    _started_ago(job, settings.JOB_MAX_RUN_SECONDS[JobKind.IMPORT] + 1)
    assert leases.job_lease_renew(task_id=job.task_id) == 0
    with pytest.raises(leases.JobLost):  # the run's import would roll back
        leases.job_commit_mark(job)
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, IMPORT_TIMED_OUT.format(limit="15 menit"))
    assert job.lease_expires_at is None and job.upload == "" and not storages["private"].exists(upload)
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"


def test_any_worker_fails_a_job_past_its_maximum_run_time_though_its_lease_is_live(reviewer, settings):
    """A recap is rerun when its worker died, but not when it ran too long: it would loop again."""
    job = job_claim(_recap(reviewer))
    run = Job.objects.get(pk=job.pk)  # the stuck run's own copy
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() + datetime.timedelta(hours=2))
    later = timezone.now() + datetime.timedelta(seconds=settings.JOB_MAX_RUN_SECONDS[JobKind.RECAP] + 1)
    assert recovery.jobs_recover(now=later - datetime.timedelta(seconds=2)) == 0  # still within its time
    assert recovery.jobs_recover(now=later) == 1
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, JOB_TIMED_OUT.format(limit="30 menit"))
    assert DBTaskResult.objects.get().status == "FAILED"  # its entry closed, no new one
    with pytest.raises(leases.JobLost):
        leases.job_progress(run, 1)


def _beat_with(monkeypatch, settings, *, over: bool, run_seconds: float) -> threading.Event:
    """Run a task body of ``run_seconds`` under the heartbeat of a job that is ``over`` (or not) and never
    renewed; returns whether the heartbeat called ``on_stuck``."""
    settings.JOB_STUCK_GRACE_SECONDS = 0.2
    monkeypatch.setattr(leases, "job_lease_renew", lambda task_id: 0)
    monkeypatch.setattr(leases, "job_over", lambda task_id: over)
    stuck = threading.Event()
    with leases.job_heartbeat(task_id=1, every=0.05, on_stuck=stuck.set):
        stuck.wait(run_seconds)  # the run: returns once the heartbeat gave up on it, or after run_seconds
    return stuck


def test_a_run_still_going_after_its_job_ended_is_declared_stuck(monkeypatch, settings):
    assert _beat_with(monkeypatch, settings, over=True, run_seconds=BOUND_SECONDS).is_set()


def test_a_run_that_returns_within_the_grace_or_holds_no_job_is_not_stuck(monkeypatch, settings):
    assert not _beat_with(monkeypatch, settings, over=True, run_seconds=0.05).is_set()
    assert not _beat_with(monkeypatch, settings, over=False, run_seconds=0.6).is_set()  # an e-mail task


def test_job_over_is_true_once_the_job_left_running(reviewer):
    job = job_claim(_recap(reviewer))
    assert not leases.job_over(task_id=job.task_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    assert leases.job_over(task_id=job.task_id)
    assert not leases.job_over(task_id=uuid.uuid4())  # no job on that entry


def test_a_stuck_worker_replaces_its_process_with_the_same_command(monkeypatch):
    calls = []
    monkeypatch.setattr(worker.os, "execv", lambda path, argv: calls.append((path, argv)))
    monkeypatch.setattr(worker.sys, "argv", ["manage.py", "db_worker", "--backend", "jobs"])
    batch_worker().restart()
    assert calls == [(sys.executable, [sys.executable, "manage.py", "db_worker", "--backend", "jobs"])]
