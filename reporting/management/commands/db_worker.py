"""``manage.py db_worker``: django_tasks_db's command running the portal's worker (``reporting.worker.JobWorker``).

Same name and options as the library's (``reporting`` is before ``django_tasks_db`` in INSTALLED_APPS, so
Django runs this one), so the deploy recipe ``manage.py db_worker --backend jobs`` is unchanged; the worker
now survives a database outage and ends the jobs of workers that died (ops/README.md).
"""

import os

from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from reporting.worker import JobWorker


class Command(db_worker.Command):
    help = "Pekerja latar (django_tasks_db) yang bertahan saat basis data terputus dan memulihkan pekerjaan macet."

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = JobWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
