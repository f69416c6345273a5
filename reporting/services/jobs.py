"""Background jobs: start one (record + queue entry in one transaction), run it in the worker, hand out its result.

A job is a ``Job`` row (what the pages show) plus one entry in the ``jobs`` task queue
(``reporting.tasks.job_run``, django_tasks_db), written in the same transaction, so a job
exists exactly when its queue entry does. Any worker host may run it. Results are files in
``storages["private"]`` (through the Storage API only: production keeps them in object
storage), written only once complete, so a failed job leaves no partial file. Every failure
the user sees is an Indonesian sentence in ``Job.message`` (and ``Job.errors`` for an import).

Every job ends done or failed, whatever happens to its worker:

- A running job holds a lease (``Job.lease_expires_at``), renewed by the worker's heartbeat
  (``job_heartbeat``) and by every progress update. ``jobs_recover`` (run by every worker on start
  and every ``JOB_RECOVERY_SECONDS``) takes back a job whose lease ran out: a kind in ``RETRY_SAFE``
  (it only reads and writes its result file whole) is queued again, up to ``JOB_MAX_ATTEMPTS``;
  any other kind fails with ``INTERRUPTED_MESSAGES[kind]``, which says what was and was not saved.
- A job that writes marks it in the same transaction (``job_commit_mark``, or it finishes inside
  its write transaction as the import does), so the recovery knows whether the write happened.
- ``Job.attempts`` fences a worker that lost its lease: its late progress or finish changes
  nothing (``JobLost``), and a finish inside a write transaction rolls the write back.
- A kind added later registers its runner in ``RUNNERS`` and, if rerunning it is harmless, its kind
  in ``RETRY_SAFE`` (or a message in ``INTERRUPTED_MESSAGES``).

``job_start`` also keeps one account from filling the queue: the same request while it is waiting
or running returns that job, and past ``JOB_QUEUED_MAX_PER_USER`` waiting jobs or
``JOB_STARTS_PER_HOUR`` starts it raises ``JobRefused`` with the Indonesian reason.
"""

import contextlib
import datetime
import hashlib
import io
import json
import logging
import tempfile
import threading
import uuid
from collections.abc import Callable

from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from reporting.messages import (
    ACCOUNT_LIST_DONE,
    ACCOUNT_LIST_INTERRUPTED,
    ACCOUNT_LIST_NONE,
    ACCOUNT_LIST_NOT_ALLOWED,
    ACCOUNT_LIST_NOT_STORED,
    ANNUAL_PDF_DONE,
    ANNUAL_PDF_NOT_ALLOWED,
    IMPORT_FAILED,
    IMPORT_INTERRUPTED,
    IMPORT_NOT_ALLOWED,
    JOB_FAILED_UNEXPECTED,
    JOB_GAVE_UP,
    JOB_INTERRUPTED,
    JOB_INTERRUPTED_AFTER_COMMIT,
    JOB_QUEUED,
    JOB_RATE_LIMITED,
    JOB_RETRYING,
    JOB_TOO_MANY_QUEUED,
    RECAP_DONE,
    RECAP_NOT_ALLOWED,
    RECAP_PERIOD_GONE,
    REMINDERS_DONE,
    REMINDERS_INTERRUPTED,
)
from reporting.models import Job, JobKind, JobStatus, Period, Region, Report, User

logger = logging.getLogger(__name__)

JOB_DIR = "jobs"
LIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
# Rerunning these from the start is harmless: they only read, and store their result file whole at the end
# (reminders: each record is claimed once and re-sent only when its claim expired).
RETRY_SAFE = {JobKind.RECAP, JobKind.ANNUAL_PDF, JobKind.REPORT_PDF, JobKind.REMINDERS}
# What a job of a kind that is not rerun says when its worker stopped before it finished.
INTERRUPTED_MESSAGES = {
    JobKind.IMPORT: IMPORT_INTERRUPTED,
    JobKind.ACCOUNTS: ACCOUNT_LIST_INTERRUPTED,
    JobKind.REMINDERS: REMINDERS_INTERRUPTED,
}
# A queue entry that is no job's (a notification e-mail) and still "running" this long after it started
# lost its worker: it is marked failed.
TASK_STALE = datetime.timedelta(minutes=15)


def private_storage():
    return storages["private"]


# --- starting ----------------------------------------------------------------------------------


class JobRefused(Exception):
    """The account may not start another job now; ``message`` (Indonesian) says why and until when."""

    def __init__(self, message: str, *, retry_after: int = 60, live: list[Job] | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.live = live or []


def job_request_key(*, kind: str, params: dict | None, upload: bytes | None = None) -> str:
    """The identity of a request: the same kind, parameters and uploaded file give the same key."""
    digest = hashlib.sha256(upload).hexdigest() if upload is not None else ""
    payload = json.dumps([kind, params or {}, digest], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def job_start(*, kind: str, user: User | None, params: dict | None = None, upload: bytes | None = None) -> Job:
    """Record the job and put it in the queue, together (the queue is a table in the same database).

    For an account (``user``): the same request while it is still waiting or running returns that job;
    otherwise ``JobRefused`` past the account's limits. The account's row is locked first, so two
    requests of one account at once are counted one after the other, on any host.
    """
    from reporting.tasks import job_run  # the task module imports this one

    key = job_request_key(kind=kind, params=params, upload=upload) if user is not None else ""
    if user is not None:
        User.objects.select_for_update().filter(pk=user.pk).first()
        same = Job.objects.filter(user=user, request_key=key, status__in=LIVE).first()
        if same is not None:
            return same
        _limits_check(user)
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, user=user, params=params or {}, message=JOB_QUEUED, request_key=key)
    except IntegrityError:  # the same request committed by another host in between
        return Job.objects.get(user=user, request_key=key, status__in=LIVE)
    if upload is not None:
        job.upload = private_storage().save(f"{JOB_DIR}/uploads/{uuid.uuid4().hex}.xlsx", ContentFile(upload))
    job.task_id = uuid.UUID(job_run.enqueue(job_id=job.pk).id)
    job.save(update_fields=["upload", "task_id"])
    return job


def _limits_check(user: User) -> None:
    live = list(Job.objects.filter(user=user, status__in=LIVE).order_by("created_at"))
    limit = settings.JOB_QUEUED_MAX_PER_USER
    if len(live) >= limit:
        raise JobRefused(JOB_TOO_MANY_QUEUED.format(count=len(live), limit=limit), live=live)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    started = Job.objects.filter(user=user, created_at__gt=hour_ago).order_by("-created_at")
    per_hour = settings.JOB_STARTS_PER_HOUR
    oldest = started.values_list("created_at", flat=True)[per_hour - 1 : per_hour].first() if per_hour else None
    if oldest is not None or per_hour == 0:
        free_at = (oldest or timezone.now()) + datetime.timedelta(hours=1)
        raise JobRefused(
            JOB_RATE_LIMITED.format(limit=per_hour, time=timezone.localtime(free_at).strftime("%H:%M")),
            retry_after=max(1, int((free_at - timezone.now()).total_seconds())),
            live=live,
        )


# --- progress, lease and heartbeat ---------------------------------------------------------------


class JobLost(Exception):
    """This worker no longer holds the job (its lease ran out and another worker took it back)."""


def _lease_end() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def _mine(job: Job):
    """The job's row as long as this worker holds it (fenced by the attempt number)."""
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """One UPDATE: rows done (and the total once it is known), renewing the lease. ``JobLost`` if the job
    was taken back meanwhile, so the work stops."""
    cap = total if total is not None else job.rows_total
    fields = {"rows_done": done if cap is None else min(done, cap), "lease_expires_at": _lease_end()}
    if total is not None:
        fields["rows_total"] = total
        job.rows_total = total
    job.rows_done = fields["rows_done"]
    query = _mine(job) if job.status == JobStatus.RUNNING else Job.objects.filter(pk=job.pk)
    if not query.update(**fields):
        raise JobLost(job.pk)


def progress_callback(job: Job) -> Callable[[int, int | None], None]:
    return lambda done, total=None: job_progress(job, done, total)


def job_commit_mark(job: Job) -> None:
    """Call inside the transaction of the job's own write: after a crash, ``committed_at`` tells whether the
    write is in the database. Raises ``JobLost`` (rolling the write back) if the job was taken back."""
    if not _mine(job).update(committed_at=timezone.now()):
        raise JobLost(job.pk)


def job_lease_renew(*, task_id) -> int:
    """The heartbeat: extend the lease of the running job of queue entry ``task_id``."""
    return Job.objects.filter(task_id=task_id, status=JobStatus.RUNNING).update(lease_expires_at=_lease_end())


@contextlib.contextmanager
def job_heartbeat(*, task_id, every: float | None = None):
    """Renew the lease every third of it from a thread while the worker runs the task (a job's slow step,
    a PDF layout or a big transaction, reports no progress). The thread dies with the process, so a killed
    worker's lease runs out."""
    every = every or max(0.5, settings.JOB_LEASE_SECONDS / 3)
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                try:
                    job_lease_renew(task_id=task_id)
                except DatabaseError:  # the database is away: the lease may run out, recovery decides
                    logger.warning("job heartbeat of task %s failed", task_id)
                    close_old_connections()
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"job-heartbeat-{task_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


# --- running (inside the worker) ---------------------------------------------------------------


def job_execute(*, job_id: int) -> None:
    """Run one job: claim it, do its work, record the result or the reason it failed.

    Whatever stops it (an error, the database gone, a second SIGTERM's SystemExit) leaves no ``running``
    row behind when the database can still be written: the job is queued again if that is safe, or
    failed with a message that says what was saved. When it cannot be written, the lease runs out and
    ``jobs_recover`` does the same.
    """
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), lease_expires_at=_lease_end(), attempts=F("attempts") + 1
    )
    if not claimed:
        return  # already run (a queue entry is only ever claimed once, but stay safe)
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        job_results_prune()
        RUNNERS[job.kind](job)
    except JobLost:
        logger.warning("job %s (%s) was taken back by the recovery; this worker's run is dropped", job.pk, job.kind)
    except JobFailed as failure:
        _finish(job, JobStatus.FAILED, failure.message, errors=failure.errors)
    except (OperationalError, InterfaceError) as error:  # the database went away mid-job: as a lost worker
        logger.warning("job %s (%s) interrupted by the database: %s", job.pk, job.kind, error)
        _release_quietly(job)
        raise
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, _failure_message(job))
        raise
    except BaseException as stop:  # SystemExit (a second SIGTERM), KeyboardInterrupt
        logger.warning("job %s (%s) interrupted: %r", job.pk, job.kind, stop)
        _release_quietly(job)
        raise
    finally:
        if job.finished:
            _drop_upload_quietly(job)


class JobFailed(Exception):
    """An expected failure: ``message`` (and ``errors``) are shown to the user as they are."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


def _failure_message(job: Job) -> str:
    """An unexpected error's message, true about what was saved (a job that committed its write says so)."""
    committed = Job.objects.filter(pk=job.pk).values_list("committed_at", flat=True).first()
    return JOB_INTERRUPTED_AFTER_COMMIT if committed else JOB_FAILED_UNEXPECTED


def _finish(job: Job, status: str, message: str, *, errors: list[str] | None = None, **fields) -> None:
    """The job's end, written only while this worker still holds it (``JobLost`` otherwise)."""
    now = timezone.now()
    values = {"status": status, "message": message, "errors": errors or [], "finished_at": now}
    values.update(rows_done=job.rows_done, rows_total=job.rows_total, lease_expires_at=None, **fields)
    if not _mine(job).update(**values):
        raise JobLost(job.pk)
    for key, value in values.items():
        setattr(job, key, value)


def job_succeed(
    job: Job, message: str, *, rows: int | None = None, result: str = "", filename: str = "", expires_in=None
) -> None:
    if rows is not None:  # the true count (the data may have moved since the total was counted)
        job.rows_done = job.rows_total = rows
    expires = timezone.now() + (expires_in or datetime.timedelta(days=settings.JOB_RESULT_DAYS))
    try:
        _finish(job, JobStatus.DONE, message, result=result, result_filename=filename, expires_at=expires)
    except JobLost:
        if result:  # nobody will ever be given this file
            private_storage().delete(result)
        raise


def result_save(job: Job, produce: Callable, *, suffix: str = ".xlsx") -> str:
    """Write the result to a local temporary file with ``produce(file)``, then store it whole.

    Nothing reaches the storage unless ``produce`` returned: a failed export leaves no file.
    """
    with tempfile.TemporaryFile(suffix=suffix) as local:
        produce(local)
        local.seek(0)
        return private_storage().save(f"{JOB_DIR}/{job.pk}/{uuid.uuid4().hex}{suffix}", File(local))


def _drop_upload(job: Job) -> None:
    if job.upload:
        private_storage().delete(job.upload)
        Job.objects.filter(pk=job.pk).update(upload="")
        job.upload = ""


def _drop_upload_quietly(job: Job) -> None:
    """The upload of a finished job (it holds a pemda's figures) goes; a storage or database error here must
    not change how the job ended."""
    try:
        _drop_upload(job)
    except Exception:
        logger.exception("upload of job %s not deleted", job.pk)


# --- recovery: jobs whose worker stopped ---------------------------------------------------------


def job_release(job: Job) -> str:
    """A running job this worker (or a lost one) will not finish: queue it again if that is safe, otherwise
    fail it with the message that says what was saved. Fenced like ``_finish`` (``JobLost``); the old queue
    entry is closed. Returns the new status."""
    from reporting.tasks import job_run

    with transaction.atomic():
        mine = _mine(job)
        row = mine.select_for_update().values_list("pk", "committed_at").first()
        if row is None:
            raise JobLost(job.pk)
        committed = row[1]
        retry = job.kind in RETRY_SAFE and job.attempts < settings.JOB_MAX_ATTEMPTS and committed is None
        if retry:
            task_id = uuid.UUID(job_run.enqueue(job_id=job.pk).id)
            values = {
                "status": JobStatus.QUEUED,
                "message": JOB_RETRYING.format(attempt=job.attempts + 1, limit=settings.JOB_MAX_ATTEMPTS),
                "rows_done": 0,
                "rows_total": None,
                "task_id": task_id,
            }
        else:
            values = {"status": JobStatus.FAILED, "message": _abandon_message(job, committed), "errors": []}
            values["finished_at"] = timezone.now()
        if not mine.update(lease_expires_at=None, **values):
            raise JobLost(job.pk)
        _tasks_close([job.task_id], reason="the job's worker stopped; the job was released by jobs_recover")
    for key, value in values.items():
        setattr(job, key, value)
    if job.finished:
        _drop_upload_quietly(job)
    return job.status


def _abandon_message(job: Job, committed) -> str:
    if committed is not None and job.kind not in INTERRUPTED_MESSAGES:
        return JOB_INTERRUPTED_AFTER_COMMIT
    if job.kind in RETRY_SAFE and job.kind not in INTERRUPTED_MESSAGES:
        return JOB_GAVE_UP.format(attempts=job.attempts)
    return INTERRUPTED_MESSAGES.get(job.kind, JOB_INTERRUPTED)


def _release_quietly(job: Job) -> None:
    """``job_release`` from inside the failing job: with the database gone it cannot be written, and the
    lease running out hands the job to ``jobs_recover`` instead."""
    try:
        if not connection.in_atomic_block:  # a dead connection is dropped, reconnecting on the next query
            close_old_connections()
        job_release(job)
    except JobLost:
        pass
    except Exception:
        logger.warning("job %s could not be released now; its lease will run out", job.pk, exc_info=True)


def jobs_recover(*, now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Take back every running job whose lease ran out (``job_release``) and close the queue entries left
    "running" by a worker that stopped. Run by every worker on start and every ``JOB_RECOVERY_SECONDS``;
    returns how many jobs it took back."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    expired = Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True, started_at__lt=now - lease)
    taken = 0
    for job in Job.objects.filter(expired, status=JobStatus.RUNNING).order_by("pk")[:limit]:
        try:
            job_release(job)
        except JobLost:  # finished, or taken back by another worker, in the meantime
            continue
        logger.warning("job %s (%s) lost its worker: now %s", job.pk, job.kind, job.status)
        taken += 1
    _tasks_settle(now)
    _reminders_recover()
    return taken


def _tasks_close(task_ids, *, reason: str) -> int:
    ids = [task_id for task_id in task_ids if task_id]
    return (
        DBTaskResult.objects.filter(pk__in=ids, status__in=("READY", "RUNNING")).update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path=f"{__name__}.JobLost",
            traceback=reason,
        )
        if ids
        else 0
    )


def _tasks_settle(now: datetime.datetime) -> int:
    """Queue entries still "running" with no job holding them: their worker stopped. A job's entry is closed
    once its job is no longer running on it; another task's (a notification e-mail) after ``TASK_STALE``."""
    lease = datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    held = Job.objects.filter(task_id=OuterRef("pk"), status=JobStatus.RUNNING)
    owned = Job.objects.filter(task_id=OuterRef("pk"))
    running = DBTaskResult.objects.filter(backend_name="jobs", status="RUNNING").exclude(Exists(held))
    stale = running.filter(
        Q(Exists(owned), started_at__lt=now - lease) | Q(~Exists(owned), started_at__lt=now - TASK_STALE)
    )
    ids = list(stale.values_list("pk", flat=True)[:1000])
    closed = _tasks_close(ids, reason="its worker stopped before finishing it; closed by jobs_recover")
    if closed:
        logger.warning("%s queue entries left running by a stopped worker were closed", closed)
    return closed


def _reminders_recover() -> None:
    """Reminders whose sender stopped mid-run: queue one reminders job to send them again (no e-mail is sent
    inside the worker's recovery itself)."""
    from reporting.services.reminders import reminder_claims_expired

    if not reminder_claims_expired().exists():
        return
    if Job.objects.filter(kind=JobKind.REMINDERS, status__in=LIVE, params__expired_claims=True).exists():
        return
    job_start(kind=JobKind.REMINDERS, user=None, params={"expired_claims": True, "days": []})


def job_results_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the result files past their expiry (the account lists' passwords first of all)."""
    now = now or timezone.now()
    expired = list(Job.objects.filter(expires_at__lte=now).exclude(result="").values_list("pk", "result"))
    storage = private_storage()
    for pk, name in expired:
        storage.delete(name)
        Job.objects.filter(pk=pk, result=name).update(result="")
    return len(expired)


# --- handing out the result --------------------------------------------------------------------


def job_result_open(job: Job):
    """The result as an open binary file, or None when it is gone. A secret result (the account list)
    is handed out once: read into memory and deleted from the storage, so a second request gets nothing."""
    if not job.result:
        return None
    if job.expires_at and job.expires_at <= timezone.now():
        job_results_prune()
        return None
    storage, name = private_storage(), job.result
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    if job.kind != JobKind.ACCOUNTS:
        return handle
    with handle:
        data = handle.read()
    if not Job.objects.filter(pk=job.pk, result=name).update(result=""):
        return None  # another request took it first
    storage.delete(name)
    job.result = ""
    return io.BytesIO(data)


# --- the runners, one per kind --------------------------------------------------------------------


def _run_recap(job: Job) -> None:
    from reporting.selectors.access import region_readable_list, report_readable_list
    from reporting.services import excel_export

    period = Period.objects.filter(year=job.params.get("year"), quarter=job.params.get("quarter")).first()
    if period is None:
        raise JobFailed(RECAP_PERIOD_GONE)
    if job.user is None:
        reports, regions = Report.objects.all(), Region.objects.all()
    else:
        reports, regions = report_readable_list(job.user), region_readable_list(job.user)
        if not regions.exists():
            raise JobFailed(RECAP_NOT_ALLOWED)
    rows = 0

    def produce(output):
        nonlocal rows
        rows = excel_export.recap_write(
            period=period, reports=reports, regions=regions, output=output, progress=progress_callback(job)
        )

    name = result_save(job, produce)
    job_succeed(
        job,
        RECAP_DONE.format(rows=f"{rows:,}".replace(",", ".")),
        rows=rows,
        result=name,
        filename=f"rekap-capaian-spm-{period.year}-tw{period.quarter}.xlsx",
    )


def _run_import(job: Job) -> None:
    """The uploaded template, read and saved all or nothing by ``excel_import.report_import`` (which goes
    through the report services, so the window, the version check and the history apply as in the form)."""
    from reporting.selectors.access import can_edit_report
    from reporting.services import excel_import

    report = Report.objects.select_related("region", "urusan", "period").filter(pk=job.params.get("report")).first()
    if report is None or job.user is None or not can_edit_report(job.user, report):
        raise JobFailed(IMPORT_NOT_ALLOWED)
    with private_storage().open(job.upload, "rb") as handle:
        data = handle.read()
    job_progress(job, 0)
    # The import and the job's "done" commit together: a worker killed at any point leaves either both (the
    # page shows the summary) or neither (jobs_recover: nothing changed), never a saved import shown as running.
    try:
        with transaction.atomic():
            result = excel_import.report_import(report=report, user=job.user, data=data)
            job_commit_mark(job)
            job_succeed(job, result.summary, rows=result.figures)
    except excel_import.ExcelImportError as error:
        raise JobFailed(IMPORT_FAILED, errors=error.errors) from error


def _run_reminders(job: Job) -> None:
    """The deadline reminders of one day (``params``: ``date`` ISO, ``days`` list), each sent at most once."""
    from reporting.models import ReminderRecord, ReminderStatus
    from reporting.services.reminders import reminders_resend_expired, reminders_send

    today = datetime.date.fromisoformat(job.params["date"]) if job.params.get("date") else timezone.localdate()
    day_list = sorted({int(d) for d in job.params.get("days", [])})
    job_progress(job, 0, len(day_list))
    # First the reminders whose sender stopped mid-run (their claim expired), then the day's own.
    record_ids = [r.record_id for r in reminders_resend_expired()]
    for done, days in enumerate(day_list, start=1):
        record_ids += [r.record_id for r in reminders_send(today=today, days=days)]
        job_progress(job, done)
    failed = ReminderRecord.objects.filter(pk__in=record_ids, status=ReminderStatus.FAILED).count()
    job_succeed(job, REMINDERS_DONE.format(sent=len(record_ids) - failed, failed=failed), rows=len(day_list))


def _run_accounts(job: Job) -> None:
    """The pemda account distribution list (``params``: ``regions`` login codes, empty for all; ``reset``).

    The one-time passwords exist only in the result file: kept ``JOB_SECRET_RESULT_MINUTES`` at most and
    deleted on its first download (``job_result_open``). The file is stored, and the job marked done with
    its name, inside the transaction that changes the passwords: either the pemda have new passwords and
    the admin has their only copy, or nothing changed (the storage down, the worker killed before commit).
    """
    from reporting.accounts.services.accounts import accounts_workbook, pemda_accounts_create
    from reporting.selectors.access import can_issue_pemda_accounts

    if job.user is None or not can_issue_pemda_accounts(job.user):
        raise JobFailed(ACCOUNT_LIST_NOT_ALLOWED)
    regions = Region.objects.filter(is_active=True)
    if job.params.get("regions"):
        regions = regions.filter(login_code__in=job.params["regions"])

    def store(issued) -> None:
        if not issued:
            return
        try:
            name = result_save(job, lambda output: output.write(accounts_workbook(issued)))
        except Exception as error:  # noqa: BLE001 -- whatever broke, the transaction undoes every password
            logger.warning("job %s: the account list could not be stored: %r", job.pk, error)
            raise JobFailed(ACCOUNT_LIST_NOT_STORED) from error
        job_succeed(
            job,
            ACCOUNT_LIST_DONE.format(count=f"{len(issued):,}".replace(",", ".")),
            rows=len(issued),
            result=name,
            filename=f"akun-pemda-{timezone.localdate():%Y%m%d}.xlsx",
            expires_in=datetime.timedelta(minutes=settings.JOB_SECRET_RESULT_MINUTES),
        )

    issued = pemda_accounts_create(
        regions=regions, reset_existing=bool(job.params.get("reset")), progress=progress_callback(job), store=store
    )
    if not issued:
        job_succeed(job, ACCOUNT_LIST_NONE, rows=0)


def _run_annual_pdf(job: Job) -> None:
    """A pemda's laporan penerapan SPM tahunan (``selectors.printouts``), a few seconds of layout for a year's
    reports, as the asking user may read them now."""
    from reporting.selectors import printouts
    from reporting.services import pdf

    region = printouts.annual_region_for_job(user=job.user, region_id=job.params.get("region"))
    if region is None:
        raise JobFailed(ANNUAL_PDF_NOT_ALLOWED)
    year = int(job.params.get("year"))
    printout = printouts.annual_printout_get(user=job.user, region=region, year=year)
    try:
        data, pages = pdf.pdf_render_pages(template="reporting/pdf/annual.html", context=printout.__dict__)
    except (pdf.PdfUnavailableError, pdf.PdfTooLargeError) as error:
        raise JobFailed(str(error)) from error
    name = result_save(job, lambda output: output.write(data), suffix=".pdf")
    job_succeed(
        job,
        ANNUAL_PDF_DONE.format(region=region.display_name, year=year, pages=pages),
        result=name,
        filename=f"laporan-penerapan-spm-{region.login_code}-{year}.pdf",
    )


def _run_report_pdf(job: Job) -> None:
    """Cetak PDF of one quarterly report (``services.printouts``)."""
    from reporting.services.printouts import report_pdf_run

    report_pdf_run(job)


def _run_evaluation(job: Job) -> None:
    """Evaluasi capaian of every pemda of a quarter, one PDF each in a zip (``services.evaluation``)."""
    from reporting.services.evaluation import evaluation_zip_run

    evaluation_zip_run(job)


RUNNERS: dict[str, Callable[[Job], None]] = {
    JobKind.ACCOUNTS: _run_accounts,
    JobKind.RECAP: _run_recap,
    JobKind.IMPORT: _run_import,
    JobKind.REMINDERS: _run_reminders,
    JobKind.ANNUAL_PDF: _run_annual_pdf,
    JobKind.REPORT_PDF: _run_report_pdf,
    JobKind.EVALUATION: _run_evaluation,
}
