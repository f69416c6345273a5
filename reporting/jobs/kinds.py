"""What each kind of job does when its run is cut short: rerun from the start, or end with a message that
says what was and was not saved. Data only: every other module of the runner reads it."""

from reporting.messages import ACCOUNT_LIST_INTERRUPTED, IMPORT_INTERRUPTED, REMINDERS_INTERRUPTED
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
