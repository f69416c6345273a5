"""A pemda officer's first login: one-time password, forced change, then the dashboard."""

import re

import pytest

from tests import factories
from tests.functional.e2e.conftest import E2E_DB, assert_accessible

pytestmark = E2E_DB

ONE_TIME = "Sekali-pakai-123"
NEW = "Password-baru-kuat-2026"


@pytest.fixture
def officer(db):
    user = factories.PemdaUserFactory(must_change_password=True)
    user.set_password(ONE_TIME)
    user.save()
    return user


def _first_login(page, live_server, officer):
    page.goto(live_server.url + "/login/")
    assert_accessible(page, "halaman login")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(ONE_TIME)
    page.get_by_role("button", name="Login").click()
    page.wait_for_url("**/akun/ganti-password/")
    assert_accessible(page, "ganti password")
    page.get_by_label("Password lama").fill(ONE_TIME)
    page.get_by_label(re.compile(r"^Password baru")).fill(NEW)
    page.get_by_label("Konfirmasi password baru").fill(NEW)
    page.get_by_role("button", name="Simpan password").click()
    page.wait_for_url("**/pelaporan/")


def test_first_login_forces_a_new_password(page, live_server, officer):
    _first_login(page, live_server, officer)
    officer.refresh_from_db()
    assert not officer.must_change_password


def test_first_login_on_a_phone_with_the_keyboard(phone_page, live_server, officer):
    _first_login(phone_page, live_server, officer)
    toggle = phone_page.get_by_role("button", name="Menu")
    toggle.focus()
    phone_page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
