"""Process tests: real gunicorn hosts, task workers and a load balancer on loopback, sharing one scratch
PostgreSQL database (and Redis). Skipped only when PostgreSQL is not reachable; it is in CI and here."""

import pytest

from tests.cluster import stack


@pytest.fixture
def scratch_db():
    if not stack.postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {stack.ADMIN_URL} (CLUSTER_PG_URL)")
    if not stack.redis_reachable():
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    with stack.ScratchDatabase() as database:
        yield database


@pytest.fixture
def redis_db():
    number = stack.redis_free_db()
    yield number
    stack.redis_flush(number)


@pytest.fixture
def processes(tmp_path):
    started = stack.Processes(tmp_path)
    yield started
    started.stop_all()
