"""A database outage answers the portal's own 503 page, in Indonesian, with Retry-After."""

from django.db import OperationalError
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
