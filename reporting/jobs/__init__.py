"""Background jobs: start one (record + queue entry in one transaction), run it in the worker, hand out its result.

A job is a ``Job`` row (what the pages show) plus one entry in the ``jobs`` task queue (``runner.job_run``,
django_tasks_db), written in the same transaction, so a job exists exactly when its queue entry does. Any
worker host may run it. Results are files in ``storages["private"]`` (through the Storage API only:
production keeps them in object storage), written only once complete, so a failed job leaves no partial
file. Every failure the user sees is an Indonesian sentence in ``Job.message`` (and ``Job.errors`` for an
import).

Every job ends done or failed, whatever happens to its worker:

- A running job holds a lease (``Job.lease_expires_at``), renewed by the worker's heartbeat
  (``leases.job_heartbeat``) and by every progress update. ``recovery.jobs_recover`` (run by every worker on
  start and every ``JOB_RECOVERY_SECONDS``) takes back a job whose lease ran out: a kind in
  ``kinds.RETRY_SAFE`` (it only reads and writes its result file whole) is queued again, up to
  ``JOB_MAX_ATTEMPTS``; any other kind fails with ``kinds.INTERRUPTED_MESSAGES[kind]``, which says what was
  and was not saved.
- A job that writes marks it in the same transaction (``leases.job_commit_mark``, or it finishes inside
  its write transaction as the import does), so the recovery knows whether the write happened.
- ``Job.attempts`` fences a worker that lost its lease: its late progress or finish changes nothing
  (``leases.JobLost``), and a finish inside a write transaction rolls the write back.
- A run may last its kind's maximum run time (``JOB_MAX_RUN_SECONDS``). Past it the job fails with
  ``kinds.timed_out_message`` and its run's writes are refused by the same fence (``leases.job_time_out``,
  called by the run once refused, by the heartbeat of a run that loops without writing, by the recovery).

The modules, each importing only those above it in this list (no module imports another inside a function;
``tests/unit/test_import_graph.py`` holds that):

- ``kinds``: what each kind of job does when its run is cut short (rerun or the message it leaves);
- ``results``: the result files and uploads in private storage, handed out and pruned;
- ``leases``: what a runner calls while it works (progress, the commit mark, the finish) and the lease
  behind it, renewed by the heartbeat; the services that run a kind's work import only this and ``results``;
- ``registry``: ``RUNNERS``, the runner of each kind, calling the services;
- ``runner``: the task ``job_run`` and ``job_execute`` (claim, run, record how it ended), ``job_release``;
- ``queue``: ``job_start`` (with the limits per account, ``JobRefused``);
- ``recovery``: ``jobs_recover``, the takeback of jobs whose worker stopped.

A kind added later registers its runner in ``registry.RUNNERS`` and, if rerunning it is harmless, its kind
in ``kinds.RETRY_SAFE`` (or a message in ``kinds.INTERRUPTED_MESSAGES``).
"""
