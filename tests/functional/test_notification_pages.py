"""The bell, the notification list, marking read (POST), the e-mail choices, and the return reason shown
on the dashboard and the Daftar bidang."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.messages import EMAIL_INVALID, NOTIFICATIONS_MARKED_READ
from reporting.models import Notification, NotificationKind, NotificationPreference
from reporting.services import notifications as svc
from reporting.services import reports as report_services
from tests import factories

pytestmark = pytest.mark.django_db
LIST = "/pelaporan/notifikasi/"


@pytest.fixture
def returned(kabkota, province_user, pemda_user):
    report = factories.report_with_catalogue(kabkota)
    report_services.report_submit(report=report, user=pemda_user)
    report_services.report_return(report=report, user=province_user, reason="Lampirkan <script>x</script> data")
    return report


def _notes(user, count):
    return [
        svc.notifications_create(kind=NotificationKind.ACCEPTED, recipients=_qs(user), text=f"n{i}")
        for i in range(count)
    ]


def _qs(user):
    from reporting.models import User

    return User.objects.filter(pk=user.pk)


def test_the_bell_shows_the_unread_count_and_the_list_escapes_the_reason(client, pemda_user, returned):
    client.force_login(pemda_user)
    html = client.get(reverse("reporting:dashboard")).content.decode()
    assert 'aria-label="Notifikasi: 1 belum dibaca"' in html
    assert re.search(r'class="bell-count"[^>]*>1<', html)
    page = client.get(LIST).content.decode()
    assert "Alasan: Lampirkan &lt;script&gt;x&lt;/script&gt; data" in page
    assert "<script>x</script>" not in page
    assert "Belum dibaca" in page


def test_marking_read_is_a_post_of_ones_own_notifications(client, pemda_user, province_user, returned):
    client.force_login(pemda_user)
    mine = Notification.objects.get(recipient=pemda_user)
    theirs = _notes(province_user, 1)[0][0]
    assert client.get(reverse("reporting:notification_mark_read")).status_code == 405
    client.post(reverse("reporting:notification_mark_read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(reverse("reporting:notification_mark_read"), {"id": mine.pk}, follow=True)
    mine.refresh_from_db()
    assert mine.read_at is not None
    html = response.content.decode()
    assert NOTIFICATIONS_MARKED_READ in html and 'aria-label="Notifikasi: tidak ada yang belum dibaca"' in html


def test_mark_all_read(client, pemda_user, returned):
    _notes(pemda_user, 3)
    client.force_login(pemda_user)
    client.post(reverse("reporting:notification_mark_read"))
    assert not Notification.objects.filter(recipient=pemda_user, read_at__isnull=True).exists()


def test_the_mark_read_form_needs_the_csrf_token(pemda_user, returned):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(pemda_user)
    assert client.post(reverse("reporting:notification_mark_read")).status_code == 403
    assert Notification.objects.filter(recipient=pemda_user, read_at__isnull=True).exists()


def test_preferences_page_saves_the_choice_per_kind_and_the_address(client, pemda_user):
    client.force_login(pemda_user)
    url = reverse("reporting:notification_preferences")
    html = client.get(url).content.decode()
    assert html.count('type="checkbox"') == len(NotificationKind.values) and html.count("checked") == len(
        NotificationKind.values
    )
    response = client.post(url, {"email_kinds": ["returned", "deadline"], "email": "jombang@pemda.go.id"})
    assert response.status_code == 302
    assert set(NotificationPreference.objects.filter(user=pemda_user, email=True).values_list("kind", flat=True)) == {
        "returned",
        "deadline",
    }
    pemda_user.refresh_from_db()
    assert pemda_user.email == "jombang@pemda.go.id"


def test_a_bad_address_is_refused_in_indonesian_and_nothing_is_saved(client, pemda_user):
    client.force_login(pemda_user)
    response = client.post(reverse("reporting:notification_preferences"), {"email_kinds": [], "email": "bukan-email"})
    assert response.status_code == 200
    assert EMAIL_INVALID in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_return_reason_is_on_the_dashboard_and_the_daftar_bidang(client, pemda_user, returned):
    client.force_login(pemda_user)
    dashboard = client.get(reverse("reporting:dashboard"), {"tahun": 2026, "triwulan": 1}).content.decode()
    assert "LAPORAN DIKEMBALIKAN UNTUK DIPERBAIKI" in dashboard
    assert "Lampirkan &lt;script&gt;x&lt;/script&gt; data" in dashboard
    bidang = client.get(reverse("reporting:bidang_list"), {"tahun": 2026}).content.decode()
    assert "Alasan dikembalikan: Lampirkan &lt;script&gt;x&lt;/script&gt; data" in bidang


def _count(client, url):
    cache.clear()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_bell_cost_the_same_for_few_and_many_notifications(client, pemda_user, returned):
    client.force_login(pemda_user)
    few_list, few_dashboard = _count(client, LIST), _count(client, reverse("reporting:dashboard"))
    _notes(pemda_user, 30)
    assert _count(client, LIST) == few_list
    assert _count(client, reverse("reporting:dashboard")) == few_dashboard


def test_the_bell_needs_no_query_of_its_own(client, pemda_user, returned):
    """The count rides in the session's user query."""
    client.force_login(pemda_user)
    url = reverse("reporting:bidang_list")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    about_notifications = [q["sql"] for q in queries.captured_queries if "reporting_notification" in q["sql"]]
    assert len(about_notifications) == 1 and '"reporting_user"' in about_notifications[0]
