"""Every API endpoint runs the same number of SQL queries whatever the data and the page size."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.accounts.models import ApiTokenKind
from reporting.models import Period, Report, ReportStatus, Urusan
from reporting.services import reports as report_services
from tests import factories

from .conftest import YEAR, Api, issue

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("pemda", "/wilayah", {}),
    ("ministry", "/wilayah", {}),
    ("pemda", "/urusan", {}),
    ("pemda", "/katalog", {"year": YEAR}),
    ("pemda", "/periode", {}),
    ("pemda", "/laporan", {}),
    ("ministry", "/laporan", {"year": YEAR}),
    ("pemda", "/laporan/{report}", {}),
    ("ministry", "/monitoring/nasional", {"year": YEAR, "quarter": 1}),
    ("ministry", "/monitoring/provinsi/{province}", {"year": YEAR, "quarter": 1}),
    ("ministry", "/publik/capaian", {"year": YEAR, "quarter": 1}),
]


def _grow(world, extra: int):
    """More kab/kota with sent reports, more kegiatan in the report read."""
    period = Period.objects.get(year=YEAR, quarter=1)
    for n in range(extra):
        region = factories.KabKotaFactory(code=f"11.{50 + n}", province=world["province"])
        for urusan in Urusan.objects.all():
            report_services.report_get_or_create(region=region, urusan=urusan, period=period)
    Report.objects.exclude(region=world["kab_a"]).update(status=ReportStatus.ACCEPTED)
    report = Report.objects.filter(region=world["kab_a"]).first()
    for entry in report.entries.all():
        factories.ActivityFactory.create_batch(extra, entry=entry)


def _counts(api, world, limit):
    report = Report.objects.filter(region=world["kab_a"]).first()
    counts = {}
    for who, path, params in ENDPOINTS:
        url = path.format(report=report.pk, province=world["province"].code)
        api[who].get(url, **params, limit=limit)  # warm: caches as users meet them
        with CaptureQueriesContext(connection) as queries:
            response = api[who].get(url, **params, limit=limit)
        assert response.status_code == 200, (url, response.content)
        counts[(who, path)] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data_or_the_page_size(client, api_world, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    period = Period.objects.get(year=YEAR, quarter=1)
    for urusan in Urusan.objects.all():
        report_services.report_get_or_create(region=api_world["kab_a"], urusan=urusan, period=period)
    api = {
        "pemda": Api(client, issue(api_world["pemda_a"])),
        "ministry": Api(client, issue(api_world["ministry"], kind=ApiTokenKind.MINISTRY)),
    }
    small = _counts(api, api_world, limit=2)
    _grow(api_world, 4)
    large = _counts(api, api_world, limit=100)
    assert small == large
    assert max(large.values()) <= 20, large
