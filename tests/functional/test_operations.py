"""Operations: /healthz names the failing part, every log line is JSON with its request id, the 500 page
shows that id, and Sentry starts only with a DSN."""

import io
import json
import logging

import pytest

from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.urls import path

from core import errors, health
from core.logging import JsonFormatter
from core.requestid import HEADER, current_request_id, request_id_from
from portal import urls as portal_urls

pytestmark = pytest.mark.django_db

CLOSED_REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}


def _boom(request):
    logging.getLogger("reporting").warning("sebelum gagal")
    raise RuntimeError("uji")


urlpatterns = [path("boom/", _boom), *portal_urls.urlpatterns]
handler500 = portal_urls.handler500


@pytest.fixture
def json_log():
    """The root logger's lines as the production handler writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


# --- /healthz -----------------------------------------------------------------------------------


def test_healthz_answers_ok_for_every_part_with_one_query_and_no_session(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "storage": "ok"}
    assert "Set-Cookie" not in response and response["Cache-Control"] == "no-store"


def test_healthz_is_not_redirected_to_https_nor_to_the_login_page_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["spm.example.go.id"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.11:8000")
    assert response.status_code == 200


def test_healthz_says_503_and_names_the_database_when_it_is_down(client, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "error", "cache": "ok", "storage": "ok"}


def test_healthz_says_503_and_names_the_cache_when_redis_is_unreachable(client, settings):
    settings.CACHES = {**settings.CACHES, "default": CLOSED_REDIS}
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


def test_healthz_says_503_and_names_the_storage_when_it_cannot_be_read(client, monkeypatch):
    def unreachable(self, name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(FileSystemStorage, "exists", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["storage"] == "error"


def test_healthz_checks_a_real_bucket(client, s3_bucket):
    assert client.get("/healthz").json()["storage"] == "ok"


# --- request id and JSON logs ------------------------------------------------------------------


def test_every_response_carries_a_request_id_and_a_proxys_id_is_kept(client):
    made = client.get("/login/")[HEADER]
    assert len(made) == 32 and made != client.get("/login/")[HEADER]
    assert client.get("/login/", HTTP_X_REQUEST_ID="haproxy-0a1b2c3d")[HEADER] == "haproxy-0a1b2c3d"


@pytest.mark.parametrize("header", ["<script>", "x" * 200, "short", "a b c d e f g h"])
def test_a_malformed_request_id_is_replaced(header):
    assert request_id_from(header) != header


def test_log_lines_are_json_objects_with_the_request_id_of_their_request(client, json_log):
    response = client.get("/pelaporan/halaman-yang-tidak-ada/", HTTP_X_REQUEST_ID="uji-12345678")
    assert response.status_code in (302, 404)
    client.get("/tidak-ada-sama-sekali/", HTTP_X_REQUEST_ID="uji-87654321")
    lines = json_log()
    assert lines, "the 404 is logged"
    assert all({"time", "level", "logger", "message", "request_id"} <= set(line) for line in lines)
    not_found = [line for line in lines if "tidak-ada-sama-sekali" in line["message"]]
    assert not_found and all(line["request_id"] == "uji-87654321" for line in not_found)
    assert current_request_id() is None  # nothing leaks past the request


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_shows_the_request_id_that_every_log_line_of_the_request_carries(client, json_log):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_X_REQUEST_ID="uji-500-abcdef")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Kode rujukan: <strong>uji-500-abcdef</strong>" in page and "RuntimeError" not in page
    lines = json_log()
    assert {line["message"] for line in lines} >= {"sebelum gagal", "Internal Server Error: /boom/"}
    assert all(line["request_id"] == "uji-500-abcdef" for line in lines)
    failure = next(line for line in lines if line["level"] == "ERROR")
    assert "RuntimeError: uji" in failure["exception"] and failure["status"] == 500


def test_gunicorn_access_lines_become_json_fields_with_the_response_request_id():
    atoms = {
        "m": "GET",
        "U": "/healthz",
        "q": "",
        "s": "200",
        "B": "40",
        "D": "1234",
        "h": "10.0.0.2",
        "a": "HAProxy",
        "{x-request-id}o": "abc123456789",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(m)s %(U)s", (atoms,), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET" and line["status"] == 200 and line["duration_us"] == 1234
    assert line["request_id"] == "abc123456789" and line["message"] == "GET /healthz"


def test_a_message_with_quotes_and_newlines_stays_one_json_line():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, 'kutip " dan\nbaris', (), None)
    text = JsonFormatter().format(record)
    assert "\n" not in text and json.loads(text)["message"] == 'kutip " dan\nbaris'


# --- Sentry --------------------------------------------------------------------------------------


def test_sentry_starts_only_with_a_dsn(monkeypatch):
    import sentry_sdk

    started = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: started.append(options))
    assert errors.sentry_init(dsn="") is False and started == []
    assert errors.sentry_init(dsn="https://key@sentry.example.go.id/3", release="1.0") is True
    assert started[0]["send_default_pii"] is False and started[0]["release"] == "1.0"
    assert started[0]["before_send"] is errors.tag_request_id


def test_reported_errors_carry_the_request_id(client):
    from core import requestid

    token = requestid._request_id.set("uji-sentry-1234")
    try:
        assert errors.tag_request_id({}, None) == {"tags": {"request_id": "uji-sentry-1234"}}
    finally:
        requestid._request_id.reset(token)
    assert errors.tag_request_id({}, None) == {}


def test_health_parts_are_the_three_the_balancer_needs():
    assert set(health.CHECKS) == {"database", "cache", "storage"}
