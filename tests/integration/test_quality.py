"""Plausibility checks before Kirim: the default rules on the seed's figures, confirmations, scope and reads."""

import pytest

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from reporting.messages import UNCONFIRMED_WARNINGS
from reporting.models import ReportStatus, ReportWarning, Role, RuleKind, ValidationRule, WarningStatus
from reporting.selectors.quality import monitoring_warning_page, quality_inputs
from reporting.services import quality
from reporting.services import reports as services
from tests import factories

pytestmark = pytest.mark.django_db

SEED_PAGU, SEED_TYPO, SEED_REALISASI = 1072692000, 107104500, 1071045000


@pytest.fixture
def jombang():
    """Kabupaten Jombang, PAUD TW I 2026 (the seed's worked example): 41.250 / 39.870, mutu 41.250 / 40.100."""
    province = factories.ProvinceFactory(code="35", name="Jawa Timur")
    region = factories.KabKotaFactory(code="35.17", name="Kabupaten Jombang", province=province)
    report = factories.report_with_catalogue(region, services=1, mutu=1)
    pemda = factories.PemdaUserFactory(region=region)
    entry = report.entries.get()
    _capaian(report, pemda, entry, 41250, 39870, (41250, 40100))
    return report, entry, pemda


def _capaian(report, user, entry, harus, terlayani, mutu=None):
    values = {"harus_dilayani": harus, "terlayani": terlayani}
    if mutu is not None:
        values["mutu"] = {entry.mutu_entries.get().pk: {"harus_dipenuhi": mutu[0], "terpenuhi": mutu[1]}}
    report.refresh_from_db()
    services.report_capaian_save(report=report, user=user, expected_version=report.version, entries={entry.pk: values})


def _activity(report, user, entry, pagu, realisasi, name="Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD"):
    report.refresh_from_db()
    return services.activity_create(
        report=report, user=user, entry_id=entry.pk, name=name, pagu=pagu, realisasi=realisasi
    )


def _next_quarter_report(report, quarter):
    period = factories.PeriodFactory(year=report.period.year, quarter=quarter)
    return services.report_get_or_create(region=report.region, urusan=report.urusan, period=period)


def test_default_rules_exist_after_the_migration():
    kinds = set(ValidationRule.objects.filter(is_active=True).values_list("kind", flat=True))
    assert kinds == {RuleKind.OUTLIER, RuleKind.SERAPAN, RuleKind.TARGET_CHANGE, RuleKind.MUTU}


def test_the_seed_correct_worked_example_gives_no_warning_and_submits_without_confirmation(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_REALISASI)
    _activity(report, pemda, entry, 178310000, 158965200, name="Pengembangan Karir Pendidik PAUD")
    assert quality.report_findings(report=report) == []  # mutu 40.100 > terlayani 39.870 is not compared by default
    services.report_submit(report=report, user=pemda)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_seed_typo_warns_with_the_serapan_and_the_likely_realisasi(jombang):
    report, entry, pemda = jombang
    activity = _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    warnings = quality.report_warnings_refresh(report=report)
    by_key = {w.target_key: w for w in warnings}
    message = by_key[f"kegiatan:{activity.pk}"].message
    assert "Serapan 9,98 %" in message
    assert "realisasi 107.104.500 dari pagu 1.072.692.000" in message
    assert "paling rendah 10,00 %" in message  # TW I expects 25 %, the default floor is 40 % of it
    assert "realisasi 1.071.045.000 berarti serapan 99,85 %" in message
    assert all(w.status == WarningStatus.OPEN for w in warnings)


def test_submit_is_refused_while_a_warning_is_unconfirmed_and_nothing_is_sent(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    report.refresh_from_db()
    with pytest.raises(quality.WarningsUnconfirmedError) as raised:
        services.report_submit(report=report, user=pemda)
    assert raised.value.messages == [UNCONFIRMED_WARNINGS]
    report.refresh_from_db()
    assert (report.status, report.sent_snapshot, report.snapshots.count()) == (ReportStatus.DRAFT, None, 0)


def test_submit_with_a_note_per_warning_sends_and_keeps_the_note(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    warnings = quality.report_warnings_refresh(report=report)
    notes = {str(w.pk): "Realisasi baru sebagian dicairkan." for w in warnings}
    report.refresh_from_db()
    services.report_submit(report=report, user=pemda, confirmations=notes)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    stored = ReportWarning.objects.filter(report=report)
    assert {(w.status, w.note, w.confirmed_by) for w in stored} == {
        (WarningStatus.CONFIRMED, "Realisasi baru sebagian dicairkan.", pemda)
    }
    assert all(w.confirmed_at is not None for w in stored)


def test_an_empty_note_confirms_nothing(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    warnings = quality.report_warnings_refresh(report=report)
    report.refresh_from_db()
    with pytest.raises(quality.WarningsUnconfirmedError):
        services.report_submit(report=report, user=pemda, confirmations={w.pk: "   " for w in warnings})


def test_correcting_the_figure_resolves_the_warning(jombang):
    report, entry, pemda = jombang
    activity = _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    quality.report_warnings_refresh(report=report)
    report.refresh_from_db()
    services.activity_update(
        report=report,
        user=pemda,
        activity_id=activity.pk,
        name=activity.name,
        pagu=SEED_PAGU,
        realisasi=SEED_REALISASI,
    )
    assert quality.report_warnings_refresh(report=report) == []
    assert set(ReportWarning.objects.filter(report=report).values_list("status", flat=True)) == {
        WarningStatus.RESOLVED
    }
    services.report_submit(report=report, user=pemda)


def test_a_confirmed_warning_reopens_when_its_figure_changes(jombang):
    report, entry, pemda = jombang
    activity = _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    warnings = quality.report_warnings_refresh(report=report)
    warning = {w.target_key: w for w in warnings}[f"kegiatan:{activity.pk}"]
    notes = {w.pk: "Benar." for w in warnings}
    assert quality.report_warnings_confirm(report=report, user=pemda, confirmations=notes) == []
    assert {w.status for w in quality.report_warnings_refresh(report=report)} == {WarningStatus.CONFIRMED}
    report.refresh_from_db()
    services.activity_update(
        report=report, user=pemda, activity_id=activity.pk, name=activity.name, pagu=SEED_PAGU, realisasi=10_000_000
    )
    reopened = {w.target_key: w for w in quality.report_warnings_refresh(report=report)}[f"kegiatan:{activity.pk}"]
    assert reopened.pk == warning.pk and reopened.status == WarningStatus.OPEN


def test_a_value_far_from_the_previous_sent_quarters_warns_with_the_previous_figures(jombang):
    report, entry, pemda = jombang
    services.report_submit(report=report, user=pemda)
    current = _next_quarter_report(report, 2)
    current_entry = current.entries.get()
    _capaian(current, pemda, current_entry, 4125, 3987)  # a dropped digit in both
    messages = {w.target_key: w.message for w in quality.report_warnings_refresh(report=current)}
    code = current_entry.service_code
    assert "Nilai 4.125 kurang dari 1/3 nilai biasanya 41.250" in messages[f"{code}:harus_dilayani"]
    assert "TW I 2026: 41.250" in messages[f"{code}:harus_dilayani"]
    assert "TW I 2026: 39.870" in messages[f"{code}:terlayani"]


def test_harus_dilayani_changing_more_than_the_limit_from_the_last_accepted_report_warns(jombang):
    report, entry, pemda = jombang
    services.report_submit(report=report, user=pemda)
    province_user = factories.PemdaUserFactory(region=report.region.province)
    services.report_accept(report=report, user=province_user)
    current = _next_quarter_report(report, 2)
    current_entry = current.entries.get()
    _capaian(current, pemda, current_entry, 51563, 39870)  # +25,00 %: at the limit, no warning
    assert not [f for f in quality.report_findings(report=current) if f.rule.kind == RuleKind.TARGET_CHANGE]
    _capaian(current, pemda, current_entry, 52000, 39870)  # +26,06 %
    found = [f for f in quality.report_findings(report=current) if f.rule.kind == RuleKind.TARGET_CHANGE]
    assert len(found) == 1
    assert "berubah +26,06 % dari laporan diterima terakhir (TW I 2026: 41.250); batas 25 %" in found[0].message


def test_mutu_filled_with_no_receivers_warns_and_compare_served_is_opt_in(jombang):
    report, entry, pemda = jombang
    _capaian(report, pemda, entry, 41250, None, (41250, 40100))
    found = [f for f in quality.report_findings(report=report) if f.rule.kind == RuleKind.MUTU]
    assert [f.message for f in found] == [
        "Mutu terpenuhi 40.100 padahal jumlah yang terlayani kosong: isi penerima layanan atau periksa angka mutu."
    ]
    _capaian(report, pemda, entry, 41250, 39870, (41250, 40100))
    ValidationRule.objects.filter(kind=RuleKind.MUTU).update(compare_served=True)
    found = [f for f in quality.report_findings(report=report) if f.rule.kind == RuleKind.MUTU]
    assert [f.message for f in found] == ["Mutu terpenuhi 40.100 melebihi jumlah yang terlayani 39.870."]


def test_inactive_rules_and_rules_of_another_urusan_or_level_do_not_apply(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    other = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN")
    ValidationRule.objects.filter(kind=RuleKind.SERAPAN).update(urusan=other)
    assert quality.report_findings(report=report) == []
    ValidationRule.objects.filter(kind=RuleKind.SERAPAN).update(urusan=None, level="provinsi")
    assert quality.report_findings(report=report) == []
    ValidationRule.objects.filter(kind=RuleKind.SERAPAN).update(level="kabkota", is_active=False)
    assert quality.report_findings(report=report) == []
    ValidationRule.objects.filter(kind=RuleKind.SERAPAN).update(is_active=True)
    assert len(quality.report_findings(report=report)) == 2  # the kegiatan and the total


def _inputs_queries(report) -> int:
    report = type(report).objects.select_related("region", "period").get(pk=report.pk)
    with CaptureQueriesContext(connection) as queries:
        quality_inputs(report=report)
    return len(queries)


def test_quality_inputs_read_a_fixed_number_of_queries_whatever_the_history(jombang):
    report, entry, pemda = jombang
    services.report_submit(report=report, user=pemda)
    second = _next_quarter_report(report, 2)
    _activity(second, pemda, second.entries.get(), 100, 90)
    cache.clear()
    few = _inputs_queries(second)
    second.refresh_from_db()
    services.report_submit(report=second, user=pemda)
    fourth = _next_quarter_report(report, 3)
    for n in range(5):
        _activity(fourth, pemda, fourth.entries.get(), 100, 90, name=f"Kegiatan {n}")
    cache.clear()  # every save rechecks, which caches the earlier sent figures: count a cold read, as `few`
    assert _inputs_queries(fourth) == few == 6


def test_monitoring_lists_sent_warnings_of_the_province_kabkota_and_nationally(jombang):
    report, entry, pemda = jombang
    _activity(report, pemda, entry, SEED_PAGU, SEED_TYPO)
    warnings = quality.report_warnings_refresh(report=report)
    other_province = factories.ProvinceFactory(code="36", name="Banten")
    other_user = factories.PemdaUserFactory(region=other_province)
    province_user = factories.PemdaUserFactory(region=report.region.province)
    ministry = factories.UserFactory(role=Role.REVIEWER)
    page, _ = monitoring_warning_page(user=province_user)
    assert list(page) == []  # a draft's warnings are the pemda's own business
    report.refresh_from_db()
    services.report_submit(report=report, user=pemda, confirmations={w.pk: "Benar." for w in warnings})
    for user in (province_user, ministry):
        page, per_province = monitoring_warning_page(user=user)
        assert {w.pk for w in page} == {w.pk for w in warnings}
        assert per_province == [{"province": "Jawa Timur", "total": 2, "open": 0}]
    for user in (other_user, pemda):
        assert list(monitoring_warning_page(user=user)[0]) == []


def test_earlier_sent_figures_are_read_once_then_from_the_cache(jombang):
    """A sent version never changes: after the first check its figures come from the shared cache, so the
    recheck after every save reads no snapshot JSON, and finds the same."""
    report, entry, pemda = jombang
    services.report_submit(report=report, user=pemda)
    second = _next_quarter_report(report, 2)
    first_read = quality_inputs(report=type(second).objects.select_related("region", "period").get(pk=second.pk))
    # The snapshot query is gone, and so are the rules' and the earlier sent quarters' (their generations): the
    # report's three kinds of rows are read.
    assert _inputs_queries(second) == 3
    again = quality_inputs(report=type(second).objects.select_related("region", "period").get(pk=second.pk))
    assert again.previous == first_read.previous and again.previous[0].label == "TW I 2026"


@pytest.mark.parametrize(
    ("kind", "missing"), [(RuleKind.TARGET_CHANGE, "max_change_percent"), (RuleKind.OUTLIER, "factor")]
)
def test_an_active_rule_without_its_figure_is_refused_an_inactive_one_kept(kind, missing):
    """SQL let a NULL figure through the old checks (``NULL >= 0`` is not false), and such a rule broke every
    save of the reports it covered; now an active rule needs its figure, a draft (inactive) may lack it."""
    rule = ValidationRule(name="Tanpa angka", kind=kind, is_active=True, **{missing: None})
    with pytest.raises(ValidationError):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()
    draft = ValidationRule.objects.create(name="Konsep", kind=kind, is_active=False, **{missing: None})
    assert draft.pk


def test_a_target_change_rule_without_a_limit_finds_nothing(jombang):
    """A rule loaded without its limit (before the constraint) reports nothing instead of failing the save."""
    report, entry, pemda = jombang
    rule = ValidationRule(name="Tanpa batas", kind=RuleKind.TARGET_CHANGE, max_change_percent=None)
    inputs = quality_inputs(report=report)
    assert quality._target_change(rule, inputs) == []
