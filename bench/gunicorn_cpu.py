"""gunicorn config of the rush (``-c bench/gunicorn_cpu.py``): each worker logs every request's CPU.

A sync worker serves one request at a time in one thread, so its process's CPU time between ``pre_request``
and ``post_request`` is that request's (the load generator's CPU is in another process and does not count).
One line per request, ``<wall time>\t<bare, or the method and the path's last part>\t<CPU ms>``, in ``$BENCH_CPU_LOG/<pid>.tsv``: the runner keeps
the lines of the measured window, so the bare view it sends meanwhile is measured under the same load as the
mix it is divided into.
"""

import os
import time

BARE_PATH = "/bench/bare/"


def request_name(path: str) -> str:
    """``/pelaporan/laporan/12/capaian/`` -> ``capaian``: the kind of request, for the mix's breakdown."""
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else "/"


def pre_request(worker, req):
    worker.bench_cpu_started = time.process_time()


def post_request(worker, req, environ, resp):
    folder = os.environ.get("BENCH_CPU_LOG")
    started = getattr(worker, "bench_cpu_started", None)
    if not folder or started is None:
        return
    cpu_ms = (time.process_time() - started) * 1000
    kind = "bare" if req.path == BARE_PATH else f"{req.method} {request_name(req.path)}"
    log = getattr(worker, "bench_cpu_log", None)
    if log is None:
        log = worker.bench_cpu_log = open(os.path.join(folder, f"{os.getpid()}.tsv"), "a", buffering=1)  # noqa: SIM115 -- open for the worker's life
    log.write(f"{time.time():.3f}\t{kind}\t{cpu_ms:.3f}\n")
