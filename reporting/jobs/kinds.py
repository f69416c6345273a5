"""What each kind of job does when its run is cut short (rerun from the start, or end with a message that says
what was and was not saved) and how long a run of it may take. Every other module of the runner reads it."""

import datetime

from django.conf import settings

from reporting.messages import (
    ACCOUNT_LIST_INTERRUPTED,
    ACCOUNT_LIST_TIMED_OUT,
    IMPORT_INTERRUPTED,
    IMPORT_TIMED_OUT,
    JOB_TIMED_OUT,
    JOB_TIMED_OUT_AFTER_COMMIT,
    REMINDERS_INTERRUPTED,
    REMINDERS_TIMED_OUT,
)
from reporting.models import JobKind

# Rerunning these from the start is harmless: they only read, and store their result file whole at the end
# (reminders: each record is claimed once and re-sent only when its claim expired).
RETRY_SAFE: set[str] = {JobKind.RECAP, JobKind.ANNUAL_PDF, JobKind.REPORT_PDF, JobKind.REMINDERS}
# What a job of a kind that is not rerun says when its worker stopped before it finished.
INTERRUPTED_MESSAGES: dict[str, str] = {
    JobKind.IMPORT: IMPORT_INTERRUPTED,
    JobKind.ACCOUNTS: ACCOUNT_LIST_INTERRUPTED,
    JobKind.REMINDERS: REMINDERS_INTERRUPTED,
}
# What a job says when it ran past its maximum run time, for the kinds that write; the others say
# JOB_TIMED_OUT (nothing stored, nothing changed). A run past its time is never rerun: it would loop again.
TIMED_OUT_MESSAGES: dict[str, str] = {
    JobKind.IMPORT: IMPORT_TIMED_OUT,
    JobKind.ACCOUNTS: ACCOUNT_LIST_TIMED_OUT,
    JobKind.REMINDERS: REMINDERS_TIMED_OUT,
}


def max_run_time(kind: str) -> datetime.timedelta:
    """The longest one run of a job of ``kind`` may take (``JOB_MAX_RUN_SECONDS``, which names every kind)."""
    return datetime.timedelta(seconds=settings.JOB_MAX_RUN_SECONDS[kind])


def timed_out_message(kind: str, *, committed: bool) -> str:
    """What a job of ``kind`` that ran past its maximum run time says; ``committed``: its write was saved."""
    limit = duration_text(settings.JOB_MAX_RUN_SECONDS[kind])
    if committed and kind not in TIMED_OUT_MESSAGES:
        return JOB_TIMED_OUT_AFTER_COMMIT.format(limit=limit)
    return TIMED_OUT_MESSAGES.get(kind, JOB_TIMED_OUT).format(limit=limit)


def duration_text(seconds: float) -> str:
    """A maximum run time as the messages say it: 3600 -> "1 jam", 900 -> "15 menit", 90 -> "90 detik",
    0.5 -> "0,5 detik" (the decimal comma)."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{int(seconds // 3600)} jam"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} menit"
    return f"{seconds:g} detik".replace(".", ",")
