"""The portal's tasks (django.tasks API) in the ``jobs`` queue; any ``db_worker --backend jobs`` runs them.

One task for every kind of job: the ``Job`` row says what to do (``reporting.services.jobs``).
"""

from django_tasks import task

from reporting.services import jobs, notifications


@task(backend="jobs")
def job_run(job_id: int) -> None:
    jobs.job_execute(job_id=job_id)


@task(backend="jobs")
def notification_email_send(notification_id: int) -> None:
    """The e-mail of one notification (reporting.services.notifications), sent by the worker."""
    notifications.notification_email_deliver(notification_id=notification_id)
