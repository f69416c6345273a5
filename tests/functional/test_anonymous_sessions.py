"""Anonymous visitors get no session cookie (issue 13): reading the portal stores nothing about them."""

import pytest

from django.conf import settings

from tests.functional import permission_matrix as pm


@pytest.fixture
def world(db):
    return pm.world_build()


@pytest.mark.parametrize("path", ["/", "/cari/?q=pendidikan", "/forum/", "/login/"])
def test_anonymous_reading_sets_no_session_cookie(client, world, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert settings.SESSION_COOKIE_NAME not in response.cookies, path
