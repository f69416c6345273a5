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
