"""The SPM catalogue: 43 services per year, versioned, editable without touching filed reports."""

from collections import Counter

import pytest

from django.core.management import call_command

from reporting.models import CategoryThreshold, MutuItem, ServiceType, Urusan
from tests import factories


@pytest.fixture
def catalogue_2026(db):
    call_command("load_catalogue", year=2026)


def test_catalogue_has_6_urusan_and_43_services(catalogue_2026):
    assert Urusan.objects.count() == 6
    services = ServiceType.objects.filter(year=2026)
    assert services.count() == 43
    assert Counter(services.values_list("level", flat=True)) == {"provinsi": 14, "kabkota": 29}


def test_services_per_urusan_match_the_domain_reference(catalogue_2026):
    counts = Counter(ServiceType.objects.filter(year=2026).values_list("urusan__short_name", "level"))
    assert counts[("PENDIDIKAN", "provinsi")] == 2 and counts[("PENDIDIKAN", "kabkota")] == 3
    assert counts[("KESEHATAN", "provinsi")] == 2 and counts[("KESEHATAN", "kabkota")] == 12
    assert counts[("TRANTIBUMLINMAS", "provinsi")] == 1 and counts[("TRANTIBUMLINMAS", "kabkota")] == 5
    assert counts[("SOSIAL", "provinsi")] == 5 and counts[("SOSIAL", "kabkota")] == 5


def test_mutu_items_and_category_thresholds_are_loaded(catalogue_2026):
    krisis = ServiceType.objects.get(year=2026, code="1.02.P01")
    assert krisis.mutu_items.count() == 3
    assert CategoryThreshold.objects.count() == 6


def test_years_are_separate_versions(catalogue_2026):
    call_command("load_catalogue", year=2027, copy_from=2026)
    edited = ServiceType.objects.get(year=2027, code="1.01.K01")
    edited.name = "Pendidikan Anak Usia Dini (revisi)"
    edited.save()
    assert ServiceType.objects.get(year=2026, code="1.01.K01").name == "Pendidikan Anak Usia Dini"
    assert ServiceType.objects.filter(year=2027).count() == 43
    assert MutuItem.objects.filter(service__year=2027).count() == MutuItem.objects.filter(service__year=2026).count()


def test_reloading_is_idempotent(catalogue_2026):
    call_command("load_catalogue", year=2026)
    assert ServiceType.objects.filter(year=2026).count() == 43


def test_editing_the_catalogue_never_changes_a_filed_report(catalogue_2026):
    service = ServiceType.objects.get(year=2026, code="1.03.K01")
    entry = factories.ServiceEntryFactory(
        service=service, service_code=service.code, service_name=service.name, indikator=service.indikator
    )
    service.name = "Nama baru"
    service.indikator = "Indikator baru"
    service.save()
    entry.refresh_from_db()
    assert entry.service_name == "Pemenuhan kebutuhan pokok air minum sehari-hari"
    assert entry.indikator != "Indikator baru"
