"""Plausibility warnings over HTTP: after a save, on the Kirim page, for the reviewer and in monitoring."""

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from reporting.messages import UNCONFIRMED_WARNINGS
from reporting.models import ReportStatus, ReportWarning, Role, WarningStatus
from reporting.services import quality
from reporting.services import reports as svc
from tests import factories

pytestmark = pytest.mark.django_db

SEED_PAGU, SEED_TYPO = 1072692000, 107104500


@pytest.fixture
def report(kabkota, pemda_user):
    """Jombang PAUD TW I 2026 with the seed's typo in tab B."""
    report = factories.report_with_catalogue(kabkota, services=1, mutu=1)
    return report


def _add_typo(client, report):
    entry = report.entries.get()
    return client.post(
        reverse("reporting:report_kegiatan", kwargs={"pk": report.pk}),
        {
            "action": "add",
            "target": str(entry.pk),
            "version": str(report.version),
            f"add-{entry.pk}-name": "Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD",
            f"add-{entry.pk}-pagu": "1.072.692.000",
            f"add-{entry.pk}-realisasi": "107.104.500",
        },
    )


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_saving_tab_b_with_the_seed_typo_saves_and_warns_in_indonesian(client, pemda_user, report):
    client.force_login(pemda_user)
    response = _add_typo(client, report)
    assert response.status_code == 302
    texts = _messages(response)
    assert "Data tersimpan." in texts
    warning = next(t for t in texts if t.startswith("Peringatan pemeriksaan data"))
    assert "Serapan 9,98 %" in warning and "1.071.045.000" in warning
    assert any("Data tetap tersimpan" in t for t in texts)
    report.refresh_from_db()
    assert report.realisasi_total == SEED_TYPO  # the save was not blocked


def test_saving_tab_a_with_mutu_but_no_receivers_warns(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.get()
    mutu = entry.mutu_entries.get()
    response = client.post(
        reverse("reporting:report_capaian", kwargs={"pk": report.pk}),
        {
            "version": str(report.version),
            f"entry-{entry.pk}-harus_dilayani": "41.250",
            f"entry-{entry.pk}-terlayani": "",
            f"mutu-{mutu.pk}-harus_dipenuhi": "41.250",
            f"mutu-{mutu.pk}-terpenuhi": "40.100",
        },
    )
    assert response.status_code == 302
    assert any("Mutu terpenuhi 40.100 padahal jumlah yang terlayani kosong" in t for t in _messages(response))


def test_kirim_page_lists_warnings_and_a_plain_post_is_refused_with_the_message(client, pemda_user, report):
    client.force_login(pemda_user)
    _add_typo(client, report)
    url = reverse("reporting:report_submit", kwargs={"pk": report.pk})
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Serapan 9,98 %" in html and "Catatan konfirmasi" in html
    refused = client.post(url, {"tab": "capaian"})
    assert refused.status_code == 400
    assert UNCONFIRMED_WARNINGS in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_kirim_with_notes_sends_and_the_reviewer_sees_the_note(client, pemda_user, province_user, report):
    client.force_login(pemda_user)
    _add_typo(client, report)
    url = reverse("reporting:report_submit", kwargs={"pk": report.pk})
    client.get(url)
    notes = {f"catatan-{w.pk}": "Sebagian realisasi belum dicairkan." for w in ReportWarning.objects.all()}
    typed = {**notes, next(iter(notes)): ""}
    half = client.post(url, typed)  # one note missing: refused, the typed notes stay on the page
    assert half.status_code == 400 and "Sebagian realisasi belum dicairkan." in half.content.decode()
    sent = client.post(url, {**notes, "incomplete_reason": "Capaian menyusul."})
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert set(ReportWarning.objects.values_list("status", flat=True)) == {WarningStatus.CONFIRMED}

    client.force_login(province_user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    assert "Pemeriksaan data (2 peringatan)" in page
    assert "Catatan pemda: Sebagian realisasi belum dicairkan." in page
    assert "Baca peringatan dan catatan pemda sebelum menerima" in page
    assert "Terima laporan" in page


def test_kirim_without_warnings_sends_as_before(client, pemda_user, report):
    client.force_login(pemda_user)
    response = client.post(
        reverse("reporting:report_submit", kwargs={"pk": report.pk}), {"incomplete_reason": "Capaian menyusul."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_tab_offers_the_kirim_page_instead_of_a_direct_send_while_warnings_are_open(client, pemda_user, report):
    client.force_login(pemda_user)
    _add_typo(client, report)
    html = client.get(reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})).content.decode()
    kirim = reverse("reporting:report_submit", kwargs={"pk": report.pk})
    assert f'<a class="button" href="{kirim}">Periksa lalu kirim</a>' in html  # the check step, never a direct send
    assert f'action="{kirim}"' not in html


def test_warning_monitoring_page_for_province_and_ministry_and_refused_to_kabkota(
    client, pemda_user, province_user, report
):
    svc.activity_create(
        report=report,
        user=pemda_user,
        entry_id=report.entries.get().pk,
        name="Gedung PAUD",
        pagu=SEED_PAGU,
        realisasi=SEED_TYPO,
    )
    warnings = quality.report_warnings_refresh(report=report)
    report.refresh_from_db()
    svc.report_submit(report=report, user=pemda_user, confirmations={w.pk: "Angka benar." for w in warnings})
    url = reverse("reporting:warning_monitoring")
    assert url == "/pelaporan/monitoring/peringatan/"
    for user in (province_user, factories.UserFactory(role=Role.REVIEWER)):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Jawa Timur" in html and "Serapan 9,98 %" in html and "Angka benar." in html
    client.force_login(pemda_user)
    assert client.get(url).status_code == 403


def _queries(client, url) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client.get(url)  # warm-up: the first Kirim GET stores the new warnings
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_kirim_page_queries_do_not_grow_with_the_warnings(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.get()
    svc.activity_create(report=report, user=pemda_user, entry_id=entry.pk, name="K0", pagu=SEED_PAGU, realisasi=1)
    url = reverse("reporting:report_submit", kwargs={"pk": report.pk})
    few = _queries(client, url)
    for n in range(1, 6):
        report.refresh_from_db()
        svc.activity_create(
            report=report, user=pemda_user, entry_id=entry.pk, name=f"K{n}", pagu=SEED_PAGU, realisasi=1
        )
    assert _queries(client, url) <= few
    assert ReportWarning.objects.filter(report=report).count() == 7


def test_warning_monitoring_queries_do_not_grow_with_the_warnings(client, province, province_user):
    def sent_report_with_typo(code):
        region = factories.KabKotaFactory(code=f"35.{code}", province=province)
        pemda = factories.PemdaUserFactory(region=region)
        report = factories.report_with_catalogue(region, services=1, mutu=1)
        svc.activity_create(
            report=report, user=pemda, entry_id=report.entries.first().pk, name="Gedung", pagu=SEED_PAGU, realisasi=1
        )
        notes = {w.pk: "Benar." for w in quality.report_warnings_refresh(report=report)}
        report.refresh_from_db()
        svc.report_submit(report=report, user=pemda, confirmations=notes)

    client.force_login(province_user)
    sent_report_with_typo("01")
    url = reverse("reporting:warning_monitoring")
    few = _queries(client, url)
    for code in ("02", "03", "04"):
        sent_report_with_typo(code)
    assert _queries(client, url) <= few
    assert ReportWarning.objects.count() == 8  # the kegiatan and the total of four reports
