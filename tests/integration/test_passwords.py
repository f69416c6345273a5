"""Password rules (issue 13): the region's name and code, the username, the current password and common
Indonesian passwords are refused with Indonesian messages; a strong password passes."""

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting.messages import (
    PASSWORD_COMMON_ID,
    PASSWORD_REGION_CODE_USED,
    PASSWORD_REGION_NAME_USED,
    PASSWORD_SAME_AS_CURRENT,
)
from tests import factories

PASSWORD = "Rahasia-uji-123"


@pytest.fixture
def jombang(db):
    region = factories.KabKotaFactory(code="35.17", login_code="3517", name="Kabupaten Jombang")
    return factories.PemdaUserFactory(region=region)


def _refusal(password, user):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return " ".join(refused.value.messages)


@pytest.mark.parametrize("password", ["Jombang2026", "jombang-kita-2026", "JOMBANG!!12345"])
def test_the_region_name_is_refused(jombang, password):
    assert PASSWORD_REGION_NAME_USED.split("(")[0] in _refusal(password, jombang)


@pytest.mark.parametrize("password", ["Kabupaten1", "Kabupaten2026!", "Pemkab#2026x"])
def test_the_region_type_words_are_refused(jombang, password):
    assert PASSWORD_REGION_NAME_USED.split("(")[0] in _refusal(password, jombang)


@pytest.mark.parametrize("password", ["35173517", "x3517x3517x!", "a35.17-Zq8wLm"])
def test_the_region_code_and_the_username_twice_are_refused(jombang, password):
    assert PASSWORD_REGION_CODE_USED in _refusal(password, jombang)


def test_an_operator_username_twice_is_refused(db):
    operator = factories.OperatorUserFactory(username="dinkes.jbg")
    assert PASSWORD_REGION_CODE_USED in _refusal("dinkes.jbgdinkes.jbg", operator)


def test_the_current_password_is_refused(jombang):
    jombang.set_password("Tx8-qLm2-Vw9z")
    jombang.save()
    assert PASSWORD_SAME_AS_CURRENT in _refusal("Tx8-qLm2-Vw9z", jombang)


@pytest.mark.parametrize("password", ["rahasia", "Bismillah2026!", "indonesiaraya", "sayangku123", "merdeka45!!"])
def test_common_indonesian_passwords_are_refused(jombang, password):
    assert PASSWORD_COMMON_ID.split("(")[0] in _refusal(password, jombang)


def test_a_strong_password_passes(jombang):
    validate_password("Tx8-qLm2-Vw9z", jombang)


def test_the_password_change_page_shows_the_reason_in_indonesian(client, jombang):
    client.force_login(jombang)
    page = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Jombang2026", "new_password2": "Jombang2026"},
    ).content.decode()
    jombang.refresh_from_db()
    assert jombang.check_password(PASSWORD)
    assert "Password tidak boleh memuat nama atau jenis wilayah Anda (jombang)" in page


# --- Issue 24.10: the province, the portal's words, patterns, previous passwords ---------------------------


@pytest.fixture
def jember(db):
    province = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    region = factories.KabKotaFactory(code="35.09", login_code="3509", name="Kabupaten Jember", province=province)
    return factories.PemdaUserFactory(region=region)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Jatim2026!!x", PASSWORD_REGION_NAME_USED.split("(")[0]),  # the province as it is shortened
        ("JawaTimur-77q", PASSWORD_REGION_NAME_USED.split("(")[0]),  # the province's name
        ("SPM2026spm2026", "nama aplikasi atau instansi"),
        ("Kemendagri#2026", "nama aplikasi atau instansi"),
        ("aaaaaaaaaaA1", "pola yang mudah ditebak"),
        ("Xq7Lm-Xq7Lm-Xq7Lm", "pola yang mudah ditebak"),
        ("Rz!123456789", "pola yang mudah ditebak"),
        ("qwertyuiop!9Z", "pola yang mudah ditebak"),
    ],
)
def test_jembers_account_refuses_the_province_the_portal_and_patterns(jember, password, message):
    assert message in _refusal(password, jember)


def test_patterns_are_refused_without_an_account():
    with pytest.raises(ValidationError):
        validate_password("aaaaaaaaaaA1")


def test_a_strong_password_still_passes_for_jember(jember):
    validate_password("Tx8-qLm2-Vw9z", jember)


def test_generated_passwords_pass_the_pattern_rule():
    from reporting.accounts.passwords import password_pattern
    from reporting.accounts.services.accounts import password_generate

    assert all(password_pattern(password_generate()) is None for _ in range(300))


def test_the_distributed_one_time_password_cannot_come_back(client, jember):
    from reporting.accounts.services.accounts import account_password_reset

    one_time = account_password_reset(user=jember)
    client.force_login(jember)
    changed = client.post(
        reverse("password_change"),
        {"old_password": one_time, "new_password1": "Tx8-qLm2-Vw9z", "new_password2": "Tx8-qLm2-Vw9z"},
    )
    assert changed.status_code == 302
    page = client.post(
        reverse("password_change"),
        {"old_password": "Tx8-qLm2-Vw9z", "new_password1": one_time, "new_password2": one_time},
    ).content.decode()
    jember.refresh_from_db()
    assert jember.check_password("Tx8-qLm2-Vw9z")
    assert "Password ini pernah Anda pakai" in page


def test_the_last_five_passwords_are_refused_the_sixth_back_is_allowed(jember):
    from reporting.accounts.models import PasswordHistory

    passwords = [f"Tx8-qLm{n}-Vw9z" for n in range(2, 9)]
    for password in passwords:
        validate_password(password, jember)
        jember.set_password(password)
        jember.save()
    assert PasswordHistory.objects.filter(user=jember).count() == 5
    for old in passwords[-6:-1]:
        assert "Password ini pernah Anda pakai" in _refusal(old, jember)
    validate_password(passwords[0], jember)  # older than the five kept
