"""A database outage answers the portal's own 503 page, in Indonesian, with Retry-After, for every request:
also when the failure happens in middleware before any view (a logged-in user's session and user are loaded
there), logged as one warning, never as an error (issue 23, item 5). The liveness check needs no database."""

import logging

import pytest
from botocore.exceptions import EndpointConnectionError

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory

from core.middleware import DatabaseUnavailableMiddleware


def test_a_database_error_becomes_the_indonesian_503_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(
        RequestFactory().get("/"), OperationalError("server closed the connection")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<html" in response.content.decode().lower()


def test_other_errors_are_left_to_django():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None


@pytest.fixture
def database_down():
    """Call it to make every query fail; undone before the test database is rolled back."""

    def refuse(self):
        raise OperationalError("connection refused")

    with pytest.MonkeyPatch.context() as patch:
        yield lambda: patch.setattr(BaseDatabaseWrapper, "cursor", refuse)


def _outage_logged_as_warning(caplog) -> None:
    outage = [r for r in caplog.records if r.name == "core.outage"]
    assert [r.levelno for r in outage] == [logging.WARNING]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("path", ["/pelaporan/", "/", "/login/?next=/pelaporan/"])
def test_a_logged_in_user_gets_the_503_when_the_session_middleware_meets_the_outage(
    client, pemda_user, database_down, caplog, path
):
    client.force_login(pemda_user)
    database_down()
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    assert response.status_code == 503, response.status_code
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in response.content.decode()
    _outage_logged_as_warning(caplog)


def test_an_outage_raised_in_a_view_is_a_warning_too(client, db, database_down, caplog):
    database_down()
    with caplog.at_level(logging.INFO):
        response = client.post("/login/", {"username": "3517", "password": "x"})
    assert response.status_code == 503
    _outage_logged_as_warning(caplog)


def test_an_outage_that_escaped_the_middleware_still_gets_the_503_from_the_error_view(rf):
    from core.views import server_error

    try:
        raise OperationalError("the connection was cut in a response middleware")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    try:
        raise EndpointConnectionError(endpoint_url="http://minio:9000")
    except EndpointConnectionError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503 and "Berkas sementara tidak dapat diakses" in response.content.decode()
    assert server_error(rf.get("/")).status_code == 500  # no exception at hand: the plain 500 page


def test_liveness_needs_no_database(client):
    """No database fixture: any query would raise pytest-django's RuntimeError (a 500)."""
    response = client.get("/livez")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readiness_still_names_the_database(client, db, database_down):
    database_down()
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["database"] == "error"


def test_the_standalone_error_pages_show_the_default_emblem(rf):
    from core.views import server_error

    outage = DatabaseUnavailableMiddleware(lambda request: None).process_exception(
        rf.get("/"), OperationalError("server closed the connection")
    )
    for response in (outage, server_error(rf.get("/"))):
        page = response.content.decode()
        assert (
            '<img src="/static/img/lambang-spm.svg" alt="" width="36" height="40">' in page
        )  # decorative: the text names the portal
