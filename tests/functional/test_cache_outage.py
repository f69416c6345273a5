"""The shared cache unreachable (issue 23, item 4) without a cluster: Redis at a closed port behind
core.cache.FailOpenRedisCache, as production configures it. Pages work, a logged-in user with cached_db
sessions stays logged in, and rate limits still hold (counted in the process). The real outage, stopped and
frozen, is tests/fault/test_redis_outage.py."""

import pytest

from django.core.cache import cache
from django.test import Client

from tests.functional import permission_matrix as pm

DOWN = {
    "BACKEND": "core.cache.FailOpenRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": DOWN, "machina_attachments": {**DOWN, "KEY_PREFIX": "machina_attachments"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield
    cache.clear()  # dropped: nothing listens


def test_a_logged_in_user_stays_logged_in_and_anonymous_pages_answer(client, pemda_user, redis_down):
    client.force_login(pemda_user)
    dashboard = client.get("/pelaporan/")
    assert dashboard.status_code == 200 and pemda_user.username in dashboard.content.decode()
    assert Client().get("/login/").status_code == 200


def test_rate_limits_still_hold_while_the_shared_cache_is_away(db, redis_down, settings):
    pm.world_build()
    settings.RATE_LIMIT_SEARCH_PER_MINUTE = 2
    client = Client()
    answers = [client.get("/cari/?q=pendidikan", REMOTE_ADDR="198.51.100.77").status_code for _ in range(3)]
    assert answers == [200, 200, 429]
