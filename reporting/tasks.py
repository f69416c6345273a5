"""The portal's tasks (django.tasks API) in the ``jobs`` queue; any ``db_worker --backend jobs`` runs them.

Each task is defined beside the code that queues it, so that no module has to import this one (it imports
them): ``job_run`` with the job runner (``reporting.jobs.runner``; the ``Job`` row says what to do) and
``notification_email_send`` with the notifications (``reporting.services.notifications``). A queue entry
names its task by path; the entries written while the tasks were defined here name them
``reporting.tasks.job_run`` and ``reporting.tasks.notification_email_send``, which still lead to them.
"""

from reporting.jobs.runner import job_run
from reporting.services.notifications import notification_email_send

__all__ = ["job_run", "notification_email_send"]
