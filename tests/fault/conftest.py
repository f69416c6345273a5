"""The fault suite (``make fault-test``): the production recipe on loopback, one dependency broken at a time.

Generic fixtures, one set per test module (starting the hosts costs seconds):

- ``fault_redis``: our own redis-server (stop, start, freeze, thaw);
- ``fault_s3``: our own S3 API server process with one bucket (stop, start);
- ``pg_proxy``: a TCP relay in front of PostgreSQL (cut, restore);
- ``fault_stack``: a scratch PostgreSQL database and the three above, wired into ``FaultStack``, whose
  ``start_host`` / ``start_worker`` / ``start_balancer`` run deploy/'s recipe against them.

Skipped only when PostgreSQL is not reachable or haproxy / redis-server is missing, unless
``CLUSTER_REQUIRED=1`` (CI), where that fails instead.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.cluster import stack
from tests.fault import injectors
from tests.fault.cluster import FaultStack


def pytest_collection_modifyitems(config, items):
    """``make test`` (no path named) leaves the fault suite to ``make fault-test``, which CI runs next: the
    suite starts real servers for minutes and would otherwise run twice."""
    here = Path(__file__).parent
    named = any(Path(arg.split("::")[0]).resolve().is_relative_to(here) for arg in config.args)
    if named:
        return
    skip = pytest.mark.skip(reason="the fault suite runs with `make fault-test` (pytest tests/fault)")
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(skip)


def _require(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CLUSTER_REQUIRED") == "1":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture(scope="module")
def fault_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fault")


@pytest.fixture(scope="module")
def fault_redis(fault_folder):
    _require(Path(injectors.REDIS_SERVER).exists(), "redis-server is not installed (apt-get install redis-server)")
    server = injectors.RedisServer(fault_folder / "redis")
    yield server
    server.close()


@pytest.fixture(scope="module")
def fault_s3(fault_folder):
    server = injectors.S3Process(fault_folder / "s3", stack.base_env())
    yield server
    server.close()


@pytest.fixture(scope="module")
def pg_proxy():
    proxy = injectors.TcpProxy(injectors.postgres_address())
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def fault_stack(fault_folder, fault_redis, fault_s3, pg_proxy):
    _require(stack.postgres_reachable(), f"PostgreSQL is not reachable at {stack.ADMIN_URL} (CLUSTER_PG_URL)")
    _require(shutil.which("haproxy") is not None, "haproxy is not installed (make haproxy)")
    processes = stack.Processes(fault_folder)
    with stack.ScratchDatabase() as database:
        try:
            yield FaultStack(
                folder=fault_folder,
                processes=processes,
                database=database,
                redis=fault_redis,
                s3=fault_s3,
                pg_proxy=pg_proxy,
            )
        finally:
            fault_redis.thaw()
            processes.stop_all()
