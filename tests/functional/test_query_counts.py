"""The number of SQL queries of every key page does not grow with the data (and stays at most 20).

Each page is requested at two data sizes made by ``seed_national``: a small country (one
province with one kab/kota, one year of reports, a few news items and forum threads) and
the same country grown (three provinces with three kab/kota each, two years, more news and
threads). The count is taken on a warm request (the second one), as users meet the page.
A page whose URL does not exist yet is skipped with its name, and covered as soon as it does.
"""

import datetime

import pytest

from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from reporting.models import Job, JobKind, JobStatus, Region, Report, Role
from reporting.services.seed import seed_national
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
CURRENT_YEAR = timezone.localdate().year
# (page, who asks, URL name or path, takes the report's pk)
PAGES = [
    ("home", "anonymous", "/", False),
    ("berita", "anonymous", "/berita/", False),
    ("report tab A", "pemda", "reporting:report_capaian", True),
    ("report tab B", "pemda", "reporting:report_kegiatan", True),
    ("report tab C", "pemda", "reporting:report_permasalahan", True),
    ("pemda dashboard", "pemda", "reporting:dashboard", False),
    ("daftar bidang", "pemda", "reporting:bidang_list", False),
    ("notifications", "pemda", "reporting:notification_list", False),
    ("province monitoring", "province", "reporting:monitoring_province_own", False),
    ("national monitoring", "ministry", "reporting:monitoring_national", False),
    ("forum index", "pemda", "/forum/", False),
    ("warning monitoring (province)", "province", "reporting:warning_monitoring", False),
    ("warning monitoring (national)", "ministry", "reporting:warning_monitoring", False),
]


class World:
    """The growing country of one test."""

    def __init__(self):
        self.regions = factories.seed_world(
            provinces=1, kabkota_per_province=1, years=[CURRENT_YEAR - 1, CURRENT_YEAR]
        )
        self.province, self.kabkota = self.regions
        self.pemda = factories.PemdaUserFactory(region=self.kabkota, must_change_password=False)
        self.province_user = factories.PemdaUserFactory(region=self.province, must_change_password=False)
        self.ministry = factories.UserFactory(role=Role.REVIEWER)
        self._public_site()
        self._forum()
        seed_national(regions=self.regions, years=[CURRENT_YEAR])
        self.report = (
            Report.objects.filter(region=self.kabkota, period__year=CURRENT_YEAR)
            .order_by("-period__quarter", "urusan__order")
            .first()
        )
        self._news(2)
        self._threads(2)

    def grow(self):
        """Three provinces of three kab/kota, two years of reports, more news and threads."""
        for p in range(3):
            code = str(11 + p)
            province = Region.objects.filter(code=code).first() or factories.ProvinceFactory(code=code)
            for k in range(3):
                factories.KabKotaFactory(code=f"{code}.{k + 1:02d}", province=province)
        regions = list(Region.objects.filter(is_active=True))
        seed_national(regions=regions, years=[CURRENT_YEAR - 1, CURRENT_YEAR])
        self._news(10)
        self._threads(10)

    def _public_site(self):
        try:
            from home.services import site_structure_ensure
        except ImportError:
            return
        site_structure_ensure()

    def _news(self, count):
        news = getattr(factories, "NewsPageFactory", None)
        if news is not None:
            for n in range(count):
                news(date=datetime.date(CURRENT_YEAR, 1, 1) + datetime.timedelta(days=n))

    def _forum(self):
        try:
            from forum.forum_abuse.forums import forums_setup
        except ImportError:
            return
        forums_setup()

    def _threads(self, count):
        topic = getattr(factories, "ForumTopicFactory", None)
        if topic is not None and factories._first_forum() is not None:
            for _ in range(count):
                topic(poster=self.pemda)

    def user(self, who):
        return {"anonymous": None, "pemda": self.pemda, "province": self.province_user, "ministry": self.ministry}[who]


def _url(name_or_path: str, report: Report | None) -> str:
    if name_or_path.startswith("/"):
        resolve(name_or_path)  # every page measured here exists: a missing one fails, never skips
        return name_or_path
    return reverse(name_or_path, args=[report.pk] if report is not None else [])


def _count(client, url) -> int:
    from django.db import connection

    cache.clear()
    client.get(url)  # warm-up: sessions, site root, permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.mark.parametrize(("page", "who", "target", "needs_report"), PAGES, ids=[p[0] for p in PAGES])
def test_queries_per_page_do_not_grow_with_data(client, page, who, target, needs_report):
    world = World()
    url = _url(target, world.report if needs_report else None)
    user = world.user(who)
    if user is not None:
        client.force_login(user)

    small = _count(client, url)
    world.grow()
    large = _count(client, url)

    assert Report.objects.count() > 10 * Report.objects.filter(region=world.kabkota, period__year=CURRENT_YEAR).count()
    assert large <= small, f"{page}: {small} queries with little data, {large} with more (N+1?)"
    assert large <= MAX_QUERIES, f"{page}: {large} queries (at most {MAX_QUERIES})"


def test_job_pages_run_a_fixed_number_of_queries(client):
    """The job page and its JSON status cost the same for a queued, a running and a finished job of any size."""
    from django.db import connection

    ministry = factories.UserFactory(role=Role.REVIEWER)
    client.force_login(ministry)
    jobs = [
        Job.objects.create(kind=JobKind.RECAP, user=ministry),
        Job.objects.create(kind=JobKind.RECAP, user=ministry, status=JobStatus.RUNNING, rows_done=5, rows_total=9),
        Job.objects.create(
            kind=JobKind.RECAP, user=ministry, status=JobStatus.DONE, rows_done=10**6, rows_total=10**6, result="x"
        ),
    ]
    for name in ("reporting:job_detail", "reporting:job_status"):
        counts = []
        for job in jobs:
            url = reverse(name, args=[job.pk])
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert len(set(counts)) == 1 and counts[0] <= 6, (name, counts)
