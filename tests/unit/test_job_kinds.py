"""Per-kind rules of the job runner (reporting.jobs.kinds): every kind has a maximum run time, and what a job
that ran past it says."""

import pytest

from django.conf import settings

from reporting.jobs.kinds import duration_text, max_run_time, timed_out_message
from reporting.messages import ACCOUNT_LIST_TIMED_OUT, JOB_TIMED_OUT, JOB_TIMED_OUT_AFTER_COMMIT
from reporting.models import JobKind


def test_every_kind_of_job_has_a_maximum_run_time_of_minutes_not_seconds():
    assert set(settings.JOB_MAX_RUN_SECONDS) == set(JobKind.values)
    assert all(max_run_time(kind).total_seconds() >= 300 for kind in JobKind.values)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(3600, "1 jam"), (7200, "2 jam"), (5400, "90 menit"), (900, "15 menit"), (90, "90 detik"), (0.5, "0,5 detik")],
)
def test_a_maximum_run_time_is_said_in_the_largest_whole_unit(seconds, text):
    assert duration_text(seconds) == text


def test_a_job_past_its_time_says_what_was_saved(settings):
    settings.JOB_MAX_RUN_SECONDS = {**settings.JOB_MAX_RUN_SECONDS, JobKind.RECAP: 1800, JobKind.ACCOUNTS: 1800}
    assert timed_out_message(JobKind.RECAP, committed=False) == JOB_TIMED_OUT.format(limit="30 menit")
    assert timed_out_message(JobKind.RECAP, committed=True) == JOB_TIMED_OUT_AFTER_COMMIT.format(limit="30 menit")
    # the account list stores its passwords and its end in one transaction: a job still running changed none
    assert timed_out_message(JobKind.ACCOUNTS, committed=False) == ACCOUNT_LIST_TIMED_OUT.format(limit="30 menit")
