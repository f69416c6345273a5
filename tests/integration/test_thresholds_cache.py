"""Category thresholds are cached for the tab pages and saves, and never served stale after an edit."""

from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import CategoryThreshold
from reporting.selectors.reports import category_thresholds

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_thresholds():
    CategoryThreshold.objects.all().delete()


def test_thresholds_are_read_once_then_served_from_the_cache():
    CategoryThreshold.objects.create(name="Tuntas", min_index=Decimal("80"))
    assert category_thresholds() == [("Tuntas", Decimal("80"))]
    with CaptureQueriesContext(connection) as queries:
        assert category_thresholds() == [("Tuntas", Decimal("80"))]
    assert len(queries) == 0


def test_saving_or_deleting_a_threshold_drops_the_cached_value():
    threshold = CategoryThreshold.objects.create(name="Tuntas", min_index=Decimal("80"))
    category_thresholds()
    threshold.min_index = Decimal("75")
    threshold.save()
    assert category_thresholds() == [("Tuntas", Decimal("75"))]
    CategoryThreshold.objects.create(name="Belum Tuntas", min_index=Decimal("0"))
    assert [name for name, _ in category_thresholds()] == ["Tuntas", "Belum Tuntas"]
    threshold.delete()
    assert category_thresholds() == [("Belum Tuntas", Decimal("0"))]
