import pytest

from reporting.accounts.models import ApiTokenKind
from reporting.accounts.services.api_tokens import api_token_create
from reporting.models import Role
from tests import factories

YEAR = 2026


class Api:
    """The test client with a token: ``api.get("/laporan")`` etc. (paths under /api/v1)."""

    def __init__(self, client, secret):
        self.client, self.secret = client, secret

    def _headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self._headers())

    def post(self, path, body):
        return self.client.post(f"/api/v1{path}", body, content_type="application/json", **self._headers())


@pytest.fixture
def api_world(db):
    """Province P with kab/kota A (the one filing) and B; three urusan with a small catalogue; TW I open."""
    regions = factories.seed_world(provinces=1, kabkota_per_province=2, years=[YEAR], urusan=3)
    province, kab_a, kab_b = regions
    from reporting.models import Period

    Period.objects.filter(year=YEAR, quarter=1).update(
        opens_at=factories.timezone.now() - factories.datetime.timedelta(days=5),
        closes_at=factories.timezone.now() + factories.datetime.timedelta(days=5),
    )
    return {
        "province": province,
        "kab_a": kab_a,
        "kab_b": kab_b,
        "pemda_a": factories.PemdaUserFactory(region=kab_a, must_change_password=False),
        "pemda_b": factories.PemdaUserFactory(region=kab_b, must_change_password=False),
        "pemda_p": factories.PemdaUserFactory(region=province, must_change_password=False),
        "ministry": factories.UserFactory(role=Role.MINISTRY_ADMIN),
    }


def issue(user, *, kind=ApiTokenKind.PEMDA, urusan=None, days=30):
    region = user.region if kind == ApiTokenKind.PEMDA else None
    return api_token_create(user=user, name="Sistem uji", kind=kind, days=days, region=region, urusan=urusan).secret


@pytest.fixture
def pemda_api(client, api_world):
    return Api(client, issue(api_world["pemda_a"]))


@pytest.fixture
def ministry_api(client, api_world):
    return Api(client, issue(api_world["ministry"], kind=ApiTokenKind.MINISTRY))
