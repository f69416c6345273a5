"""The Wagtail admin speaks Indonesian: every menu item, for every role that reaches the admin, including the
ones Wagtail 8.0's own id_ID catalogue leaves in English (Reports, Help, Workflows, Locked pages...), which
the project's catalogue in locale/ fills."""

import json
import re
from pathlib import Path

import pytest

from django.urls import reverse

import wagtail

from home.services import editorial_setup, site_structure_ensure
from reporting.accounts.services.roles import roles_setup, user_groups_sync
from reporting.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Rahasia-uji-123"  # tests.factories.UserFactory's


def wagtail_english_msgids() -> set[str]:
    """Every one-line English source text of Wagtail's catalogues (menu labels are all one line)."""
    found = set()
    for catalogue in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        found.update(re.findall(r'^msgid "(.+)"$', catalogue.read_text(encoding="utf-8"), flags=re.MULTILINE))
    return found


def sidebar_groups(html: str) -> list[list[str]]:
    """The labels a user reads side by side: the main menu with the account menu at its foot (one list),
    then the items of each submenu (one list each)."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    top: list[str] = []
    groups: list[list[str]] = [top]

    def walk(node, group):
        if isinstance(node, dict):
            if node.get("_type", "").endswith("Item"):
                group.append(node["_args"][0]["label"])
                if node["_type"].endswith("SubMenuItem"):
                    group = []
                    groups.append(group)
            for value in node.values():
                walk(value, group)
        elif isinstance(node, list):
            for value in node:
                walk(value, group)

    walk(json.loads(props.group(1)), top)
    return groups


def sidebar_labels(html: str) -> list[str]:
    """The labels of the admin's sidebar menu (Wagtail renders it from JSON props), submenus included."""
    return [label for group in sidebar_groups(html) for label in group]


@pytest.fixture
def cms(db):
    roles_setup()
    editorial_setup(site_structure_ensure())


def _admin_user(role, **extra):
    user = factories.UserFactory(role=role, **extra)
    user_groups_sync(user)
    return user


def _login_and_read_menu(client, user) -> list[str]:
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    labels = sidebar_labels(client.get(reverse("wagtailadmin_home")).content.decode())
    assert labels
    return labels


def test_an_editor_logs_into_the_admin_and_reads_every_menu_item_in_indonesian(client, cms):
    labels = _login_and_read_menu(client, _admin_user(Role.EDITOR))

    for indonesian in ("Halaman", "Gambar", "Dokumen", "Laporan konten", "Alur kerja", "Riwayat situs"):
        assert indonesian in labels
    for english in ("Reports", "Help", "Workflows", "Workflow tasks", "Site history", "Aging pages", "Editor Guide"):
        assert english not in labels
    assert "Bantuan" in labels and "Panduan editor" in labels and "Pintasan keyboard" in labels
    assert "Pengaturan portal" in labels  # the logo and the SIPD link are the editor's to change


@pytest.mark.parametrize(
    ("role", "extra"),
    [
        (Role.EDITOR, {}),
        (Role.MINISTRY_ADMIN, {}),
        (Role.MINISTRY_ADMIN, {"is_superuser": True}),  # the demo's adminkemendagri: every menu there is
        (Role.REVIEWER, {}),
        (Role.MODERATOR, {}),
    ],
    ids=["editor", "ministry admin", "superuser", "reviewer", "moderator"],
)
def test_no_menu_item_of_any_role_is_left_in_english(client, cms, role, extra):
    labels = _login_and_read_menu(client, _admin_user(role, **extra))
    english = wagtail_english_msgids() - {"Status"}  # words the two languages share

    assert [label for label in labels if label in english] == []


def test_the_superusers_menu_names_the_locked_pages_and_every_setting_in_indonesian(client, cms):
    labels = _login_and_read_menu(client, _admin_user(Role.MINISTRY_ADMIN, is_superuser=True))

    for indonesian in ("Halaman terkunci", "Usia halaman", "Pemakaian jenis halaman", "Kata pencarian", "Pengaturan"):
        assert indonesian in labels
    assert "Locked pages" not in labels and "Settings" not in labels and "Snippets" not in labels
    page = client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()
    assert "<title>Halaman terkunci" in page


def test_the_admins_javascript_texts_are_indonesian_too(client, cms):
    _login_and_read_menu(client, _admin_user(Role.EDITOR))

    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    assert '"Toggle sidebar": "Buka/tutup bilah samping"' in catalogue
    assert '"Main menu": "Menu utama"' in catalogue


@pytest.mark.parametrize(
    ("role", "extra"),
    [(Role.MINISTRY_ADMIN, {}), (Role.MINISTRY_ADMIN, {"is_superuser": True}), (Role.EDITOR, {})],
    ids=["ministry admin", "superuser", "editor"],
)
def test_no_two_items_of_one_menu_share_a_label(client, cms, role, extra):
    """The account screen ("Kelola akun") is not a second "Akun" beside Wagtail's own account menu, and no
    submenu holds two items of one name."""
    _login_and_read_menu(client, _admin_user(role, **extra))
    groups = sidebar_groups(client.get(reverse("wagtailadmin_home")).content.decode())

    assert "Akun" in groups[0]  # Wagtail's own account menu
    assert [sorted({label for label in group if group.count(label) > 1}) for group in groups] == [[]] * len(groups)
