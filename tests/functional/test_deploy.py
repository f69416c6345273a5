"""Deployment: ``check --deploy`` is clean with the production settings, the security headers are sent,
and the error pages are Indonesian and stand on their own (the 500 page needs no database)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.test import Client, override_settings
from django.urls import path

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ONLY = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DEBUG",
)


def production_env(**extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "spm.example.go.id",
        "CACHE_URL": "redis://127.0.0.1:6379/15",
        "STORAGE_URL": "s3+http://key:secret@127.0.0.1:9000/spm",
        **extra,
    }


@pytest.fixture(scope="module")
def production():
    """The security settings of portal.settings.production, as a fresh process with its environment reads them."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(PRODUCTION_ONLY)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_check_deploy_with_production_settings_gives_no_warning():
    env = production_env()
    result = subprocess.run(  # noqa: S603 -- fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    result = subprocess.run(  # noqa: S603 -- fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    env = {key: value for key, value in production_env().items() if key != "CACHE_URL"}
    result = subprocess.run(  # noqa: S603 -- fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "CACHE_URL" in result.stderr


@pytest.mark.django_db
def test_every_page_sends_the_security_headers_in_production(client, production):
    with override_settings(**production):
        response = client.get("/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, production):
    with override_settings(**production):
        response = client.get("/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@pytest.mark.django_db
def test_the_headers_are_also_sent_on_error_pages(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in response
    assert "Halaman tidak ditemukan" in response.content.decode()


# --- Error pages --------------------------------------------------------------------------------


def _boom(request):
    raise RuntimeError("uji")


def _denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _ok(request):
    return HttpResponse("ok")


urlpatterns = [path("boom/", _boom), path("denied/", _denied), path("ok/", _ok)]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("500", "Terjadi kesalahan pada server"),
        ("503", "Layanan sedang tidak tersedia"),
        ("404", "Halaman tidak ditemukan"),
        ("403", "Akses ditolak"),
    ],
)
def test_error_pages_render_alone_without_database_or_context(code, words):
    """Rendered the way Django's handler does for 500: no request, no context processors; and with no
    database access allowed (pytest-django raises on any query outside a db test)."""
    html = loader.get_template(f"{code}.html").render({})
    assert words in html and 'lang="id"' in html
    assert "{%" not in html and "extends" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_error_shows_the_indonesian_500_page(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()
    assert "RuntimeError" not in response.content.decode() and "Traceback" not in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_shows_the_indonesian_403_page(client):
    response = client.get("/denied/")
    assert response.status_code == 403 and "Akses ditolak" in response.content.decode()


def test_the_production_cache_url_gives_a_working_shared_cache_and_cached_sessions():
    """README tells production to set CACHE_URL (Redis): its client library must be installed and the
    sessions must then be read from that cache. Needs the Redis server this machine and CI run."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "from django.core.cache import cache; cache.set('spm-deploy-check', 42, 10); "
        "print(json.dumps([settings.SESSION_ENGINE, cache.get('spm-deploy-check')])); cache.delete('spm-deploy-check')"
    )
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(CACHE_URL="redis://127.0.0.1:6379/15"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["django.contrib.sessions.backends.cached_db", 42]


@pytest.mark.django_db
def test_a_csrf_failure_shows_the_indonesian_page():
    """Issue 24.10: Django's English "CSRF verification failed" page is replaced by the portal's own."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "3517", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in page and 'lang="id"' in page
    assert "CSRF verification failed" not in page and "Forbidden" not in page


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False)
def test_a_bad_request_shows_the_indonesian_400_page(client):
    """Issue 24.10: a request Django refuses (here an unknown Host header) gets the portal's 400 page."""
    response = client.get("/", HTTP_HOST="penyerang.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in page and 'lang="id"' in page and "Bad Request" not in page
