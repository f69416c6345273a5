"""gunicorn for one app host: `gunicorn -c deploy/gunicorn.conf.py` (from the project folder).

Environment: GUNICORN_BIND (127.0.0.1:8000; on an app host of its own, its private address that only the
balancer reaches, never a public one: a client reaching gunicorn directly would write its own X-Forwarded-For),
GUNICORN_WORKERS (cores + 1: the portal is CPU-bound next to its database, bench/README.md), GUNICORN_TIMEOUT
(60 s; long work runs in the job queue, not in a request), GUNICORN_GRACEFUL_TIMEOUT (30 s for requests in
flight on a restart or a stop). Access and error lines are JSON on stdout/stderr, like the portal's own
(core.logging), with the request id.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # the balancer's side only (TRUSTED_PROXY_COUNT=1)
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# The app is loaded before the port opens: a host that restarts (a crash, a deploy) refuses connections
# until it can answer, so the balancer retries them on another host (option redispatch) instead of sending
# requests to a master whose workers are still importing Django, whose health check then times out and
# whose queued requests the balancer cuts (on-marked-down shutdown-sessions). Workers fork from the loaded
# app (also after max_requests); a code change needs a restart, not a HUP.
preload_app = True
keepalive = 5  # the balancer keeps connections open between requests
max_requests = 2000  # a worker is replaced now and then, with jitter so that they do not all go at once
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm"  # heartbeat files never on the code folder or a slow disk  # noqa: S108

accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},  # gunicorn's defaults name handlers that are replaced here
    "loggers": {
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
