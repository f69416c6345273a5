"""Accounts are created and edited in one admin screen, "Akun"; Wagtail's own users screens lead there."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from reporting import messages
from reporting.accounts.services.roles import ROLE_GROUPS, roles_setup
from reporting.models import Role, User
from tests import factories

STRONG = "Kapal-layar-Merapi-73"
AKUN_INDEX = "reporting_user_modeladmin_index"
AKUN_CREATE = "reporting_user_modeladmin_create"


@pytest.fixture
def ministry_admin(db):
    roles_setup()
    return factories.UserFactory(role=Role.MINISTRY_ADMIN)


@pytest.fixture
def admin_client(client, ministry_admin):
    client.force_login(ministry_admin)
    return client


def _account(place, **overrides):
    return {
        "username": place.login_code,
        "first_name": place.name,
        "role": Role.PEMDA,
        "region": place.pk,
        "must_change_password": "on",
        "is_active": "on",
        "password1": STRONG,
        "password2": STRONG,
        **overrides,
    }


def test_wagtail_users_screens_send_the_ministry_admin_to_akun(admin_client, pemda_user):
    """No second edit form: each of Wagtail's users URLs answers with the same action in "Akun"."""
    expected = {
        "/admin/users/": reverse(AKUN_INDEX),
        "/admin/users/new/": reverse(AKUN_CREATE),
        f"/admin/users/edit/{pemda_user.pk}/": reverse("reporting_user_modeladmin_edit", args=[pemda_user.pk]),
        f"/admin/users/delete/{pemda_user.pk}/": reverse("reporting_user_modeladmin_delete", args=[pemda_user.pk]),
    }
    for url, target in expected.items():
        response = admin_client.get(url)
        assert (response.status_code, response["Location"]) == (302, target), url
    edit = admin_client.get(f"/admin/users/edit/{pemda_user.pk}/", follow=True).content.decode()
    assert 'name="role"' in edit and 'name="is_superuser"' not in edit and 'name="groups"' not in edit
    posted = admin_client.post(f"/admin/users/edit/{pemda_user.pk}/", {"username": "diganti", "is_superuser": "on"})
    assert posted.status_code == 302
    pemda_user.refresh_from_db()
    assert pemda_user.username == "3517" and not pemda_user.is_superuser


def test_nothing_in_wagtail_links_to_its_users_screen(client, db):
    """Menu, search areas and the group screen: a superuser, who may open every screen, is offered "Akun"."""
    roles_setup()
    client.force_login(factories.UserFactory(role=Role.MINISTRY_ADMIN, is_superuser=True))
    users_index = reverse("wagtailusers_users:index")
    home = client.get("/admin/").content.decode()
    assert reverse(AKUN_INDEX) in home and f'"{users_index}"' not in home
    search = client.get(reverse("wagtailadmin_pages:search") + "?q=3517")
    assert search.status_code == 200 and users_index not in search.content.decode()  # "other searches" areas
    group = Group.objects.get(name=ROLE_GROUPS[Role.MINISTRY_ADMIN])
    page = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert page.status_code == 200 and users_index not in page.content.decode()


def test_user_bulk_actions_answer_404(admin_client, pemda_user):
    """Wagtail's bulk actions on users (roles, activation, deletion) would edit accounts outside "Akun"."""
    action_types = [
        action.action_type for action in bulk_action_registry.get_bulk_actions_for_model("reporting", "user")
    ]
    assert sorted(action_types) == ["assign_role", "delete", "set_active_state"]
    for action_type in action_types:
        url = reverse("wagtail_bulk_action", args=["reporting", "user", action_type]) + f"?id={pemda_user.pk}"
        assert admin_client.get(url).status_code == 404
        assert admin_client.post(url, {"is_active": "", "role": ""}).status_code == 404
    pemda_user.refresh_from_db()
    assert pemda_user.is_active


def test_akun_creates_a_pemda_account_with_its_role_region_and_a_password_to_change(admin_client, kabkota):
    response = admin_client.post(reverse(AKUN_CREATE), _account(kabkota))
    assert response.status_code == 302, response.content.decode()
    account = User.objects.get(username="3517")
    assert (account.role, account.region, account.must_change_password) == (Role.PEMDA, kabkota, True)
    assert account.check_password(STRONG)
    assert not account.is_superuser and not account.groups.exists()  # a pemda has no admin group


def test_akun_refuses_a_weak_password_with_the_portals_message(admin_client, kabkota):
    weak = "Jombang-2026!"
    response = admin_client.post(reverse(AKUN_CREATE), _account(kabkota, password1=weak, password2=weak))
    assert response.status_code == 200
    assert messages.PASSWORD_REGION_NAME_USED % {"word": "jombang"} in response.content.decode()
    assert not User.objects.filter(username="3517").exists()


def test_akun_has_no_default_password(admin_client, kabkota):
    response = admin_client.post(reverse(AKUN_CREATE), _account(kabkota, password1="", password2=""))
    assert response.status_code == 200
    assert not User.objects.filter(username="3517").exists()


def test_akun_says_the_role_rules_in_its_own_words(admin_client, kabkota, pemda_user):
    without_region = admin_client.post(reverse(AKUN_CREATE), _account(kabkota, username="baru", region=""))
    assert messages.ACCOUNT_REGION_REQUIRED in without_region.content.decode()
    second = admin_client.post(reverse(AKUN_CREATE), _account(kabkota)).content.decode()
    assert messages.ACCOUNT_REGION_TAKEN.format(username=pemda_user.username) in second
    operator = admin_client.post(reverse(AKUN_CREATE), _account(kabkota, username="dinas-pu", role=Role.OPERATOR))
    page = operator.content.decode()
    assert messages.OPERATOR_URUSAN_REQUIRED in page and messages.OPERATOR_PARENT_REQUIRED in page
    assert User.objects.count() == 2  # the pemda and the ministry admin


def test_akun_edits_the_role_without_touching_the_password(admin_client, db):
    reviewer = factories.UserFactory(role=Role.REVIEWER, username="pemeriksa")
    edit = reverse("reporting_user_modeladmin_edit", args=[reviewer.pk])
    assert 'name="password1"' not in admin_client.get(edit).content.decode()
    response = admin_client.post(edit, {"username": "pemeriksa", "role": Role.MINISTRY_ADMIN, "is_active": "on"})
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.role == Role.MINISTRY_ADMIN and reviewer.check_password("Rahasia-uji-123")
    assert list(reviewer.groups.values_list("name", flat=True)) == [ROLE_GROUPS[Role.MINISTRY_ADMIN]]


def test_a_pemda_cannot_open_akun(client, pemda_user):
    client.force_login(pemda_user)
    for url in (reverse(AKUN_INDEX), reverse(AKUN_CREATE), "/admin/users/"):
        assert client.get(url).status_code in (302, 403)
    other = factories.KabKotaFactory()
    response = client.post(reverse(AKUN_CREATE), _account(other))
    assert response.status_code in (302, 403) and not User.objects.filter(region=other).exists()


# --- Issue 24.4: nobody edits or resets an account with more rights than their own ---------------------------


@pytest.fixture
def superuser(db):
    user = factories.UserFactory(username="kepala-pusdatin", role=Role.MINISTRY_ADMIN, is_superuser=True)
    return user


def _edit_data(user, **overrides):
    data = {name: getattr(user, name) or "" for name in ("username", "first_name", "last_name", "email", "role")}
    return {**data, "is_active": "on", **overrides}


def _refused(response):
    """Wagtail's admin answers a refusal with a redirect and a message (its 403 inside the admin)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"].startswith("/admin/"))


def test_a_ministry_admin_cannot_reset_a_superusers_password(admin_client, superuser):
    reset = reverse("reporting_account_reset", args=[superuser.pk])
    assert _refused(admin_client.get(reset))
    page = admin_client.post(reset, follow=True).content.decode()
    assert "hak aksesnya lebih tinggi dari akun Anda" in page
    superuser.refresh_from_db()
    assert superuser.check_password("Rahasia-uji-123") and not superuser.must_change_password


def test_a_ministry_admin_cannot_edit_deactivate_or_delete_a_superuser(admin_client, superuser):
    edit = reverse("reporting_user_modeladmin_edit", args=[superuser.pk])
    assert _refused(admin_client.get(edit))
    assert _refused(admin_client.post(edit, _edit_data(superuser, is_active="", role=Role.REVIEWER)))
    delete = reverse("reporting_user_modeladmin_delete", args=[superuser.pk])
    assert _refused(admin_client.post(delete))
    # Wagtail's own users screens lead to the same refusal
    assert admin_client.get(f"/admin/users/edit/{superuser.pk}/")["Location"] == edit
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.role == Role.MINISTRY_ADMIN


def test_the_akun_list_offers_no_edit_or_reset_of_a_superuser(admin_client, superuser, pemda_user):
    page = admin_client.get(reverse(AKUN_INDEX)).content.decode()
    assert reverse("reporting_account_reset", args=[pemda_user.pk]) in page
    assert reverse("reporting_account_reset", args=[superuser.pk]) not in page
    assert reverse("reporting_user_modeladmin_edit", args=[superuser.pk]) not in page


def test_an_account_with_extra_permissions_is_out_of_reach(admin_client, db):
    from django.contrib.auth.models import Permission

    powerful = factories.UserFactory(username="editor-plus", role=Role.EDITOR)
    powerful.user_permissions.add(Permission.objects.get(codename="add_group"))
    assert _refused(admin_client.post(reverse("reporting_account_reset", args=[powerful.pk])))
    assert not User.objects.get(pk=powerful.pk).must_change_password
    editor = factories.UserFactory(username="editor-biasa", role=Role.EDITOR)
    assert admin_client.post(reverse("reporting_account_reset", args=[editor.pk])).status_code == 200


def test_the_reset_service_refuses_too(ministry_admin, superuser):
    from reporting.accounts.services.accounts import account_password_reset

    with pytest.raises(PermissionError, match="hak aksesnya lebih tinggi"):
        account_password_reset(user=superuser, by=ministry_admin)


def test_a_superuser_manages_a_superuser_and_a_ministry_admin_its_peers(client, superuser, ministry_admin, db):
    other = factories.UserFactory(username="admin-lain", role=Role.MINISTRY_ADMIN)
    client.force_login(ministry_admin)
    assert client.post(reverse("reporting_account_reset", args=[other.pk])).status_code == 200
    client.force_login(superuser)
    other_super = factories.UserFactory(username="super-lain", is_superuser=True)
    assert client.post(reverse("reporting_account_reset", args=[other_super.pk])).status_code == 200


def test_role_rank_and_grants(superuser, ministry_admin):
    from reporting.selectors.access import can_grant_role, can_manage_account

    assert can_grant_role(ministry_admin, Role.MINISTRY_ADMIN) and can_grant_role(ministry_admin, Role.EDITOR)
    assert not can_manage_account(ministry_admin, superuser)
    assert can_manage_account(superuser, ministry_admin)
    reviewer = factories.UserFactory(username="reviewer-x", role=Role.REVIEWER)
    assert not can_manage_account(reviewer, factories.PemdaUserFactory())  # no account permission at all
