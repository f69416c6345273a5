"""The pemda account distribution list as a background job: accounts made, the list kept privately, once."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.core.files.storage import storages
from django.utils import timezone

from reporting.accounts.services import accounts as account_services
from reporting.accounts.services.roles import roles_setup
from reporting.jobs import queue, results
from reporting.messages import ACCOUNT_LIST_DONE, ACCOUNT_LIST_NONE, ACCOUNT_LIST_NOT_ALLOWED, JOB_FAILED_UNEXPECTED
from reporting.models import Job, JobKind, JobStatus, Role, User
from tests import factories
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    province = factories.ProvinceFactory(code="35", login_code="3500")
    return [province] + [
        factories.KabKotaFactory(code=f"35.{n:02d}", login_code=f"35{n:02d}", province=province) for n in (7, 17, 78)
    ]


@pytest.fixture
def ministry_admin():
    roles_setup()
    return factories.UserFactory(role=Role.MINISTRY_ADMIN, is_staff=True)


def _accounts_job(user, **params):
    return queue.job_start(kind=JobKind.ACCOUNTS, user=user, params={"regions": [], "reset": False, **params})


def _rows(data: bytes):
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True))


def _stored_files(folder="jobs"):
    storage = storages["private"]
    if not storage.exists(folder):
        return set()
    folders, files = storage.listdir(folder)
    found = {f"{folder}/{name}" for name in files}
    for sub in folders:
        found |= _stored_files(f"{folder}/{sub}")
    return found


def test_the_job_gives_every_pemda_an_account_and_keeps_the_list_only_in_private_storage(regions, ministry_admin):
    job = _accounts_job(ministry_admin)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.message == ACCOUNT_LIST_DONE.format(count=4)
    assert job.rows_done == job.rows_total == 4
    assert job.result.startswith(f"jobs/{job.pk}/") and job.result_filename.startswith("akun-pemda-")
    assert job.expires_at <= timezone.now() + datetime.timedelta(minutes=30)
    with storages["private"].open(job.result, "rb") as handle:
        rows = _rows(handle.read())
    assert sorted(row[3] for row in rows) == ["3500", "3507", "3517", "3578"]
    for row in rows:
        account = User.objects.get(username=row[3])
        assert account.check_password(row[4]) and account.must_change_password


def test_the_list_is_handed_out_once_then_deleted_from_the_storage(regions, ministry_admin):
    job = _accounts_job(ministry_admin)
    run_queued_jobs()
    job.refresh_from_db()
    name = job.result
    assert len(_rows(results.job_result_open(job).read())) == 4
    assert not storages["private"].exists(name)
    job.refresh_from_db()
    assert job.result == "" and results.job_result_open(job) is None


def test_a_rerun_issues_nothing_new_unless_reset_and_then_only_the_chosen_regions(regions, ministry_admin):
    _accounts_job(ministry_admin)
    run_queued_jobs()
    again = _accounts_job(ministry_admin)
    reset = _accounts_job(ministry_admin, regions=["3517"], reset=True)
    before = User.objects.get(username="3517").password
    run_queued_jobs()
    again.refresh_from_db()
    reset.refresh_from_db()
    assert again.message == ACCOUNT_LIST_NONE and again.result == ""
    assert [row[3] for row in _rows(results.job_result_open(reset).read())] == ["3517"]
    assert User.objects.get(username="3517").password != before


def test_an_account_without_the_right_gets_a_failed_job_and_no_account_is_made(regions):
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    job = _accounts_job(reviewer)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == ACCOUNT_LIST_NOT_ALLOWED
    assert not User.objects.filter(role=Role.PEMDA).exists()


def test_a_failure_while_saving_leaves_no_account_and_no_file(regions, ministry_admin, monkeypatch):
    real_save = User.save
    saved = []

    def fail_on_third(self, *args, **kwargs):
        saved.append(self.username)
        if len(saved) == 3:
            raise RuntimeError("disk penuh")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(User, "save", fail_on_third)
    files_before = _stored_files()
    job = _accounts_job(ministry_admin)
    run_queued_jobs()  # the worker records the failure and carries on
    monkeypatch.setattr(User, "save", real_save)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == JOB_FAILED_UNEXPECTED
    assert not User.objects.filter(role=Role.PEMDA).exists()
    assert job.result == "" and _stored_files() == files_before


def test_progress_counts_the_accounts_as_they_are_hashed(regions):
    seen = []
    account_services.pemda_accounts_create(progress=lambda done, total=None: seen.append((done, total)))
    assert seen[0] == (0, 4) and seen[-1][0] == 4


def test_jobs_of_the_account_list_are_read_only_by_the_admin_who_asked(regions, ministry_admin):
    from reporting.selectors.access import job_readable_list

    job = _accounts_job(ministry_admin)
    other_admin = factories.UserFactory(role=Role.MINISTRY_ADMIN, is_staff=True)
    assert list(job_readable_list(ministry_admin)) == [job]
    assert not job_readable_list(other_admin).exists()
    assert not job_readable_list(factories.UserFactory(role=Role.REVIEWER)).exists()
    ministry_admin.groups.clear()  # the right taken away: the passwords with it
    assert not job_readable_list(User.objects.get(pk=ministry_admin.pk)).filter(kind=JobKind.ACCOUNTS).exists()
    assert Job.objects.count() == 1
