"""Scoping of every role, decided only in reporting.selectors.access."""

import pytest

from django.contrib.auth.models import AnonymousUser

from reporting.models import ReportStatus, Role
from reporting.selectors import access
from tests import factories


@pytest.fixture
def world(db):
    jatim = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    jabar = factories.ProvinceFactory(code="32", login_code="3200", name="Jawa Barat")
    jombang = factories.KabKotaFactory(code="35.17", province=jatim)
    surabaya = factories.KabKotaFactory(code="35.78", province=jatim)
    bogor = factories.KabKotaFactory(code="32.71", province=jabar)
    kesehatan, pendidikan = factories.UrusanFactory(code="1.02"), factories.UrusanFactory(code="1.01")
    period = factories.PeriodFactory()
    users = {
        "jombang": factories.PemdaUserFactory(region=jombang),
        "surabaya": factories.PemdaUserFactory(region=surabaya),
        "bogor": factories.PemdaUserFactory(region=bogor),
        "jatim": factories.PemdaUserFactory(region=jatim),
        "jabar": factories.PemdaUserFactory(region=jabar),
        "reviewer": factories.UserFactory(role=Role.REVIEWER),
        "admin": factories.UserFactory(role=Role.MINISTRY_ADMIN),
        "editor": factories.UserFactory(role=Role.EDITOR),
        "moderator": factories.UserFactory(role=Role.MODERATOR),
        "anonymous": AnonymousUser(),
    }
    users["operator"] = factories.OperatorUserFactory(parent=users["jombang"], urusan=kesehatan)
    reports = {
        "jombang_draft": factories.ReportFactory(region=jombang, urusan=kesehatan, period=period),
        "jombang_sent": factories.ReportFactory(
            region=jombang, urusan=pendidikan, period=period, status=ReportStatus.SUBMITTED
        ),
        "jatim_sent": factories.ReportFactory(
            region=jatim, urusan=kesehatan, period=period, status=ReportStatus.SUBMITTED
        ),
        "bogor_sent": factories.ReportFactory(
            region=bogor, urusan=kesehatan, period=period, status=ReportStatus.ACCEPTED
        ),
    }
    return users, reports


READABLE = {
    "jombang": {"jombang_draft", "jombang_sent"},
    "operator": {"jombang_draft"},
    "surabaya": set(),
    "bogor": {"bogor_sent"},
    "jatim": {"jombang_sent", "jatim_sent"},
    "jabar": {"bogor_sent"},
    "reviewer": {"jombang_sent", "jatim_sent", "bogor_sent"},
    "admin": {"jombang_sent", "jatim_sent", "bogor_sent"},
    "editor": set(),
    "moderator": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("who", sorted(READABLE))
def test_each_role_reads_exactly_its_scope(world, who):
    users, reports = world
    readable = set(access.report_readable_list(users[who]).values_list("pk", flat=True))
    assert readable == {reports[name].pk for name in READABLE[who]}


def test_drafts_are_seen_by_nobody_but_their_pemda(world):
    users, reports = world
    draft = reports["jombang_draft"]
    assert [who for who in users if access.can_read_report(users[who], draft)] == ["jombang", "operator"]


EDITORS = {"jombang_draft": {"jombang", "operator"}, "jombang_sent": {"jombang"}, "jatim_sent": {"jatim"}}


@pytest.mark.parametrize("report_name", sorted(EDITORS))
def test_only_the_owner_and_its_urusan_operator_may_edit(world, report_name):
    users, reports = world
    editors = {who for who, user in users.items() if access.can_edit_report(user, reports[report_name])}
    assert editors == EDITORS[report_name]


def test_only_the_pemda_account_submits(world):
    users, reports = world
    assert access.can_submit_report(users["jombang"], reports["jombang_draft"])
    assert not access.can_submit_report(users["operator"], reports["jombang_draft"])
    assert not access.can_submit_report(users["jatim"], reports["jombang_draft"])


def test_province_reviews_its_kabkota_and_ministry_reviews_provinces(world):
    users, reports = world
    reviewers_of_kabkota = {w for w, u in users.items() if access.can_review_report(u, reports["jombang_sent"])}
    reviewers_of_province = {w for w, u in users.items() if access.can_review_report(u, reports["jatim_sent"])}
    assert reviewers_of_kabkota == {"jatim"}
    assert reviewers_of_province == {"reviewer", "admin"}


def test_region_scope(world):
    users, _ = world
    names = {w: set(access.region_readable_list(u).values_list("code", flat=True)) for w, u in users.items()}
    assert names["jatim"] == {"35", "35.17", "35.78"}
    assert names["jombang"] == {"35.17"}
    assert names["operator"] == {"35.17"}
    assert names["editor"] == set() and names["anonymous"] == set()
    assert names["reviewer"] == {"35", "32", "35.17", "35.78", "32.71"}
