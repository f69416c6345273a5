import pytest

from django.core.cache import cache

from tests import factories


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
