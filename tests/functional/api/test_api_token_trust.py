"""Issue 24.3: a token works only while its owner is active and keeps the role it was issued with;
deactivating an account or changing its role revokes its tokens and ends its sessions. Issue 24.10: failed
token authentications are limited per address."""

import pytest

from reporting.accounts.models import ApiToken, ApiTokenKind
from reporting.models import Role, User

from .conftest import Api, issue

pytestmark = pytest.mark.django_db


def _ministry_reader(client, api_world, role=Role.REVIEWER):
    reviewer = User.objects.create(username="reviewer-api", role=role)
    return reviewer, Api(client, issue(reviewer, kind=ApiTokenKind.MINISTRY))


def test_a_deactivated_reviewers_token_stops_and_is_revoked(client, api_world):
    reviewer, api = _ministry_reader(client, api_world)
    assert api.get("/laporan").status_code == 200
    reviewer.is_active = False
    reviewer.save()
    assert api.get("/laporan").status_code == 401
    token = ApiToken.objects.get(created_by=reviewer)
    assert token.revoked_at is not None
    reviewer.is_active = True  # reactivation does not bring a revoked token back
    reviewer.save()
    assert api.get("/laporan").status_code == 401


@pytest.mark.parametrize("new_role", [Role.EDITOR, Role.MODERATOR, Role.MINISTRY_ADMIN])
def test_a_role_change_revokes_the_owners_tokens(client, api_world, new_role):
    reviewer, api = _ministry_reader(client, api_world)
    reviewer.role = new_role
    reviewer.save()
    assert api.get("/laporan").status_code == 401
    assert ApiToken.objects.get(created_by=reviewer).revoked_at is not None


def test_a_token_whose_owner_lost_its_role_without_a_save_signal_does_not_work(client, api_world):
    """Even a change written past the model (a bulk update, a shell) leaves the token dead: the owner's role
    is compared with the role the token was issued with on every request."""
    reviewer, api = _ministry_reader(client, api_world)
    User.objects.filter(pk=reviewer.pk).update(role=Role.EDITOR)
    assert api.get("/laporan").status_code == 401
    User.objects.filter(pk=reviewer.pk).update(role=Role.REVIEWER, is_active=False)
    assert api.get("/laporan").status_code == 401


def test_a_pemda_token_stops_when_its_account_is_deactivated(client, api_world):
    pemda = api_world["pemda_a"]
    api = Api(client, issue(pemda))
    assert api.get("/laporan").status_code == 200
    pemda.is_active = False
    pemda.save()
    assert api.get("/laporan").status_code == 401
    assert ApiToken.objects.get(created_by=pemda).revoked_at is not None


def test_other_accounts_tokens_and_unrelated_saves_keep_working(client, api_world):
    reviewer, api = _ministry_reader(client, api_world)
    pemda_api = Api(client, issue(api_world["pemda_b"]))
    api_world["pemda_a"].is_active = False
    api_world["pemda_a"].save()
    reviewer.first_name = "Nama baru"
    reviewer.save()
    assert api.get("/laporan").status_code == 200
    assert pemda_api.get("/laporan").status_code == 200


@pytest.mark.parametrize("change", ["deactivate", "role"])
def test_deactivation_or_a_role_change_ends_the_accounts_sessions(client, api_world, change):
    admin = api_world["ministry"]
    client.force_login(admin)
    assert client.get("/akun/token-api/").status_code == 200
    if change == "deactivate":
        admin.is_active = False
    else:
        admin.role = Role.REVIEWER
    admin.save()
    response = client.get("/akun/token-api/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_session_survives_a_save_that_changes_no_right(client, api_world):
    admin = api_world["ministry"]
    client.force_login(admin)
    admin.first_name = "Admin"
    admin.save()
    assert client.get("/akun/token-api/").status_code == 200


def test_failed_token_authentications_are_limited_per_address(client, api_world, settings):
    settings.API_AUTH_FAILURES_PER_MINUTE = 3
    good = Api(client, issue(api_world["pemda_a"]))
    for n in range(3):
        assert Api(client, f"spm_{n:010d}_tebakan").get("/laporan").status_code == 401
    response = Api(client, "spm_9999999999_tebakan").get("/laporan")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Terlalu banyak token yang salah")
    # the address is refused before any lookup, even with a good token, until the minute is over
    assert good.get("/laporan").status_code == 429
    other = client.get("/api/v1/laporan", HTTP_AUTHORIZATION=f"Bearer {good.secret}", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200
