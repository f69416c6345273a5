"""Issue 25 over HTTP: reading a quarter creates nothing, Daftar bidang says Batas input and why a quarter is
closed, Kirim is a check step (an incomplete report needs a reason the reviewer reads, or is refused when the
ministry forbids it), refused forms open with an error summary that links to each field, notifications end
(opened, acted on, all at once) and the forum moderator is told of an abuse report."""

import datetime
import re

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum.forum_abuse import services as abuse_services
from forum.forum_abuse.forums import forums_setup
from reporting import messages
from reporting.accounts.services.roles import roles_setup
from reporting.models import Notification, NotificationKind, Report, ReportingSettings, ReportStatus
from reporting.services import notifications as notification_services
from reporting.services import reports as svc
from tests import factories

pytestmark = pytest.mark.django_db


def _catalogue(urusan, services=2, mutu=1):
    for i in range(services):
        service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota", name=f"Layanan {i}")
        for j in range(mutu):
            factories.MutuItemFactory(service=service, name=f"Mutu {i}.{j}")


@pytest.fixture
def urusan(db):
    urusan = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    _catalogue(urusan)
    return urusan


@pytest.fixture
def open_period(db):
    return factories.PeriodFactory(year=2026, quarter=4)


@pytest.fixture
def closed_period(db):
    now = timezone.now()
    return factories.PeriodFactory(
        year=2026, quarter=1, opens_at=now - datetime.timedelta(days=300), closes_at=now - datetime.timedelta(days=200)
    )


def _open_url(region, urusan, period):
    return reverse(
        "reporting:report_open",
        kwargs={
            "login_code": region.login_code,
            "urusan_id": urusan.pk,
            "year": period.year,
            "quarter": period.quarter,
        },
    )


# --- 25.4 Closed quarters create no empty reports -------------------------------------------------------


def test_reading_a_quarter_creates_nothing_and_isi_creates_the_open_one(client, pemda_user, urusan, open_period):
    client.force_login(pemda_user)
    url = _open_url(pemda_user.region, urusan, open_period)
    page = client.get(url)
    assert page.status_code == 200
    assert not Report.objects.exists()
    assert 'method="post"' in page.content.decode()
    response = client.post(url)
    report = Report.objects.get(region=pemda_user.region, urusan=urusan, period=open_period)
    assert response.url == reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    assert client.post(url).url == response.url  # Isi again opens the same report
    assert Report.objects.count() == 1


def test_a_closed_quarter_says_why_and_never_gets_an_empty_report(client, pemda_user, urusan, closed_period):
    client.force_login(pemda_user)
    url = _open_url(pemda_user.region, urusan, closed_period)
    html = client.get(url).content.decode()
    closes = timezone.localtime(closed_period.closes_at).strftime("%d-%m-%Y %H:%M")
    assert messages.QUARTER_CLOSED.format(closes_at=closes) in html
    response = client.post(url, follow=True)
    assert response.status_code == 400
    assert messages.REPORT_START_CLOSED in response.content.decode()
    assert not Report.objects.exists()


def test_daftar_bidang_shows_batas_input_the_closed_reason_and_isi_as_a_form(
    client, pemda_user, urusan, open_period, closed_period
):
    client.force_login(pemda_user)
    html = client.get(reverse("reporting:bidang_list") + "?tahun=2026").content.decode()
    assert not Report.objects.exists()
    open_closes = timezone.localtime(open_period.closes_at).strftime("%d-%m-%Y %H:%M")
    assert f"Batas input {open_closes}" in html
    closed = timezone.localtime(closed_period.closes_at).strftime("%d-%m-%Y %H:%M")
    assert messages.QUARTER_CLOSED.format(closes_at=closed) in html
    # The open quarter: a POST form with "Isi", marked as the open one (first on a phone).
    assert re.search(r'<td class="status-cell is-open" data-label="TW IV \(dibuka\)">', html)
    assert f'action="{_open_url(pemda_user.region, urusan, open_period)}"' in html
    assert f'action="{_open_url(pemda_user.region, urusan, closed_period)}"' not in html


# --- 25.3 Kirim with a look back ------------------------------------------------------------------------


@pytest.fixture
def draft(pemda_user, urusan, open_period):
    report = svc.report_get_or_create(region=pemda_user.region, urusan=urusan, period=open_period)
    entry = report.entries.order_by("order").first()
    svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=report.version,
        entries={entry.pk: {"harus_dilayani": 100, "terlayani": 90, "mutu": {}}},
    )
    report.refresh_from_db()
    return report


def test_the_check_step_lists_filled_and_empty_figures_per_service(client, pemda_user, draft):
    client.force_login(pemda_user)
    layout = client.get(reverse("reporting:report_capaian", kwargs={"pk": draft.pk})).content.decode()
    assert "Periksa lalu kirim" in layout and 'name="tab" value="capaian"' not in layout  # no send at once
    html = client.get(reverse("reporting:report_submit", kwargs={"pk": draft.pk})).content.decode()
    assert f"Terisi {draft.figures_filled} dari {draft.figures_required} isian capaian" in html
    assert "Layanan 0" in html and "2/4 terisi" in html and "0/4 terisi" in html
    first_empty = draft.entries.order_by("order")[1]
    assert f'#id-entry-{first_empty.pk}-harus_dilayani"' in html  # each empty figure links to its input
    assert 'name="incomplete_reason"' in html
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def test_an_incomplete_report_needs_a_reason_that_the_reviewer_reads(client, pemda_user, province_user, draft):
    client.force_login(pemda_user)
    url = reverse("reporting:report_submit", kwargs={"pk": draft.pk})
    refused = client.post(url, {"incomplete_reason": "  "})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "data-error-summary" in html
    assert f'<a href="#id-incomplete_reason">{messages.INCOMPLETE_REASON_REQUIRED}</a>' in html
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT

    sent = client.post(url, {"incomplete_reason": "Data mutu dari dinas belum masuk."})
    assert sent.status_code == 302
    report = Report.objects.get(pk=draft.pk)
    assert report.status == ReportStatus.SUBMITTED
    assert report.incomplete_reason == "Data mutu dari dinas belum masuk."
    client.force_login(province_user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": draft.pk})).content.decode()
    assert "Dikirim belum lengkap." in page and "Data mutu dari dinas belum masuk." in page


def test_the_ministry_may_forbid_sending_an_incomplete_report(client, pemda_user, draft):
    settings_row = ReportingSettings.load()
    settings_row.allow_incomplete_submit = False
    settings_row.save()
    client.force_login(pemda_user)
    url = reverse("reporting:report_submit", kwargs={"pk": draft.pk})
    html = client.get(url).content.decode()
    assert messages.INCOMPLETE_SUBMIT_FORBIDDEN in html
    assert "Kirim laporan</button>" not in html
    refused = client.post(url, {"incomplete_reason": "Tetap kirim"})
    assert refused.status_code == 400
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def test_a_complete_report_is_sent_without_a_reason(client, pemda_user, urusan, open_period):
    report = svc.report_get_or_create(region=pemda_user.region, urusan=urusan, period=open_period)
    entries = {
        e.pk: {
            "harus_dilayani": 10,
            "terlayani": 10,
            "mutu": {m.pk: {"harus_dipenuhi": 5, "terpenuhi": 5} for m in e.mutu_entries.all()},
        }
        for e in report.entries.all()
    }
    svc.report_capaian_save(report=report, user=pemda_user, expected_version=report.version, entries=entries)
    client.force_login(pemda_user)
    url = reverse("reporting:report_submit", kwargs={"pk": report.pk})
    assert 'name="incomplete_reason"' not in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.incomplete_reason == ""


# --- 25.2 Errors out of view ----------------------------------------------------------------------------


def test_a_refused_tab_a_value_opens_with_a_summary_linking_to_its_field(client, pemda_user, draft):
    client.force_login(pemda_user)
    entry = draft.entries.order_by("order")[1]
    data = {"version": str(draft.version), f"entry-{entry.pk}-terlayani": "12a"}
    response = client.post(reverse("reporting:report_capaian", kwargs={"pk": draft.pk}), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert f'href="#id-entry-{entry.pk}-terlayani"' in summary and "Layanan 1" in summary
    assert html.index("data-error-summary") < html.index("<h1")  # at the top of the page
    assert f'id="id-entry-{entry.pk}-terlayani" value="12a"' in html  # the typed value kept


def test_other_forms_get_the_summary_too(client, pemda_user):
    client.force_login(pemda_user)
    response = client.post(reverse("reporting:operator_list"), {"username": ""})
    html = response.content.decode()
    assert "data-error-summary" in html and 'href="#id_' in html


# --- 25.5 Notifications end -----------------------------------------------------------------------------


def test_a_notification_is_read_when_opened_and_only_its_owner_opens_it(client, pemda_user, province_user, draft):
    mine = notification_services.report_returned_notify(report=draft, reason="Lengkapi mutu")[0]
    client.force_login(province_user)
    assert client.get(reverse("reporting:notification_open", args=[mine.pk])).status_code == 404
    client.force_login(pemda_user)
    listing = client.get(reverse("reporting:notification_list")).content.decode()
    assert "Tandai semua dibaca" in listing
    assert reverse("reporting:notification_open", args=[mine.pk]) in listing
    response = client.get(reverse("reporting:notification_open", args=[mine.pk]))
    assert response.url == reverse("reporting:report_capaian", kwargs={"pk": draft.pk})
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_opening_the_report_reads_its_notifications(client, pemda_user, draft):
    note = notification_services.report_accepted_notify(report=draft)[0]
    other = notification_services.notifications_create(
        kind=NotificationKind.DEADLINE, recipients=type(pemda_user).objects.filter(pk=pemda_user.pk), text="x"
    )[0]
    client.force_login(pemda_user)
    html = client.get(reverse("reporting:report_capaian", kwargs={"pk": draft.pk})).content.decode()
    assert 'aria-label="Notifikasi: 1 belum dibaca"' in html  # the bell on this very page agrees
    note.refresh_from_db()
    other.refresh_from_db()
    assert note.read_at is not None and other.read_at is None


def test_notifications_are_read_once_their_report_is_acted_on(client, pemda_user, province_user, draft):
    svc.report_submit(report=draft, user=pemda_user, incomplete_reason="Menyusul")
    sent_notice = Notification.objects.get(recipient=province_user, kind=NotificationKind.SUBMITTED)
    assert sent_notice.read_at is None
    svc.report_return(report=draft, user=province_user, reason="Lengkapi data mutu")
    sent_notice.refresh_from_db()
    assert sent_notice.read_at is not None  # the reviewer acted on it
    returned = Notification.objects.get(recipient=pemda_user, kind=NotificationKind.RETURNED)
    assert returned.read_at is None
    svc.report_submit(report=Report.objects.get(pk=draft.pk), user=pemda_user, incomplete_reason="Menyusul")
    returned.refresh_from_db()
    assert returned.read_at is not None  # sent again: the return was acted on


def test_the_moderator_is_told_of_an_abuse_report_and_lands_on_the_queue(client):
    roles_setup()
    factories.UrusanFactory(code="1.01", name="Pendidikan")
    forum = forums_setup()[0]
    moderator = factories.ModeratorUserFactory(email="moderator@kemendagri.go.id")
    author = factories.PemdaUserFactory(region=factories.KabKotaFactory(name="Kota Surabaya"))
    reporter = factories.PemdaUserFactory(region=factories.KabKotaFactory(name="Kabupaten Jombang"))
    topic = factories.ForumTopicFactory(forum=forum, poster=author, subject="Jual pulsa murah")
    abuse_services.report_create(post=topic.first_post, reporter=reporter, reason="spam")
    notice = Notification.objects.get(recipient=moderator, kind=NotificationKind.FORUM_ABUSE)
    assert "Jual pulsa murah" in notice.text
    assert not Notification.objects.filter(recipient=reporter).exists()

    client.force_login(moderator)
    opened = client.get(reverse("reporting:notification_open", args=[notice.pk]))
    assert opened.url == reverse("reporting:dashboard") + "#laporan-forum"
    dashboard = client.get(reverse("reporting:dashboard")).content.decode()
    assert 'id="laporan-forum"' in dashboard and "Jual pulsa murah" in dashboard
    assert reverse("forum_abuse_post", args=[topic.first_post.pk]) in dashboard

    abuse_services.post_restore(post=topic.first_post, moderator=moderator, note="Bukan spam")
    second = factories.ModeratorUserFactory()
    assert not Notification.objects.filter(kind=NotificationKind.FORUM_ABUSE, read_at__isnull=True).exists()
    assert "Tidak ada laporan yang menunggu keputusan." in _dashboard(client, second)


def _dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("reporting:dashboard")).content.decode()


def test_the_abuse_email_goes_to_moderators_who_keep_it():
    roles_setup()
    moderator = factories.ModeratorUserFactory(email="moderator@kemendagri.go.id")
    created = notification_services.forum_abuse_notify(
        moderators=type(moderator).objects.filter(pk=moderator.pk), subject="Judul", reason="Spam", open_count=1
    )
    assert notification_services.notification_email_deliver(notification_id=created[0].pk)
    assert mail.outbox[-1].subject == messages.FORUM_ABUSE_SUBJECT
    assert reverse("reporting:notification_open", args=[created[0].pk]) in mail.outbox[-1].body
