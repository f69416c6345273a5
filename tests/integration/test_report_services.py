"""Report services: creation from the catalogue, tab A/B/C writes, rules, locks, conflicts, history."""

import datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from reporting import messages
from reporting.models import PeriodExtension, ReportEvent, ReportStatus
from reporting.selectors.reports import period_window_for
from reporting.services import reports as svc
from tests import factories


@pytest.fixture
def urusan(db):
    return factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN")


@pytest.fixture
def period(db):
    return factories.PeriodFactory(year=2026, quarter=1)


@pytest.fixture
def catalogue(urusan):
    """Two kab/kota services of 2026, the first with three mutu items, plus a province service."""
    first = factories.ServiceTypeFactory(urusan=urusan, year=2026, name="Air minum", order=1)
    for name in ("SPAM jaringan perpipaan", "SPAM bukan jaringan perpipaan", "Tenaga"):
        factories.MutuItemFactory(service=first, name=name)
    second = factories.ServiceTypeFactory(urusan=urusan, year=2026, name="Air limbah", order=2)
    factories.ServiceTypeFactory(urusan=urusan, year=2026, level="provinsi", name="Provinsi saja")
    return first, second


@pytest.fixture
def report(kabkota, urusan, period, catalogue):
    return svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)


def _ids(report):
    entries = list(report.entries.order_by("order"))
    mutu = list(entries[0].mutu_entries.order_by("order"))
    return entries, mutu


def test_get_or_create_copies_the_catalogue_of_the_level_and_counts_required_figures(report, kabkota, urusan, period):
    entries, mutu = _ids(report)
    assert [e.service_name for e in entries] == ["Air minum", "Air limbah"]
    assert [m.name for m in mutu] == ["SPAM jaringan perpipaan", "SPAM bukan jaringan perpipaan", "Tenaga"]
    report.refresh_from_db()
    assert report.figures_required == 2 * 2 + 3 * 2
    assert report.figures_filled == 0
    assert svc.report_get_or_create(region=kabkota, urusan=urusan, period=period).pk == report.pk


def test_capaian_save_computes_the_seed_example_and_writes_history(report, pemda_user):
    entries, mutu = _ids(report)
    data = {
        entries[0].pk: {
            "harus_dilayani": 352523,
            "terlayani": 352523,
            "mutu": {
                mutu[0].pk: {"harus_dipenuhi": 17550, "terpenuhi": 17550},
                mutu[1].pk: {"harus_dipenuhi": 25000, "terpenuhi": 25000},
                mutu[2].pk: {"harus_dipenuhi": 10000, "terpenuhi": 10000},
            },
        },
        entries[1].pk: {"harus_dilayani": 0, "terlayani": 0},
    }
    saved = svc.report_capaian_save(report=report, user=pemda_user, expected_version=report.version, entries=data)
    saved.refresh_from_db()
    assert saved.capaian_penerima == Decimal("100.00")  # the zero target is not applicable
    assert saved.capaian_mutu == Decimal("100.00")
    assert saved.indeks == Decimal("100.00")
    assert saved.category == "Tuntas Paripurna"
    assert saved.figures_filled == saved.figures_required == 10
    assert saved.version == 2
    changes = ReportEvent.objects.filter(report=report, kind=ReportEvent.Kind.CHANGE)
    assert changes.count() == 10
    first = changes.get(field="Air minum: jumlah yang harus dilayani")
    assert (first.old_value, first.new_value, first.user) == ("", "352523", pemda_user)


@pytest.mark.parametrize(
    ("values", "key", "message"),
    [
        ({"harus_dilayani": 10, "terlayani": 11}, "terlayani", messages.SERVED_EXCEEDS_TARGET),
        ({"harus_dilayani": -1, "terlayani": 0}, "harus_dilayani", messages.COUNT_INVALID),
        ({"harus_dilayani": 1.5, "terlayani": 0}, "harus_dilayani", messages.COUNT_INVALID),
    ],
)
def test_capaian_rules_refuse_bad_figures_and_save_nothing(report, pemda_user, values, key, message):
    entries, _ = _ids(report)
    with pytest.raises(svc.ReportValidationError) as error:
        svc.report_capaian_save(report=report, user=pemda_user, expected_version=1, entries={entries[1].pk: values})
    assert error.value.field_errors == {f"entry-{entries[1].pk}-{key}": message}
    entries[1].refresh_from_db()
    assert entries[1].harus_dilayani is None
    report.refresh_from_db()
    assert report.version == 1


def test_mutu_met_above_target_is_refused(report, pemda_user):
    entries, mutu = _ids(report)
    data = {entries[0].pk: {"mutu": {mutu[0].pk: {"harus_dipenuhi": 5, "terpenuhi": 6}}}}
    with pytest.raises(svc.ReportValidationError) as error:
        svc.report_capaian_save(report=report, user=pemda_user, expected_version=1, entries=data)
    assert error.value.field_errors == {f"mutu-{mutu[0].pk}-terpenuhi": messages.MET_EXCEEDS_TARGET}


def test_concurrent_save_with_stale_version_is_refused_without_overwriting(report, pemda_user):
    entries, _ = _ids(report)
    svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=1,
        entries={entries[1].pk: {"harus_dilayani": 100, "terlayani": 90}},
    )
    with pytest.raises(svc.ReportConflictError):
        svc.report_capaian_save(
            report=report,
            user=pemda_user,
            expected_version=1,
            entries={entries[1].pk: {"harus_dilayani": 5, "terlayani": 5}},
        )
    entries[1].refresh_from_db()
    assert (entries[1].harus_dilayani, entries[1].terlayani) == (100, 90)


def test_report_is_locked_after_the_deadline_and_open_again_with_an_extension(report, pemda_user, period):
    entries, _ = _ids(report)
    period.opens_at = timezone.now() - datetime.timedelta(days=30)
    period.closes_at = timezone.now() - datetime.timedelta(days=1)
    period.save()
    with pytest.raises(svc.ReportLockedError) as error:
        svc.report_capaian_save(
            report=report,
            user=pemda_user,
            expected_version=1,
            entries={entries[1].pk: {"harus_dilayani": 1, "terlayani": 1}},
        )
    assert error.value.message == messages.WINDOW_CLOSED
    PeriodExtension.objects.create(
        period=period, region=report.region, closes_at=timezone.now() + datetime.timedelta(days=3)
    )
    assert period_window_for(report.region, period).extended
    svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=1,
        entries={entries[1].pk: {"harus_dilayani": 1, "terlayani": 1}},
    )


def test_kegiatan_totals_match_the_jombang_paud_example(report, pemda_user):
    entries, _ = _ids(report)
    svc.activity_create(
        report=report,
        user=pemda_user,
        entry_id=entries[0].pk,
        name="Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD",
        pagu=1072692000,
        realisasi=1071045000,
    )
    svc.activity_create(
        report=report,
        user=pemda_user,
        entry_id=entries[0].pk,
        name="Pengembangan Karir Pendidik",
        pagu=178310000,
        realisasi=158965200,
    )
    report.refresh_from_db()
    assert (report.pagu_total, report.realisasi_total) == (1251002000, 1230010200)


def test_realisasi_above_pagu_needs_a_justification(report, pemda_user):
    entries, _ = _ids(report)
    with pytest.raises(svc.ReportValidationError) as error:
        svc.activity_create(report=report, user=pemda_user, entry_id=entries[0].pk, name="X", pagu=10, realisasi=11)
    assert error.value.field_errors == {"justification": messages.JUSTIFICATION_REQUIRED}
    activity = svc.activity_create(
        report=report,
        user=pemda_user,
        entry_id=entries[0].pk,
        name="X",
        pagu=10,
        realisasi=11,
        justification="Tambahan dari APBD perubahan",
    )
    assert activity.justification == "Tambahan dari APBD perubahan"


def test_submitted_report_is_read_only_until_returned(report, pemda_user, province_user):
    entries, _ = _ids(report)
    svc.report_submit(report=report, user=pemda_user)
    with pytest.raises(svc.ReportLockedError) as error:
        svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="x")
    assert error.value.message == messages.READ_ONLY_SUBMITTED
    svc.report_return(report=report, user=province_user, reason="Lengkapi data mutu")
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, "Lengkapi data mutu")
    svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Anggaran terlambat")


def test_operator_fills_its_own_urusan_but_cannot_submit(report, pemda_user, urusan):
    operator = factories.OperatorUserFactory(parent=pemda_user, urusan=urusan, username="dinkes3517")
    entries, _ = _ids(report)
    svc.report_capaian_save(
        report=report,
        user=operator,
        expected_version=1,
        entries={entries[1].pk: {"harus_dilayani": 3, "terlayani": 2}},
    )
    with pytest.raises(svc.ReportPermissionError):
        svc.report_submit(report=report, user=operator)
    other = factories.OperatorUserFactory(parent=pemda_user, username="dinsos3517")
    with pytest.raises(svc.ReportPermissionError):
        svc.problem_create(report=report, user=other, category="lain_lain", text="x")


def test_history_records_every_transition_with_who_and_when(report, pemda_user, province_user):
    svc.report_submit(report=report, user=pemda_user)
    svc.report_accept(report=report, user=province_user)
    transitions = list(ReportEvent.objects.filter(report=report, kind=ReportEvent.Kind.TRANSITION).order_by("id"))
    assert [(e.old_value, e.new_value, e.user) for e in transitions] == [
        ("Draft", "Dikirim", pemda_user),
        ("Dikirim", "Diterima", province_user),
    ]
    with pytest.raises(svc.ReportLockedError):
        svc.activity_create(
            report=report, user=pemda_user, entry_id=_ids(report)[0][0].pk, name="x", pagu=1, realisasi=1
        )


def test_summary_urusan_capaian_is_the_mean_of_applicable_services(report, pemda_user):
    entries, mutu = _ids(report)
    svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=1,
        entries={
            entries[0].pk: {
                "harus_dilayani": 100,
                "terlayani": 50,
                "mutu": {mutu[0].pk: {"harus_dipenuhi": 10, "terpenuhi": 10}},
            },
            entries[1].pk: {"harus_dilayani": 200, "terlayani": 200},
        },
    )
    report.refresh_from_db()
    assert report.capaian_penerima == Decimal("75.00")
    assert report.indeks == Decimal("80.00")  # (0.8*50 + 0.2*100 = 60) and 100 -> mean 80
    assert report.category == "Tuntas Utama"
    assert report.figures_filled == 6


def test_saving_a_kegiatan_or_note_unchanged_writes_no_history_and_keeps_the_version(report, pemda_user):
    entries, _ = _ids(report)
    activity = svc.activity_create(
        report=report, user=pemda_user, entry_id=entries[0].pk, name="Rehab", pagu=1000, realisasi=900
    )
    problem = svc.problem_create(
        report=report, user=pemda_user, category="pengumpulan_data", text="Data belum lengkap"
    )
    report.refresh_from_db()
    version, events = report.version, report.events.count()
    svc.activity_update(
        report=report, user=pemda_user, activity_id=activity.pk, name=" Rehab ", pagu=1000, realisasi=900
    )
    svc.problem_update(
        report=report, user=pemda_user, problem_id=problem.pk, category="pengumpulan_data", text="Data belum lengkap"
    )
    report.refresh_from_db()
    assert (report.version, report.events.count()) == (version, events)
    svc.activity_update(
        report=report, user=pemda_user, activity_id=activity.pk, name="Rehab", pagu=1000, realisasi=950
    )
    assert report.events.filter(message="Kegiatan diubah").count() == 1
