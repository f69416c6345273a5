"""The Token API pages: a token is shown once, stored hashed, and revoking it ends its use."""

import hashlib
import re

import pytest

from django.urls import reverse

from reporting.accounts.models import ApiToken, ApiTokenKind

from .conftest import Api

pytestmark = pytest.mark.django_db


def test_a_pemda_creates_a_token_sees_it_once_and_revokes_it(client, api_world):
    client.force_login(api_world["pemda_a"])
    response = client.post(reverse("api_token_list"), {"name": "Dapodik", "days": "30"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r"<code>(spm_[^<]+)</code>", response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert (token.kind, token.region, token.urusan) == (ApiTokenKind.PEMDA, api_world["kab_a"], None)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"spm_{token.prefix}_") and secret not in str(ApiToken.objects.values())
    assert secret not in client.get(reverse("api_token_list")).content.decode()  # shown once
    assert Api(client, secret).get("/urusan").status_code == 200
    client.post(reverse("api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Api(client, secret).get("/urusan").status_code == 401


def test_the_ministry_issues_read_only_tokens_and_bad_input_gets_an_indonesian_message(client, api_world):
    client.force_login(api_world["ministry"])
    page = client.post(reverse("api_token_list"), {"name": "", "days": "999"}).content.decode()
    assert "harus diisi" in page
    assert "lebih kecil dari atau sama dengan 365" in page
    assert not ApiToken.objects.exists()
    client.post(reverse("api_token_list"), {"name": "SIPD", "days": "90"})
    assert ApiToken.objects.get().kind == ApiTokenKind.MINISTRY


def test_another_pemda_cannot_revoke_a_token(client, api_world):
    client.force_login(api_world["pemda_a"])
    client.post(reverse("api_token_list"), {"name": "Dapodik", "days": "30"})
    token = ApiToken.objects.get()
    client.force_login(api_world["pemda_b"])
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
