"""Pemda accounts: one each, own random one-time password, distribution workbook, resets."""

import io

import pytest
from openpyxl import load_workbook

from django.core.exceptions import ValidationError
from django.core.management import call_command

from reporting.accounts.services.accounts import account_password_reset, operator_create, password_generate
from reporting.messages import (
    ACCOUNT_REGION_REQUIRED,
    ONE_PEMDA_ACCOUNT_PER_REGION,
    OPERATOR_URUSAN_AND_PARENT_REQUIRED,
    OPERATOR_USERNAME_TAKEN,
)
from reporting.models import Role, User
from tests import factories


def test_generated_passwords_are_long_mixed_and_different():
    passwords = {password_generate() for _ in range(200)}
    assert len(passwords) == 200
    assert all(len(p) >= 14 and any(c.isdigit() for c in p) and any(c.isalpha() for c in p) for p in passwords)


@pytest.mark.django_db
def test_create_pemda_accounts_gives_each_region_its_own_one_time_password(tmp_path):
    province = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    for n in range(1, 4):
        factories.KabKotaFactory(code=f"35.{n:02d}", province=province)
    output = tmp_path / "akun.xlsx"

    call_command("create_pemda_accounts", output=output)

    sheet = load_workbook(output).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4
    usernames = [r[3] for r in rows]
    passwords = [r[4] for r in rows]
    assert sorted(usernames) == ["3500", "3501", "3502", "3503"]
    assert len(set(passwords)) == 4 and "admin" not in passwords
    for username, password in zip(usernames, passwords, strict=True):
        user = User.objects.get(username=username)
        assert user.role == Role.PEMDA and user.must_change_password
        assert user.check_password(password)


@pytest.mark.django_db
def test_running_again_keeps_existing_passwords_unless_reset(tmp_path):
    region = factories.KabKotaFactory()
    call_command("create_pemda_accounts", output=tmp_path / "a.xlsx")
    first = User.objects.get(region=region).password
    call_command("create_pemda_accounts", output=tmp_path / "b.xlsx")
    assert User.objects.get(region=region).password == first
    assert load_workbook(tmp_path / "b.xlsx").active.max_row == 1
    call_command("create_pemda_accounts", output=tmp_path / "c.xlsx", reset=True)
    assert User.objects.get(region=region).password != first


@pytest.mark.django_db
def test_password_reset_forces_change_and_lifts_the_lock(pemda_user):
    from axes.models import AccessAttempt, AccessFailureLog

    AccessAttempt.objects.create(username=pemda_user.username, ip_address="198.51.100.1", failures_since_start=5)
    AccessFailureLog.objects.create(username=pemda_user.username, ip_address="198.51.100.1")
    password = account_password_reset(user=pemda_user)
    pemda_user.refresh_from_db()
    assert pemda_user.check_password(password) and pemda_user.must_change_password
    assert not AccessAttempt.objects.filter(username=pemda_user.username).exists()
    assert AccessFailureLog.objects.filter(username=pemda_user.username).exists()  # the audit trail stays


@pytest.mark.django_db
def test_operator_is_bound_to_parent_region_and_one_urusan(pemda_user):
    urusan = factories.UrusanFactory()
    issued = operator_create(parent=pemda_user, username="dinkes", urusan=urusan, full_name="Dinas Kesehatan")
    operator = User.objects.get(username="dinkes")
    assert (operator.role, operator.region, operator.urusan, operator.parent) == (
        Role.OPERATOR,
        pemda_user.region,
        urusan,
        pemda_user,
    )
    assert operator.check_password(issued.password) and operator.must_change_password
    with pytest.raises(ValueError, match=OPERATOR_USERNAME_TAKEN):
        operator_create(parent=pemda_user, username="DINKES", urusan=urusan)


def test_accounts_workbook_has_a_header_row():
    from reporting.accounts.services.accounts import accounts_workbook

    sheet = load_workbook(io.BytesIO(accounts_workbook([]))).active
    assert [c.value for c in sheet[1]] == [
        "Kode wilayah",
        "Nama wilayah",
        "Tingkat",
        "Username",
        "Password sekali pakai",
    ]


@pytest.mark.django_db
def test_role_groups_follow_the_role():
    from reporting.accounts.services.roles import roles_setup

    roles_setup()
    editor = factories.UserFactory(role=Role.EDITOR)
    assert editor.has_perm("wagtailadmin.access_admin")
    editor.role = Role.REVIEWER
    editor.save()
    editor = User.objects.get(pk=editor.pk)
    assert list(editor.groups.values_list("name", flat=True)) == ["Reviewer Kementerian"]
    pemda = factories.PemdaUserFactory()
    assert not pemda.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_the_user_constraints_refuse_in_indonesian():
    """validate_constraints (the admin's full_clean) says the database rule in the portal's words."""
    pemda = factories.PemdaUserFactory()
    cases = [
        (User(username="tanpa-wilayah", role=Role.PEMDA), ACCOUNT_REGION_REQUIRED),
        (
            User(username="operator-lepas", role=Role.OPERATOR, region=pemda.region),
            OPERATOR_URUSAN_AND_PARENT_REQUIRED,
        ),
        (User(username="pemda-kedua", role=Role.PEMDA, region=pemda.region), ONE_PEMDA_ACCOUNT_PER_REGION),
    ]
    for user, message in cases:
        with pytest.raises(ValidationError) as caught:
            user.validate_constraints()
        assert caught.value.messages == [message]


@pytest.mark.parametrize("username", ["9101", "35.17", "kemendagri", "Moderator_Forum", "admin.pusat", "ReViewer1"])
def test_region_codes_and_staff_like_names_are_reserved_for_operators(client, pemda_user, username):
    """Issue 24.10: a pemda cannot name an operator 9101, kemendagri or Moderator_Forum."""
    urusan = factories.UrusanFactory()
    with pytest.raises(ValueError, match="tidak dapat dipakai"):
        operator_create(parent=pemda_user, username=username, urusan=urusan)
    client.force_login(pemda_user)
    page = client.post(
        "/pelaporan/operator/", {"username": username, "full_name": "Dinas", "urusan": urusan.pk}
    ).content.decode()
    assert "tidak dapat dipakai" in page
    assert not User.objects.filter(username__iexact=username).exists()


def test_a_region_login_code_with_letters_is_reserved_too(pemda_user):
    factories.KabKotaFactory(code="35.99", login_code="kotax1")
    with pytest.raises(ValueError, match="tidak dapat dipakai"):
        operator_create(parent=pemda_user, username="KOTAX1", urusan=factories.UrusanFactory())
