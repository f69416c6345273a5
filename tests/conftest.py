import pytest

from django.core.cache import cache

from tests import factories, s3


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a value cached by one test never leaks into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def province(db):
    return factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")


@pytest.fixture
def kabkota(province):
    return factories.KabKotaFactory(code="35.17", login_code="3517", name="Kabupaten Jombang", province=province)


@pytest.fixture
def pemda_user(kabkota):
    return factories.PemdaUserFactory(region=kabkota)


@pytest.fixture
def province_user(province):
    return factories.PemdaUserFactory(region=province)


@pytest.fixture(scope="session")
def s3_server():
    """One real S3 API server (moto's server mode) on a free loopback port for the whole run."""
    server, moto = s3.start_server()
    yield server
    moto.stop()


@pytest.fixture
def s3_bucket(s3_server, settings):
    """A fresh bucket that every storage (public media and private files) uses for this test only.

    Through pytest-django's ``settings``: a test that also changes ``settings.DEBUG`` gets both undone in
    the right order (a separate override_settings would be restored out of order and leak the bucket).
    """
    bucket = s3_server.create_bucket()
    settings.STORAGES = s3.storages_for(s3_server, bucket)
    return bucket


# `make test` runs the suite on two processes (pytest-xdist, `--dist loadgroup`). The process tests
# (tests/cluster: real gunicorn hosts and workers claiming shared Redis databases) and the browser journeys
# (tests/functional/e2e: one chromium against a live server, transactional databases) run one at a time on
# one worker, beside the rest; each worker has its own test database, S3 server and local-memory cache.
SERIAL_DIRS = ("/tests/cluster/", "/tests/compose/", "/tests/fault/", "/tests/functional/e2e/")


def pytest_collection_modifyitems(items):
    for item in items:
        if any(part in str(item.fspath) for part in SERIAL_DIRS):
            item.add_marker(pytest.mark.xdist_group("serial"))
