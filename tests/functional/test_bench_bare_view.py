"""The benchmark's bare baseline view (bench/urls.py) answers through the whole middleware stack."""

import pytest

from django.test import override_settings

from tests import factories

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="bench.urls")
def test_bare_view_answers_with_a_handful_of_queries(client, django_assert_max_num_queries):
    client.force_login(factories.UserFactory())
    factories.PeriodFactory()

    with django_assert_max_num_queries(8):
        response = client.get("/bench/bare/")

    assert response.status_code == 200
    assert b"1 periode" in response.content


@override_settings(ROOT_URLCONF="bench.urls")
def test_portal_pages_stay_reachable_under_the_bench_urls(client):
    assert client.get("/login/").status_code == 200
