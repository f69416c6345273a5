"""The lockout follows the attacker, not the victim (django-axes, reporting/accounts/lockout.py)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from django.test import Client, override_settings
from django.urls import reverse

from reporting.accounts.services.roles import roles_setup
from reporting.models import Role
from tests import factories

PASSWORD = "Rahasia-uji-123"
ATTACKER = "198.51.100.66"
PEMDA_OFFICE = "203.0.113.10"


@pytest.fixture
def account(db):
    return factories.PemdaUserFactory()


def _post(client, username, password, address, door="/login/"):
    return client.post(door, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(LOGIN_MAX_FAILURES=5)
def test_five_anonymous_failures_from_one_address_do_not_lock_the_pemda_at_another(account):
    attacker = Client()
    for _ in range(5):
        _post(attacker, account.username, "tebakan", ATTACKER)
    assert _post(attacker, account.username, PASSWORD, ATTACKER).status_code == 429
    pemda = Client()
    response = _post(pemda, account.username, PASSWORD, PEMDA_OFFICE)
    assert response.status_code == 302 and "_auth_user_id" in pemda.session


@override_settings(LOGIN_MAX_FAILURES=5, LOGIN_MAX_FAILURES_PER_IP=10)
def test_one_address_trying_many_usernames_is_locked_across_them(db):
    victim = factories.PemdaUserFactory()
    attacker = Client()
    for code in range(10):
        _post(attacker, f"35{code:02d}", "tebakan", ATTACKER)  # two failures or fewer per username
    response = _post(attacker, victim.username, PASSWORD, ATTACKER)
    assert response.status_code == 429 and "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert _post(Client(), victim.username, PASSWORD, PEMDA_OFFICE).status_code == 302


@pytest.mark.parametrize("door", ["/login/", "/admin/login/", "/_util/login/"])
@override_settings(LOGIN_MAX_FAILURES=3)
def test_attempts_during_a_lock_are_not_counted(client, account, door):
    account.is_staff = True
    account.save()
    for _ in range(3):
        _post(client, account.username, "salah", ATTACKER)
    counted = AccessAttempt.objects.get().failures_since_start
    for _ in range(3):
        assert _post(client, account.username, PASSWORD, ATTACKER, door).status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == counted == 3
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_MAX_FAILURES=5)
def test_a_successful_login_keeps_the_failure_records(client, account):
    for _ in range(2):
        _post(client, account.username, "salah", PEMDA_OFFICE)
    assert _post(client, account.username, PASSWORD, PEMDA_OFFICE).status_code == 302
    assert AccessAttempt.objects.filter(username=account.username).get().failures_since_start == 2
    assert AccessFailureLog.objects.filter(username=account.username).count() == 2
    assert AccessLog.objects.filter(username=account.username, ip_address=PEMDA_OFFICE).count() == 1


@override_settings(LOGIN_MAX_FAILURES=3)
def test_the_ministry_sees_the_lock_in_the_admin_and_lifts_it(account):
    roles_setup()
    pemda = Client()
    for _ in range(3):
        _post(pemda, account.username, "salah", PEMDA_OFFICE)
    admin = Client()
    admin.force_login(factories.UserFactory(role=Role.MINISTRY_ADMIN))
    listing = admin.get("/admin/axes/accessattempt/").content.decode()
    assert account.username in listing and "Buka kunci" in listing
    failures = admin.get("/admin/axes/accessfailurelog/?locked_out__exact=0").content.decode()
    assert account.username in failures
    lift = reverse("reporting_login_lock_lift", args=[AccessAttempt.objects.get().pk])
    assert admin.post(lift).status_code == 302
    assert _post(pemda, account.username, PASSWORD, PEMDA_OFFICE).status_code == 302
    assert AccessFailureLog.objects.filter(username=account.username).count() == 3  # the trail stays


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_reviewer_cannot_lift_a_lock(account):
    roles_setup()
    for _ in range(3):
        _post(Client(), account.username, "salah", PEMDA_OFFICE)
    reviewer = Client()
    reviewer.force_login(factories.UserFactory(role=Role.REVIEWER))
    lift = reverse("reporting_login_lock_lift", args=[AccessAttempt.objects.get().pk])
    assert reviewer.post(lift).status_code in (302, 403)
    assert AccessAttempt.objects.exists()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_password_reset_lifts_the_lock(account):
    from reporting.accounts.services.accounts import account_password_reset

    for _ in range(3):
        _post(Client(), account.username, "salah", PEMDA_OFFICE)
    account_password_reset(user=account)
    assert not AccessAttempt.objects.exists()


@override_settings(LOGIN_MAX_FAILURES=2, TRUSTED_PROXY_COUNT=1)
def test_behind_the_load_balancer_the_lock_counts_the_forwarded_client(account):
    def via_proxy(client_address, password):
        return Client().post(
            "/login/",
            {"username": account.username, "password": password},
            REMOTE_ADDR="10.0.0.7",
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _ in range(2):
        via_proxy(ATTACKER, "salah")
    assert via_proxy(ATTACKER, PASSWORD).status_code == 429
    assert via_proxy(PEMDA_OFFICE, PASSWORD).status_code == 302
