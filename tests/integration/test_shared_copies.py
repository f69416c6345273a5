"""Values kept in the shared cache for a generation (``core.generations``) follow their data at once.

Each test reads a value (so that it is cached), changes the data through the path a user takes, and reads
again: with the generation's replacement switched off, the second read would be the old copy.
"""

import pytest

from reporting.models import ReportStatus, Role, RuleKind, ValidationRule
from reporting.selectors.monitoring.national import national_monitoring_get, not_reported_page_get
from reporting.selectors.monitoring.province import province_monitoring_get
from reporting.selectors.quality import quality_inputs, rule_applicable_list
from reporting.services import reports as services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(kabkota, pemda_user):
    """A kab/kota report of the open quarter with every figure filled: it can be sent."""
    report = factories.report_with_catalogue(kabkota, services=1, mutu=1)
    entry = report.entries.get()
    values = {
        "harus_dilayani": 100,
        "terlayani": 90,
        "mutu": {entry.mutu_entries.get().pk: {"harus_dipenuhi": 100, "terpenuhi": 90}},
    }
    services.report_capaian_save(
        report=report, user=pemda_user, expected_version=report.version, entries={entry.pk: values}
    )
    report.refresh_from_db()
    return report


def _fresh(report):
    return type(report).objects.select_related("region", "period").get(pk=report.pk)


def test_national_monitoring_of_the_ministry_follows_a_submission_and_a_region_change(filled, pemda_user):
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    before = national_monitoring_get(user=reviewer, period=filled.period)
    assert (before.total.reported, before.total.expected) == (0, 2)  # the province and its kab/kota
    services.report_submit(report=filled, user=pemda_user)
    after = national_monitoring_get(user=reviewer, period=filled.period)
    assert after.total.reported == 1
    province = filled.region.province
    province.is_active = False
    province.save()
    assert national_monitoring_get(user=reviewer, period=filled.period).total.expected == 1


def test_not_reported_list_of_the_ministry_follows_a_submission(filled, pemda_user):
    reviewer = factories.UserFactory(role=Role.REVIEWER)

    def listed():
        found = not_reported_page_get(user=reviewer, period=filled.period, number=1, per_page=50)
        return [region.pk for region in found.page.object_list], found.page.paginator.count

    assert listed() == ([filled.region.province_id, filled.region_id], 2)
    services.report_submit(report=filled, user=pemda_user)
    assert listed() == ([filled.region.province_id], 1)


def test_province_monitoring_follows_a_submission(filled, pemda_user, province_user):
    province = filled.region.province

    def status():
        rows = province_monitoring_get(user=province_user, province=province, period=filled.period)
        return [cell.report["status"] if cell.report else None for row in rows for cell in row.cells]

    assert status() == [None]
    services.report_submit(report=filled, user=pemda_user)
    assert status() == [ReportStatus.SUBMITTED]


def test_the_rules_a_save_checks_follow_every_write_of_a_rule(filled):
    report = _fresh(filled)
    active = {rule.pk for rule in rule_applicable_list(report=report)}
    assert active  # the default rules of the migration
    rule = ValidationRule.objects.filter(kind=RuleKind.SERAPAN).first()
    pk = rule.pk
    ValidationRule.objects.filter(pk=pk).update(is_active=False)  # the queryset's write
    assert {r.pk for r in rule_applicable_list(report=report)} == active - {pk}
    rule.refresh_from_db()
    rule.is_active = True
    rule.save()  # the model's (the admin form's)
    assert {r.pk for r in rule_applicable_list(report=report)} == active
    rule.delete()
    assert {r.pk for r in rule_applicable_list(report=report)} == active - {pk}


def test_the_earlier_sent_quarters_a_save_compares_with_follow_a_submission(filled, pemda_user):
    second = services.report_get_or_create(
        region=filled.region, urusan=filled.urusan, period=factories.PeriodFactory(year=2026, quarter=2)
    )
    assert quality_inputs(report=_fresh(second)).previous == []
    services.report_submit(report=filled, user=pemda_user)
    assert [p.label for p in quality_inputs(report=_fresh(second)).previous] == ["TW I 2026"]
