"""Notifications: who is told of a sent, returned or accepted report and of the deadline; e-mail by choice,
through the task queue and only once the transaction commits; the cached unread count."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reporting.accounts.auth_backends import PortalModelBackend
from reporting.models import Notification, NotificationKind, NotificationPreference, Role
from reporting.selectors.notifications import unread_count
from reporting.services import notifications as svc
from reporting.services import reminders
from reporting.services import reports as report_services
from tests import factories
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kabkota, province):
    """Jombang's pemda account and two operators (Pendidikan and another urusan), Jawa Timur, the ministry."""
    report = factories.report_with_catalogue(kabkota)
    pemda = factories.PemdaUserFactory(region=kabkota, email="jombang@pemda.go.id")
    own_operator = factories.OperatorUserFactory(parent=pemda, urusan=report.urusan, email="dik@pemda.go.id")
    other_operator = factories.OperatorUserFactory(parent=pemda, email="lain@pemda.go.id")
    province_user = factories.PemdaUserFactory(region=province, email="jatim@pemda.go.id")
    reviewer = factories.UserFactory(role=Role.REVIEWER, email="reviewer@kemendagri.go.id")
    return {
        "report": report,
        "pemda": pemda,
        "own_operator": own_operator,
        "other_operator": other_operator,
        "province": province_user,
        "reviewer": reviewer,
    }


def _submit(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_submit(report=people["report"], user=people["pemda"])


def _recipients(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_kabkota_sending_tells_its_province_only(people, django_capture_on_commit_callbacks):
    _submit(people, django_capture_on_commit_callbacks)
    assert _recipients(NotificationKind.SUBMITTED) == [people["province"].username]
    note = Notification.objects.get()
    assert note.report == people["report"]
    assert note.text == "Kabupaten Jombang mengirim laporan PENDIDIKAN TW I 2026 untuk diperiksa."


def test_a_province_sending_tells_the_ministry(province, django_capture_on_commit_callbacks):
    report = factories.report_with_catalogue(province)
    account = factories.PemdaUserFactory(region=province)
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    admin = factories.UserFactory(role=Role.MINISTRY_ADMIN)
    factories.UserFactory(role=Role.EDITOR)
    report_services.report_submit(report=report, user=account)
    assert _recipients(NotificationKind.SUBMITTED) == sorted([reviewer.username, admin.username])


def test_a_return_tells_the_pemda_and_the_operator_of_that_urusan_with_the_reason(
    people, django_capture_on_commit_callbacks
):
    _submit(people, django_capture_on_commit_callbacks)
    report_services.report_return(report=people["report"], user=people["province"], reason="Data <b>guru</b> kurang")
    assert _recipients(NotificationKind.RETURNED) == sorted(
        [people["pemda"].username, people["own_operator"].username]
    )
    note = Notification.objects.filter(kind=NotificationKind.RETURNED).first()
    assert note.text == (
        "Laporan PENDIDIKAN TW I 2026 dikembalikan oleh Provinsi Jawa Timur. Alasan: Data <b>guru</b> kurang"
    )


def test_an_acceptance_tells_the_owners(people, django_capture_on_commit_callbacks):
    _submit(people, django_capture_on_commit_callbacks)
    report_services.report_accept(report=people["report"], user=people["province"])
    assert _recipients(NotificationKind.ACCEPTED) == sorted(
        [people["pemda"].username, people["own_operator"].username]
    )


def test_a_refused_return_notifies_nobody(people, django_capture_on_commit_callbacks):
    _submit(people, django_capture_on_commit_callbacks)
    with pytest.raises(report_services.ReportValidationError):
        report_services.report_return(report=people["report"], user=people["province"], reason="  ")
    with pytest.raises(report_services.ReportPermissionError):
        report_services.report_accept(report=people["report"], user=people["reviewer"])
    assert not Notification.objects.exclude(kind=NotificationKind.SUBMITTED).exists()


def test_email_goes_through_the_task_queue_after_commit_to_those_who_want_it(
    people, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=people["own_operator"], kind=NotificationKind.RETURNED, email=False)
    _submit(people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report_services.report_return(report=people["report"], user=people["province"], reason="Kurang data")
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__notification_id__isnull=False).count() == 1  # submitted
    for callback in callbacks:
        callback()
    run_queued_jobs()
    assert mail.outbox, "nothing was sent"
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"jatim@pemda.go.id", "jombang@pemda.go.id"}  # the operator turned it off
    returned = by_address["jombang@pemda.go.id"]
    assert returned.subject == "Laporan SPM dikembalikan: PENDIDIKAN TW I 2026"
    assert "Alasan: Kurang data" in returned.body
    assert f"/pelaporan/laporan/{people['report'].pk}/capaian/" in returned.body


def test_an_email_queued_under_the_old_task_path_is_still_sent(people, django_capture_on_commit_callbacks):
    """Entries queued before the task moved beside the notifications name ``reporting.tasks.notification_email_send``."""
    _submit(people, django_capture_on_commit_callbacks)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "reporting.services.notifications.notification_email_send"
    DBTaskResult.objects.filter(pk=queued.pk).update(task_path="reporting.tasks.notification_email_send")
    run_queued_jobs()
    assert [m.to for m in mail.outbox] == [["jatim@pemda.go.id"]]
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"


def test_no_email_is_queued_when_the_transaction_rolls_back(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report_services.report_submit(report=people["report"], user=people["pemda"])
    # The callbacks never run (as on a rollback): the queue stays empty although the row exists.
    assert len(callbacks) >= 1
    assert not DBTaskResult.objects.exists()


def test_a_changed_mind_before_the_worker_runs_is_respected(people, django_capture_on_commit_callbacks):
    _submit(people, django_capture_on_commit_callbacks)
    svc.preferences_save(user=people["province"], email_kinds=[], email="jatim@pemda.go.id")
    run_queued_jobs()
    assert mail.outbox == []


def test_the_unread_count_comes_with_the_session_user_and_follows_every_change(
    people, django_capture_on_commit_callbacks
):
    province = people["province"]
    backend = PortalModelBackend()

    def bell():
        user = backend.get_user(province.pk)
        with CaptureQueriesContext(connection) as queries:
            count = unread_count(user)
        assert len(queries) == 0
        return count

    assert bell() == 0
    _submit(people, django_capture_on_commit_callbacks)
    assert bell() == 1
    note = Notification.objects.get(recipient=province)
    assert svc.notifications_mark_read(user=people["pemda"], notification_id=note.pk) == 0  # not its own
    assert bell() == 1
    assert svc.notifications_mark_read(user=province, notification_id=note.pk) == 1
    assert bell() == 0
    assert unread_count(province) == 0  # a user loaded elsewhere: one count


def test_preferences_default_to_email_and_are_kept_per_kind(people):
    user = people["pemda"]
    assert svc.email_kinds_get(user) == set(NotificationKind.values)
    svc.preferences_save(user=user, email_kinds=[NotificationKind.RETURNED], email="baru@pemda.go.id")
    assert svc.email_kinds_get(user) == {NotificationKind.RETURNED}
    user.refresh_from_db()
    assert user.email == "baru@pemda.go.id"


def test_the_deadline_reminds_the_pemda_and_the_operators_of_a_missing_urusan(people):
    report = people["report"]
    deadline_day = timezone.localdate(report.period.closes_at)
    NotificationPreference.objects.create(user=people["pemda"], kind=NotificationKind.DEADLINE, email=False)
    sent = reminders.reminders_send(today=deadline_day - datetime.timedelta(days=3), days=3)
    jombang = next(r for r in sent if r.region == report.region)
    assert jombang.recipients == []  # the pemda turned the deadline e-mail off: in the app only
    everyone = ("pemda", "own_operator", "other_operator", "province")
    assert _recipients(NotificationKind.DEADLINE) == sorted(people[k].username for k in everyone)
    operator_note = Notification.objects.get(recipient=people["own_operator"])
    assert "(3 hari lagi). Belum dikirim: PENDIDIKAN." in operator_note.text  # only its own urusan
    other = people["other_operator"]
    assert Notification.objects.get(recipient=other).text.endswith(f"Belum dikirim: {other.urusan.short_name}.")
    pemda_note = Notification.objects.get(recipient=people["pemda"])
    assert "PENDIDIKAN" in pemda_note.text and other.urusan.short_name in pemda_note.text
    assert not any(m.to == ["jombang@pemda.go.id"] for m in mail.outbox)
    assert any(m.to == ["jatim@pemda.go.id"] for m in mail.outbox)
