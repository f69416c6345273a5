"""Issue 24.10: Wagtail's "forgot password" e-mail never goes to a pemda or operator account (they get a
one-time password from the ministry or their pemda) and is rate-limited per address for the others."""

import pytest

from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from reporting.messages import PASSWORD_RESET_EMAIL_UNAVAILABLE
from reporting.models import Role
from tests import factories

URL = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_a_pemda_or_operator_account_gets_no_reset_email(db):
    factories.PemdaUserFactory(email="bappeda@jombang.example")
    factories.OperatorUserFactory(email="dinkes@jombang.example")
    for email in ("bappeda@jombang.example", "dinkes@jombang.example"):
        response = Client().post(URL, {"email": email})
        assert response.status_code == 302  # the same answer as for any address: nothing to enumerate
    assert mail.outbox == []


def test_the_form_says_why_pemda_accounts_are_not_mailed(db):
    page = Client().get(URL).content.decode()
    assert PASSWORD_RESET_EMAIL_UNAVAILABLE.split(".")[0] in page


def test_a_ministry_account_still_gets_its_reset_email(db):
    factories.UserFactory(role=Role.REVIEWER, email="reviewer@kemendagri.example")
    assert Client().post(URL, {"email": "reviewer@kemendagri.example"}).status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reviewer@kemendagri.example"]


@override_settings(RATE_LIMIT_PASSWORD_RESET_PER_MINUTE=2)
def test_reset_emails_are_rate_limited_per_address(db):
    factories.UserFactory(role=Role.REVIEWER, email="reviewer@kemendagri.example")
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [client.post(URL, {"email": "reviewer@kemendagri.example"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    refused = client.post(URL, {"email": "reviewer@kemendagri.example"})
    assert "Terlalu banyak permintaan" in refused.content.decode() and int(refused["Retry-After"]) > 0
    assert len(mail.outbox) == 2
    other = Client(REMOTE_ADDR="203.0.113.8").post(URL, {"email": "reviewer@kemendagri.example"})
    assert other.status_code == 302
