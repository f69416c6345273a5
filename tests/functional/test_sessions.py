"""Login and sessions: lockout on every login door, password policy, forced change, cookie flags in
production, CSRF on every POST route, session fixation, and no open redirect through ``next``."""

import json
import os
import secrets
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from reporting.messages import LOCKED_OUT
from tests import factories
from tests.functional import permission_matrix as pm

PASSWORD = "Rahasia-uji-123"
HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "http://testserver@evil.example/",
    " //evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "https://evil.example%2F@testserver/",
    "/%09/evil.example",
]


@pytest.fixture
def account(db):
    return factories.PemdaUserFactory()


def _is_local(location: str) -> bool:
    """Read the Location as a browser would: whitespace dropped, backslashes taken as slashes."""
    seen = "".join(location.split()).replace("\\", "/")
    parts = urlsplit(seen)
    return parts.netloc in ("", "testserver") and parts.scheme in ("", "http", "https") and not seen.startswith("//")


# --- Lockout ----------------------------------------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES=3)
def test_lockout_holds_against_the_right_password_and_names_the_wait(client, account):
    for _ in range(3):
        client.post(reverse("login"), {"username": account.username, "password": "salah"})
    page = client.post(reverse("login"), {"username": account.username, "password": PASSWORD}).content.decode()
    assert "dikunci sementara" in page and "_auth_user_id" not in client.session
    assert str(LOCKED_OUT).split("%")[0] in page


@override_settings(LOGIN_MAX_FAILURES=3)
def test_lockout_is_per_username_whatever_its_case_or_spaces(client, account):
    for variant in (account.username, f" {account.username} ", account.username.upper()):
        client.post(reverse("login"), {"username": variant, "password": "salah"})
    client.post(reverse("login"), {"username": account.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("door", ["/_util/login/", "/admin/login/"])
@override_settings(LOGIN_MAX_FAILURES=3)
def test_lockout_also_holds_on_the_other_login_doors(client, account, door):
    account.is_staff = True
    account.save()
    for _ in range(3):
        client.post(reverse("login"), {"username": account.username, "password": "salah"})
    client.post(door, {"username": account.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


# --- Password policy and forced change ----------------------------------------------------------


@pytest.mark.parametrize("weak", ["1234567890", "pendek1", "password123", "qwertyuiop", "kabupaten-3517"])
def test_weak_passwords_are_refused_with_an_indonesian_message(client, account, weak):
    client.force_login(account)
    if weak == "kabupaten-3517":
        account.username = "kabupaten3517"
        account.save()
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
    )
    account.refresh_from_db()
    assert response.status_code == 200 and account.check_password(PASSWORD)
    page = response.content.decode()
    assert "This password" not in page and "kata sandi" in page.lower()


def test_password_change_needs_the_old_password(client, account):
    client.force_login(account)
    new = "Kuat-dan-panjang-2026"
    client.post(reverse("password_change"), {"old_password": "salah", "new_password1": new, "new_password2": new})
    account.refresh_from_db()
    assert account.check_password(PASSWORD)


@pytest.mark.parametrize(
    "path",
    [
        "/pelaporan/",
        "/pelaporan/bidang/",
        "/pelaporan/dokumen/",
        "/forum/",
        "/forum/member/profile/edit/",
        "/admin/",
        "/pelaporan/excel/rekap/2026/1/",
        "/",
    ],
)
def test_a_one_time_password_leads_every_page_to_the_change_form(client, account, path):
    account.must_change_password = True
    account.save()
    client.force_login(account)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), (path, method)


def test_a_changed_password_ends_the_other_sessions(account):
    first, second = Client(), Client()
    first.force_login(account)
    second.force_login(account)
    new = "Kuat-dan-panjang-2026"
    first.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert first.get(reverse("reporting:dashboard")).status_code == 200
    assert second.get(reverse("reporting:dashboard")).status_code == 302


# --- Session fixation and logout -------------------------------------------------------------------


def test_login_gives_a_new_session_key(client, account):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": account.username, "password": PASSWORD})
    assert client.session.session_key != before and client.session.get("_auth_user_id")


def test_logout_ends_the_session_on_the_server(client, account):
    client.post(reverse("login"), {"username": account.username, "password": PASSWORD})
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert replay.get(reverse("reporting:dashboard")).status_code == 302


def test_logout_by_get_shows_a_button_and_does_not_log_out(client, account):
    """A link or an image on another site cannot log a user out: GET only offers the POST button."""
    client.force_login(account)
    page = client.get(reverse("logout"))
    assert page.status_code == 200
    assert b'method="post"' in page.content
    assert client.get(reverse("reporting:dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("reporting:dashboard")).status_code == 302


# --- Cookie flags in production -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def production_cookies():
    script = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps({n: getattr(settings, n) "
        "for n in ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE', 'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT']}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CACHE_URL": "redis://127.0.0.1:6379/15",
    }
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_production_cookies_are_secure_httponly_and_samesite(client, account, production_cookies):
    with override_settings(**production_cookies):
        client.get(reverse("login"), secure=True)
        csrf = client.cookies[settings.CSRF_COOKIE_NAME]
        client.post(reverse("login"), {"username": account.username, "password": PASSWORD}, secure=True)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["samesite"] == "Lax"


# --- CSRF on every POST -------------------------------------------------------------------------


def _all_post_urls(world):
    for route, cases in pm.MATRIX.items():
        for case in cases:
            yield route, case.url(world), case.data(world)
    for route, spec in pm.MACHINA_ROUTES.items():
        yield route, spec.url(world), spec.data(world)


@pytest.mark.parametrize("role", ["anonymous", "kabkota", "province", "reviewer", "moderator"])
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(db, role):
    """Every route of the matrix, as a role that may write to many of them, from a client that checks CSRF."""
    world = pm.world_build()
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(world.users[role])
    failures = []
    for route, url, data in _all_post_urls(world):
        before = pm.fingerprint()
        response = client.post(url, data)
        if response.status_code != 403:
            failures.append(f"{route} {url}: {response.status_code}")
        if pm.fingerprint() != before:
            failures.append(f"{route} {url}: changed protected data")
    assert not failures, "\n".join(failures)


def test_the_csrf_failure_page_is_indonesian(db):
    client = Client(enforce_csrf_checks=True)
    page = client.post(reverse("login"), {"username": "x", "password": "y"}).content.decode()
    assert "Formulir kedaluwarsa" in page and "Formulir tidak dapat dikirim" in page


# --- No open redirect -----------------------------------------------------------------------------


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site(client, account, target):
    url = f"{reverse('login')}?next={quote(target, safe='')}"
    response = client.post(url, {"username": account.username, "password": PASSWORD, "next": target})
    assert response.status_code == 302 and _is_local(response["Location"]), response["Location"]
    again = client.get(url)  # already logged in: redirect_authenticated_user also reads next
    assert again.status_code == 302 and _is_local(again["Location"]), again["Location"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_never_redirects_off_site(client, account, target):
    client.force_login(account)
    response = client.post(f"{reverse('logout')}?next={quote(target, safe='')}", {"next": target})
    assert response.status_code == 302 and _is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("door", ["/_util/login/", "/admin/login/"])
@pytest.mark.parametrize("target", HOSTILE_NEXT[:6])
def test_the_other_login_doors_never_redirect_off_site(client, db, door, target):
    admin = factories.UserFactory(username="redaksi", is_staff=True, is_superuser=True)
    response = client.post(
        f"{door}?next={quote(target, safe='')}", {"username": admin.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and _is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("tab", ["https://evil.example/", "//evil.example", "kegiatan"])
def test_report_workflow_redirects_stay_on_the_report(client, db, tab):
    world = pm.world_build()
    client.force_login(world.users["kabkota"])
    # Send what the check step's form sends: a reason for any empty figures (the draft is incomplete) and a
    # note for each plausibility warning, plus the hostile ``tab`` the redirect must ignore.
    url = reverse("reporting:report_submit", args=[world.draft.pk])
    check = client.get(url)
    assert check.status_code == 200
    data = {f"catatan-{w.pk}": "Angka sudah diperiksa." for w in check.context["warnings"]}
    data.update({check.context["reason_field"]: "Data layanan belum lengkap.", "tab": tab})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(f"/pelaporan/laporan/{world.draft.pk}/")


def test_forum_abuse_report_redirects_back_to_the_post_only(client, db):
    world = pm.world_build()
    client.force_login(world.users["kab_same"])
    response = client.post(
        reverse("forum_abuse_report", args=[world.post.pk]) + "?next=https://evil.example/",
        {"reason": "spam", "next": "https://evil.example/"},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert _is_local(response["Location"]) and "/forum/" in response["Location"]
