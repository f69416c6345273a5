"""The job worker: django_tasks_db's database worker, made to outlast its database and the jobs it runs.

``manage.py db_worker --backend jobs`` runs this class (``reporting/management/commands/db_worker.py``
overrides django_tasks_db's command of the same name: ``reporting`` comes first in INSTALLED_APPS). On top
of the library's loop it

- keeps running when the database goes away (a restart, a failover, a cut network): every database error
  outside a task closes the connections and waits, 0.5 s doubling up to ``JOB_WORKER_BACKOFF_MAX_SECONDS``,
  then tries again; a task the error hit is handed back by ``runner.job_release`` or its lease (the
  modules named here are in ``reporting.jobs``);
- renews the lease of the job it runs from a heartbeat thread (``leases.job_heartbeat``), and restarts its
  own process when a run is still going ``JOB_STUCK_GRACE_SECONDS`` after its job ended (a loop no refused
  write reaches: the thread cannot be killed, the process image can be replaced);
- runs ``recovery.jobs_recover`` on start and every ``JOB_RECOVERY_SECONDS``: jobs whose worker died end;
- picks the next task fairly: the queue entry of the account served longest ago first (then the library's
  order: priority, run_after, enqueued_at), so one account's many jobs do not hold up everybody else's.
"""

import logging
import os
import random
import sys
import time

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django.db.models import F, OuterRef, Subquery

from reporting.jobs.leases import job_heartbeat
from reporting.jobs.recovery import jobs_recover
from reporting.models import Job

logger = logging.getLogger("reporting.worker")


def fair_order(tasks):
    """Ready queue entries, the one whose account started a job longest ago first (never, or no account:
    first of all), then the library's own order."""
    owner = Job.objects.filter(task_id=OuterRef("pk")).values("user_id")[:1]
    last_start = (
        Job.objects.filter(user_id=OuterRef("owner"), started_at__isnull=False)
        .order_by("-started_at")
        .values("started_at")[:1]
    )
    return (
        tasks.annotate(owner=Subquery(owner))
        .annotate(owner_last_start=Subquery(last_start))
        .order_by(
            F("priority").desc(),
            F("owner_last_start").asc(nulls_first=True),
            F("run_after").asc(),
            F("enqueued_at").asc(),
        )
    )


class JobWorker(Worker):
    """See the module docstring. ``heartbeat=False`` for a worker inside a test's transaction."""

    def __init__(self, *, heartbeat: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat = heartbeat
        self.next_recovery = 0.0
        self.failures = 0

    def run(self) -> None:
        logger.info("job worker %s starting", self.worker_id)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 -- spreads the workers' first polls, no security role
        while self.running:
            try:
                self.recover_when_due()
                if self.step():
                    return
                self.failures = 0
            except (OperationalError, InterfaceError) as error:  # the connection, not a bug in a query
                if error.args and is_locked_database_exception(error):
                    time.sleep(self.interval)  # SQLite's lock: it frees by itself
                    continue
                self.wait_for_database(error)

    def recover_when_due(self) -> None:
        if time.monotonic() < self.next_recovery:
            return
        taken = jobs_recover()
        if taken:
            logger.warning("job worker %s took back %s jobs whose worker stopped", self.worker_id, taken)
        self.next_recovery = time.monotonic() + settings.JOB_RECOVERY_SECONDS

    def wait_for_database(self, error: OperationalError | InterfaceError) -> None:
        self.failures += 1
        delay = min(settings.JOB_WORKER_BACKOFF_MAX_SECONDS, 0.5 * 2 ** (self.failures - 1))
        delay *= random.uniform(0.5, 1.0)  # noqa: S311 -- jitter so the workers do not reconnect in step
        logger.warning(
            "job worker %s: database unavailable (%s); retrying in %.1f s (attempt %s)",
            self.worker_id,
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
            delay,
            self.failures,
        )
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DatabaseError:  # closing a dead connection may fail too; it is dropped either way
                connection.connection = None
        if self.running:
            time.sleep(delay)

    def step(self) -> bool:
        """One turn of the library's loop with the fair pick; True when a batch worker has nothing left."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = fair_order(tasks).select_for_update(skip_locked=True, of=("self",)).first()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is not None:
            self.run_task(task_result)
        elif self.batch:
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return True
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return False

    def run_task(self, db_task_result: DBTaskResult) -> None:
        if not self.heartbeat:
            super().run_task(db_task_result)
            return
        with job_heartbeat(task_id=db_task_result.pk, on_stuck=self.restart):
            super().run_task(db_task_result)

    def restart(self) -> None:
        """Replace this process by a fresh worker with the same command line (``os.execv``: same pid, so a
        supervisor, ``make run`` included, sees no exit; the stuck thread and its connections are gone, the
        new worker's recovery settles what they held)."""
        logger.error("job worker %s restarts its process: a run is stuck", self.worker_id)
        for handler in logging.getLogger().handlers:  # the log lines out before the image is replaced
            handler.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, *sys.argv])  # noqa: S606 -- this interpreter, its own arguments
