"""The pemda account list with the object storage unreachable (issue 23, item 6): the new passwords are
committed only together with their only copy, so a storage outage (or a kill before the commit) changes no
password, and the job says so truthfully."""

import pytest

from django.contrib.auth.hashers import check_password

from reporting.accounts.services.roles import roles_setup
from reporting.jobs import queue
from reporting.messages import ACCOUNT_LIST_DONE, ACCOUNT_LIST_NOT_STORED
from reporting.models import Job, JobKind, JobStatus, Role, User
from tests import factories, s3
from tests.cluster.stack import free_port
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

OLD_PASSWORD = "Lama-Rahasia-2026"  # noqa: S105 -- a throwaway account's password


@pytest.fixture
def pemda_accounts():
    province = factories.ProvinceFactory(code="35", login_code="3500")
    regions = [province] + [
        factories.KabKotaFactory(code=f"35.{n:02d}", login_code=f"35{n:02d}", province=province) for n in (17, 78)
    ]
    for region in regions:
        account = factories.PemdaUserFactory(region=region, username=region.login_code, must_change_password=False)
        account.set_password(OLD_PASSWORD)
        account.save()
    return regions


@pytest.fixture
def ministry_admin():
    roles_setup()
    return factories.UserFactory(role=Role.MINISTRY_ADMIN, is_staff=True)


def _reset_job(user) -> Job:
    job = queue.job_start(kind=JobKind.ACCOUNTS, user=user, params={"regions": [], "reset": True})
    run_queued_jobs()
    job.refresh_from_db()
    return job


def test_storage_down_fails_the_job_truthfully_and_changes_no_password(pemda_accounts, ministry_admin, settings):
    nobody = s3.S3Server(endpoint_url=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    settings.STORAGES = s3.storages_for(nobody, "spm")
    job = _reset_job(ministry_admin)
    assert job.status == JobStatus.FAILED
    assert job.message == ACCOUNT_LIST_NOT_STORED and "Tidak ada password yang diubah" in job.message
    assert job.result == ""
    for account in User.objects.filter(role=Role.PEMDA):
        assert check_password(OLD_PASSWORD, account.password), account.username  # still logs in as before
        assert not account.must_change_password


def test_with_the_storage_up_the_list_and_the_passwords_commit_together(pemda_accounts, ministry_admin, s3_bucket):
    job = _reset_job(ministry_admin)
    assert job.status == JobStatus.DONE and job.message == ACCOUNT_LIST_DONE.format(count=3)
    assert job.result  # the job row names the list in the same commit as the passwords
    for account in User.objects.filter(role=Role.PEMDA):
        assert not check_password(OLD_PASSWORD, account.password) and account.must_change_password
