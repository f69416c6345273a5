"""Ministry admin for reports (browse, filter, reopen) and the yearly documents page (SK Tim, tahapan, rencana aksi)."""

import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reporting.accounts.services.roles import roles_setup
from reporting.models import ImplementationStage, ReportStatus, SkTim
from reporting.services import documents as doc_services
from reporting.services import reports as svc
from tests import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def report(kabkota, pemda_user):
    urusan = factories.UrusanFactory(code="1.03", name="Pekerjaan Umum", short_name="PEKERJAAN UMUM")
    factories.ServiceTypeFactory(urusan=urusan, year=2026)
    period = factories.PeriodFactory(year=2026, quarter=1)
    return svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)


@pytest.fixture
def ministry_admin(db):
    roles_setup()
    return factories.UserFactory(role="ministry_admin", is_staff=True)


def test_ministry_lists_sent_reports_but_not_drafts(client, ministry_admin, report, pemda_user):
    draft = factories.ReportFactory(region=report.region, period=report.period)
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(ministry_admin)
    response = client.get(reverse("reporting_report_modeladmin_index") + "?status=submitted")
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("reporting:report_capaian", kwargs={"pk": report.pk}) in page
    assert reverse("reporting:report_capaian", kwargs={"pk": draft.pk}) not in page


def test_ministry_reopens_a_submitted_report_after_the_deadline(client, ministry_admin, report, pemda_user):
    svc.report_submit(report=report, user=pemda_user)
    period = report.period
    period.closes_at = timezone.now() - datetime.timedelta(hours=1)
    period.opens_at = timezone.now() - datetime.timedelta(days=30)
    period.save()
    client.force_login(ministry_admin)
    until = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("reporting_report_reopen", args=[report.pk]), {"until": until, "reason": "Revisi data"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.return_reason == "Revisi data"
    svc.problem_create(report=report, user=pemda_user, category="lain_lain", text="Diperbaiki")


def test_pemda_cannot_reach_the_report_admin_or_reopen(client, pemda_user, report):
    client.force_login(pemda_user)
    assert client.get(reverse("reporting_report_reopen", args=[report.pk])).status_code in (302, 403)
    with pytest.raises(svc.ReportPermissionError):
        svc.report_reopen(report=report, user=pemda_user, until=timezone.now() + datetime.timedelta(days=1))


def test_pemda_saves_sk_tim_stages_and_rencana_aksi(client, pemda_user, kabkota):
    client.force_login(pemda_user)
    url = reverse("reporting:documents", args=[kabkota.login_code]) + "?tahun=2026"
    response = client.post(
        url,
        {
            "action": "sk_tim",
            "nomor": "188/42/KPTS/013/2020",
            "judul": "TIM PENERAPAN SPM",
            "file": SimpleUploadedFile("sk.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert SkTim.objects.get(region=kabkota, year=2026).nomor == "188/42/KPTS/013/2020"
    stages = {f"stage-{n}": "selesai" for n in (1, 2)} | {f"stage-{n}": "proses" for n in (3, 4)}
    assert client.post(url, {"action": "stages", **stages}).status_code == 302
    assert ImplementationStage.objects.filter(region=kabkota, year=2026, status="selesai").count() == 2
    assert client.post(url, {"action": "rencana_aksi", "file": SimpleUploadedFile("ra.pdf", PDF)}).status_code == 302
    page = client.get(url).content.decode()
    assert "188/42/KPTS/013/2020" in page and "ra.pdf" in page
    download = client.get(reverse("reporting:document_file", args=[kabkota.login_code, 2026, "sk-tim"]))
    assert download["Content-Disposition"].startswith("attachment")


def test_sk_tim_must_be_a_pdf(client, pemda_user, kabkota):
    client.force_login(pemda_user)
    url = reverse("reporting:documents", args=[kabkota.login_code]) + "?tahun=2026"
    response = client.post(
        url, {"action": "sk_tim", "nomor": "1", "judul": "SK", "file": SimpleUploadedFile("sk.pdf", b"GIF89a fake")}
    )
    assert response.status_code == 400
    assert "Dokumen harus berupa PDF." in response.content.decode()
    assert not SkTim.objects.exists()


def test_documents_are_read_only_for_the_province_and_hidden_from_others(client, pemda_user, province_user, kabkota):
    doc_services.sk_tim_save(
        region=kabkota, year=2026, user=pemda_user, nomor="1", judul="SK", uploaded=SimpleUploadedFile("sk.pdf", PDF)
    )
    url = reverse("reporting:documents", args=[kabkota.login_code]) + "?tahun=2026"
    client.force_login(province_user)
    page = client.get(url).content.decode()
    assert "sk.pdf" in page and "Simpan SK Tim" not in page
    assert client.post(url, {"action": "stages"}).status_code == 403
    client.force_login(factories.PemdaUserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("reporting:document_file", args=[kabkota.login_code, 2026, "sk-tim"])).status_code == 404


def test_ministry_browses_filters_and_exports_the_report_history(client, ministry_admin, report, pemda_user):
    svc.report_submit(report=report, user=pemda_user)
    draft = factories.ReportFactory(region=report.region, period=report.period)
    client.force_login(ministry_admin)
    index = reverse("reporting_reportevent_modeladmin_index")

    page = client.get(index + "?kind=transition")
    assert page.status_code == 200
    assert "Laporan dikirim" in page.content.decode()
    exported = client.get(index + "?kind=transition&export=csv")
    assert exported.status_code == 200
    text = b"".join(exported.streaming_content if exported.streaming else [exported.content]).decode()
    assert "Laporan dikirim" in text and str(draft) not in text


def test_accounts_are_edited_in_one_admin_screen(client, db):
    """Even a superuser, who may open every admin screen, is offered only "Akun" for accounts."""
    client.force_login(factories.UserFactory(role="ministry_admin", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert reverse("reporting_user_modeladmin_index") in html
    assert reverse("wagtailusers_users:index") not in html


def test_the_report_detail_page_prints_figures_as_the_portal_does(client, ministry_admin, report, pemda_user):
    svc.report_submit(report=report, user=pemda_user)
    type(report).objects.filter(pk=report.pk).update(
        pagu_total=1200998320, realisasi_total=1072692000, capaian_penerima="99.85", figures_required=1234
    )
    client.force_login(ministry_admin)
    page = client.get(reverse("reporting_report_modeladmin_inspect", args=[report.pk])).content.decode()
    for text in ("1.200.998.320", "1.072.692.000", "99,85 %", "1.234", "pagu (Rp)", "isian wajib"):
        assert text in page, text
    assert "1200998320" not in page and "figures required" not in page.lower()
