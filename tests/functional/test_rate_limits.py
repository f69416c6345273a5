"""Rate limits per client address on search, open data and the abuse-report form (issue 13): over the
limit an Indonesian 429 page with Retry-After; another address is not affected."""

import pytest

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from tests.functional import permission_matrix as pm


@pytest.fixture
def world(db):
    cache.clear()
    return pm.world_build()


def _third_is_refused(path, client=None):
    client = client or Client()
    return [client.get(path, REMOTE_ADDR="198.51.100.9").status_code for _ in range(3)]


@override_settings(RATE_LIMIT_SEARCH_PER_MINUTE=2)
def test_search_is_limited_per_address(world):
    assert _third_is_refused("/cari/?q=pendidikan") == [200, 200, 429]
    refused = Client().get("/cari/?q=pendidikan", REMOTE_ADDR="198.51.100.9")
    assert "Terlalu banyak permintaan" in refused.content.decode() and int(refused["Retry-After"]) > 0
    assert Client().get("/cari/?q=pendidikan", REMOTE_ADDR="203.0.113.4").status_code == 200


@pytest.mark.parametrize(
    "route", ["reporting:public_figures", "reporting:public_figures_csv", "reporting:public_figures_json"]
)
@override_settings(RATE_LIMIT_OPEN_DATA_PER_MINUTE=2)
def test_open_data_is_limited_per_address(world, route):
    path = reverse(route)
    assert _third_is_refused(path) == [200, 200, 429]


@override_settings(RATE_LIMIT_ABUSE_REPORT_PER_MINUTE=2)
def test_the_abuse_report_form_is_limited_per_address(world):
    client = Client()
    client.force_login(world.users["kabkota"])
    path = reverse("forum_abuse_report", args=[world.post.pk])
    assert _third_is_refused(path, client)[-1] == 429


@override_settings(RATE_LIMIT_FORUM_SEARCH_PER_MINUTE=2)
def test_forum_search_is_limited_per_address(world):
    """Issue 24.10: the forum's search (a LIKE over every post) has its own limit."""
    path = reverse("forum_search:search") + "?q=lampiran"
    assert _third_is_refused(path) == [200, 200, 429]
    assert Client().get(path, REMOTE_ADDR="203.0.113.4").status_code == 200
