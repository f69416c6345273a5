"""The region registry: every reporting pemda, re-import without loss, old codes mapped to new ones."""

import csv
import shutil
from collections import Counter

import pytest

from django.conf import settings
from django.core.management import call_command

from reporting.models import Region, RegionCodeChange, RegionLevel, Report, Role
from reporting.services.registry import login_code_for, region_import
from tests import factories

REGISTRY = settings.BASE_DIR / "fixtures" / "regions"


def test_login_code_pads_provinces_and_drops_the_dot():
    assert login_code_for("32") == "3200"
    assert login_code_for("35.17") == "3517"


@pytest.mark.django_db
def test_import_creates_38_provinces_and_the_autonomous_kabkota():
    call_command("import_regions")
    assert Region.objects.filter(level=RegionLevel.PROVINSI).count() == 38
    # 514 rows minus the six DKI Jakarta administrative areas.
    assert Region.objects.filter(level=RegionLevel.KABKOTA).count() == 508
    assert not Region.objects.filter(code__in=["31.01", "31.71", "31.75"]).exists()
    jombang = Region.objects.get(login_code="3517")
    assert (jombang.code, jombang.name, jombang.province.login_code) == ("35.17", "Kabupaten Jombang", "3500")


@pytest.mark.django_db
def test_counts_per_province_match_the_registry_file():
    call_command("import_regions")
    with (REGISTRY / "regencies.csv").open() as handle:
        expected = Counter(row["province_code"] for row in csv.DictReader(handle))
    expected["31"] -= 6
    counted = Counter(Region.objects.filter(level=RegionLevel.KABKOTA).values_list("province__code", flat=True))
    assert counted == +expected
    assert counted["35"] == 38  # Jawa Timur: 29 kabupaten + 9 kota
    assert Region.objects.get(code="31").kabkota.count() == 0  # DKI reports as a province only


@pytest.mark.django_db
def test_old_papua_codes_map_to_their_new_regions():
    call_command("import_regions")
    change = RegionCodeChange.objects.get(old_login_code="9101")
    assert change.region.login_code == "9301"
    assert change.region.province.name == "Papua Selatan"


@pytest.mark.django_db
def test_reimport_moves_an_old_code_region_with_its_account_and_reports(tmp_path):
    """A registry still holding Merauke as 91.01 moves to 93.01 on re-import; nothing is lost."""
    papua = factories.ProvinceFactory(code="91", login_code="9100", name="Papua")
    merauke = factories.KabKotaFactory(code="91.01", login_code="9101", name="Kabupaten Merauke", province=papua)
    account = factories.PemdaUserFactory(region=merauke, username="9101")
    report = factories.ReportFactory(region=merauke)
    shutil.copytree(REGISTRY, tmp_path / "reg")

    call_command("import_regions", dir=tmp_path / "reg")

    merauke.refresh_from_db()
    account.refresh_from_db()
    assert (merauke.code, merauke.login_code, merauke.province.code) == ("93.01", "9301", "93")
    assert account.username == "9301" and account.region_id == merauke.pk
    assert Report.objects.get(pk=report.pk).region_id == merauke.pk
    assert RegionCodeChange.objects.get(old_login_code="9101").region_id == merauke.pk


@pytest.mark.django_db
def test_reimport_deactivates_vanished_regions_and_keeps_their_accounts():
    gone = factories.KabKotaFactory(code="99.99", login_code="9999", name="Kabupaten Lama")
    factories.PemdaUserFactory(region=gone)
    rows = {
        "provinces": [{"code": "35", "name": "Jawa Timur"}],
        "regencies": [],
        "non_autonomous": set(),
        "code_changes": [],
    }
    result = region_import(**rows)
    gone.refresh_from_db()
    assert not gone.is_active
    assert result.deactivated >= 1
    assert gone.users.filter(role=Role.PEMDA).exists()


@pytest.mark.django_db
def test_reimport_is_idempotent():
    call_command("import_regions")
    before = Region.objects.count()
    call_command("import_regions")
    assert Region.objects.count() == before == 546
