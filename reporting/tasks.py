"""The portal's tasks (django.tasks API) in the ``jobs`` queue; any ``db_worker --backend jobs`` runs them.

One task for every kind of job: the ``Job`` row says what to do (``reporting.services.jobs``).
"""

from django_tasks import task

from reporting.services import jobs


@task(backend="jobs")
def job_run(job_id: int) -> None:
    jobs.job_execute(job_id=job_id)
