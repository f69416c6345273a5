"""Login by kode wilayah, lockout, forced password change, logout, old codes."""

from pathlib import Path

import pytest

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from reporting.accounts.selectors import REPORTS_THROUGH_PROVINCE
from reporting.models import RegionCodeChange
from tests import factories

PASSWORD = "Rahasia-uji-123"


@pytest.fixture
def account(db):
    return factories.PemdaUserFactory()


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_looks_like_the_seed(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Login Pengguna" in page and 'placeholder="Kode Wilayah"' in page
    assert 'type="reset"' in page and ">Login<" in page


def test_login_and_logout(client, account):
    response = _login(client, account.username)
    assert response.status_code == 302 and response["Location"] == reverse("reporting:dashboard")
    assert client.get(reverse("reporting:dashboard")).status_code == 200
    logout = client.post(reverse("logout"))
    assert logout.status_code == 302
    assert client.get(reverse("reporting:dashboard")).status_code == 302


def test_wrong_password_says_so_in_indonesian(client, account):
    response = _login(client, account.username, "salah")
    assert "Kode wilayah atau password salah" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_repeated_failures_lock_the_account_even_with_the_right_password(client, account):
    for _ in range(3):
        _login(client, account.username, "salah")
    response = _login(client, account.username)
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_MAX_FAILURES=3)
def test_lock_expires_after_the_window(client, account):
    from datetime import timedelta

    from axes.models import AccessAttempt

    from django.utils import timezone

    for _ in range(3):
        _login(client, account.username, "salah")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, account.username).status_code == 302


def test_one_time_password_must_be_changed_first(client, account):
    account.must_change_password = True
    account.save()
    _login(client, account.username)
    response = client.get(reverse("reporting:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    weak = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    new = "Kuat-dan-panjang-2026"
    done = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    account.refresh_from_db()
    assert not account.must_change_password and account.check_password(new)
    assert client.get(reverse("reporting:dashboard")).status_code == 200


def test_old_region_code_tells_the_new_one(client, db):
    region = factories.KabKotaFactory(code="93.01", login_code="9301", name="Kabupaten Merauke")
    RegionCodeChange.objects.create(old_login_code="9101", region=region)
    response = _login(client, "9101", "apa-saja")
    assert "Kode wilayah 9101 sudah berubah menjadi 9301" in response.content.decode()


def test_login_ignores_an_offsite_next(client, account):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": account.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("reporting:dashboard")


def test_pemda_cannot_open_the_admin(client, account):
    _login(client, account.username)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login" in response.get("Location", "/admin/login")


def test_ministry_admin_resets_a_password_from_the_admin(client, account):
    from reporting.accounts.services.roles import roles_setup
    from reporting.models import Role

    roles_setup()
    admin = factories.UserFactory(role=Role.MINISTRY_ADMIN)
    client.force_login(admin)
    url = reverse("reporting_account_reset", args=[account.pk])
    assert client.get(url).status_code == 200
    page = client.post(url).content.decode()
    account.refresh_from_db()
    assert account.must_change_password and not account.check_password(PASSWORD)
    assert "Password sekali pakai baru" in page


def test_reviewer_cannot_reset_passwords(client, account):
    from reporting.accounts.services.roles import roles_setup
    from reporting.models import Role

    roles_setup()
    client.force_login(factories.UserFactory(role=Role.REVIEWER))
    response = client.post(reverse("reporting_account_reset", args=[account.pk]))
    assert response.status_code in (302, 403)
    account.refresh_from_db()
    assert account.check_password(PASSWORD) and not account.must_change_password


@pytest.mark.parametrize("code", ["3101", "3171", "3175"])
def test_a_dki_administrative_city_is_told_to_log_in_as_the_province(client, db, code):
    response = _login(client, code, "apa-saja")
    page = response.content.decode()
    assert f"Kode {code} adalah wilayah administrasi DKI Jakarta" in page
    assert "Silakan masuk dengan kode 3100" in page
    assert "Kode wilayah atau password salah" not in page


def test_the_administrative_cities_match_the_registry_list():
    rows = (Path(settings.BASE_DIR) / "fixtures/regions/non_autonomous.csv").read_text().splitlines()[1:]
    assert set(REPORTS_THROUGH_PROVINCE) == {row.split(",")[0].replace(".", "") for row in rows}


def test_logout_by_get_offers_a_button_and_logout_says_so(client, account):
    client.force_login(account)
    page = client.get(reverse("logout"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in html and ">Keluar</button>" in html
    assert client.get(reverse("reporting:dashboard")).status_code == 200  # still signed in
    done = client.post(reverse("logout"), follow=True)
    assert "Anda telah keluar." in done.content.decode()
    assert client.get(reverse("reporting:dashboard")).status_code == 302
