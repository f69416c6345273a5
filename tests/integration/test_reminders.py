"""Reminders: who is e-mailed N days before the deadline, and the command."""

import datetime
import threading

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from reporting.jobs import recovery
from reporting.messages import REMINDERS_DONE
from reporting.models import (
    Job,
    JobKind,
    JobStatus,
    Notification,
    NotificationKind,
    PeriodExtension,
    ReminderRecord,
    ReminderStatus,
)
from reporting.services import reminders
from tests import factories
from tests.integration.test_monitoring_selectors import build_world
from tests.jobs import run_queued_jobs

DEADLINE_DAY = datetime.date(2026, 4, 20)


@pytest.fixture
def world(db):
    world = build_world()
    for key in ("jatim", "jombang", "surabaya", "malang", "jabar", "bogor"):
        factories.PemdaUserFactory(region=world[key], email=f"{key}@pemda.go.id")
    factories.PemdaUserFactory(region=world["gone"], email="lama@pemda.go.id")
    return world


def test_pemda_missing_reports_are_reminded_seven_days_before(world):
    sent = reminders.reminders_send(today=DEADLINE_DAY - datetime.timedelta(days=7), days=7)
    assert sorted(r.region.code for r in sent) == ["32", "32.71", "35", "35.07", "35.78"]
    assert len(mail.outbox) == 5
    surabaya = next(m for m in mail.outbox if m.to == ["surabaya@pemda.go.id"])
    assert "TW I 2026" in surabaya.subject and "20-04-2026" in surabaya.subject
    assert "- PENDIDIKAN" in surabaya.body  # its draft does not count as sent
    assert "KESEHATAN" not in surabaya.body


def test_a_pemda_with_an_extension_is_reminded_against_its_own_deadline(world):
    PeriodExtension.objects.create(
        period=world["period"],
        region=world["bogor"],
        closes_at=world["period"].closes_at + datetime.timedelta(days=10),
    )
    on_period = reminders.reminder_list(today=DEADLINE_DAY - datetime.timedelta(days=1), days=1)
    assert "32.71" not in [r.region.code for r in on_period]
    on_extension = reminders.reminder_list(today=DEADLINE_DAY + datetime.timedelta(days=9), days=1)
    assert [r.region.code for r in on_extension] == ["32.71"]


def test_nobody_is_reminded_on_other_days_or_without_email(world):
    assert reminders.reminders_send(today=DEADLINE_DAY - datetime.timedelta(days=8), days=7) == []
    assert mail.outbox == []


def test_complete_and_inactive_pemda_are_never_reminded(world):
    codes = [r.region.code for r in reminders.reminder_list(today=DEADLINE_DAY, days=0)]
    assert "35.17" not in codes and "32.99" not in codes


def test_command_dry_run_sends_nothing(world, capsys):
    call_command("send_reminders", "--days", "7", "--date", "2026-04-13", "--dry-run")
    out = capsys.readouterr().out
    assert "[uji] 3578 TW I 2026: PENDIDIKAN" in out and "5 pengingat" in out
    assert mail.outbox == []


def test_command_sends_for_each_day_count(world):
    call_command("send_reminders", "--days", "7,1", "--date", "2026-04-13")
    assert len(mail.outbox) == 5


def test_reminder_queries_do_not_grow_with_pemda(world, django_assert_max_num_queries):
    for n in range(10):
        region = factories.KabKotaFactory(code=f"35.{60 + n}", login_code=f"35{60 + n}", province=world["jatim"])
        factories.PemdaUserFactory(region=region, email=f"k{n}@pemda.go.id")
    with django_assert_max_num_queries(6):
        reminders.reminder_list(today=DEADLINE_DAY - datetime.timedelta(days=7), days=7)


# --- At most once: a rerun, the job queue, a second host ------------------------------------------------

SEVEN_DAYS_BEFORE = DEADLINE_DAY - datetime.timedelta(days=7)


def _deadline_notifications():
    return Notification.objects.filter(kind=NotificationKind.DEADLINE).count()


def test_a_second_run_sends_no_email_and_no_notification_twice(world):
    first = reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    notified = _deadline_notifications()
    assert len(first) == 5 and len(mail.outbox) == 5 and notified > 0
    again = reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    assert again == []
    assert len(mail.outbox) == 5 and _deadline_notifications() == notified


def test_each_sent_reminder_is_recorded_with_its_recipients(world):
    reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    record = ReminderRecord.objects.get(region=world["surabaya"])
    assert record.status == ReminderStatus.SENT and record.sent_at is not None
    assert record.days_before == 7 and record.period == world["period"]
    assert record.recipients == "surabaya@pemda.go.id"
    assert ReminderRecord.objects.count() == 5


def test_another_day_offset_is_a_reminder_of_its_own(world):
    reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    reminders.reminders_send(today=DEADLINE_DAY - datetime.timedelta(days=1), days=1)
    assert len(mail.outbox) == 10
    assert sorted(set(ReminderRecord.objects.values_list("days_before", flat=True))) == [1, 7]


def test_a_failed_email_is_recorded_and_not_sent_again_by_a_rerun(world, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def refuse_surabaya(self, messages):
        if messages[0].to == ["surabaya@pemda.go.id"]:
            raise ConnectionRefusedError("SMTP menolak")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_surabaya)
    reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    failed = ReminderRecord.objects.get(region=world["surabaya"])
    assert failed.status == ReminderStatus.FAILED and "SMTP menolak" in failed.error
    assert len(mail.outbox) == 4  # the others still got theirs
    monkeypatch.setattr(EmailBackend, "send_messages", real)
    reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    assert len(mail.outbox) == 4


def test_the_command_queues_the_reminders_as_a_job_the_worker_runs_once(world):
    call_command("send_reminders", "--days", "7,1", "--date", "2026-04-13", "--queue")
    call_command("send_reminders", "--days", "7,1", "--date", "2026-04-13", "--queue")
    assert mail.outbox == []  # nothing sent by the command itself
    run_queued_jobs()
    first, second = Job.objects.filter(kind=JobKind.REMINDERS).order_by("pk")
    assert first.status == second.status == JobStatus.DONE
    assert first.message == REMINDERS_DONE.format(sent=5, failed=0)
    assert second.message == REMINDERS_DONE.format(sent=0, failed=0)
    assert first.rows_done == first.rows_total == 2
    assert len(mail.outbox) == 5


@pytest.fixture
def committed_world(transactional_db):
    world = build_world()
    for key in ("jatim", "jombang", "surabaya", "malang", "jabar", "bogor"):
        factories.PemdaUserFactory(region=world[key], email=f"{key}@pemda.go.id")
    return world


def test_two_hosts_running_at_the_same_moment_send_each_email_once(committed_world, monkeypatch):
    """Two runs on their own database connections (as two hosts) reach the claim together; PostgreSQL's unique
    index lets exactly one of them insert each record."""
    if connection.vendor != "postgresql":
        pytest.skip("the concurrent claim is proven on PostgreSQL (DATABASE_URL); SQLite serialises writers")
    both_listed = threading.Barrier(2, timeout=30)
    real_list = reminders.reminder_list

    def list_then_wait(**kwargs):
        found = real_list(**kwargs)
        both_listed.wait()  # both hosts have decided whom to remind before either claims
        return found

    monkeypatch.setattr(reminders, "reminder_list", list_then_wait)
    claimed, errors = [], []

    def host():
        try:
            claimed.append(len(reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)))
        except Exception as error:  # reported below; a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=host) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(claimed) == 5
    assert len(mail.outbox) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted({m.to[0] for m in mail.outbox})
    assert ReminderRecord.objects.filter(status=ReminderStatus.SENT).count() == 5


# --- A sender killed mid-run (issue 23.10): claims are leases -------------------------------------------


def _stop_after(monkeypatch, count):
    """The mail server takes ``count`` e-mails, then the sending process is stopped (SIGTERM's SystemExit)."""
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def send(self, messages):
        if len(mail.outbox) >= count:
            raise SystemExit(1)
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send)
    return real


def _deadline_ahead(world):
    """The claims were made on their day; now the deadline is still ahead (as it is when a run is retried)."""
    Period = type(world["period"])
    Period.objects.filter(pk=world["period"].pk).update(closes_at=timezone.now() + datetime.timedelta(days=3))


def test_each_reminder_is_recorded_sent_as_soon_as_its_email_leaves(world, monkeypatch):
    _stop_after(monkeypatch, 2)
    with pytest.raises(SystemExit):
        reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    statuses = sorted(ReminderRecord.objects.values_list("status", flat=True))
    assert statuses == ["claimed"] * 3 + ["sent"] * 2


def test_claims_of_a_stopped_run_are_sent_again_once_their_lease_ran_out(world, monkeypatch, settings):
    real = _stop_after(monkeypatch, 2)
    with pytest.raises(SystemExit):
        reminders.reminders_send(today=SEVEN_DAYS_BEFORE, days=7)
    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", real)
    _deadline_ahead(world)
    assert reminders.reminders_resend_expired() == []  # still within the lease: the sender may be alive
    ReminderRecord.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    resent = reminders.reminders_resend_expired()
    assert len(resent) == 3 and len(mail.outbox) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted({m.to[0] for m in mail.outbox})  # nobody twice
    assert set(ReminderRecord.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}
    assert reminders.reminders_resend_expired() == []


def test_a_claim_no_longer_needed_is_skipped_not_sent(world):
    with transaction.atomic():
        reminders.reminders_claim(reminders=reminders.reminder_list(today=SEVEN_DAYS_BEFORE, days=7), days=7)
    ReminderRecord.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert reminders.reminders_resend_expired() == []  # the deadline of 20-04-2026 has passed
    assert mail.outbox == []
    record = ReminderRecord.objects.get(region=world["surabaya"])
    assert record.status == ReminderStatus.SKIPPED and "batas input sudah lewat" in record.error


def test_the_job_workers_recovery_queues_the_expired_claims_and_a_worker_sends_them(world):
    with transaction.atomic():
        reminders.reminders_claim(reminders=reminders.reminder_list(today=SEVEN_DAYS_BEFORE, days=7), days=7)
    _deadline_ahead(world)
    ReminderRecord.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    recovery.jobs_recover()
    recovery.jobs_recover()  # a second worker's recovery queues nothing more
    assert Job.objects.filter(kind=JobKind.REMINDERS).count() == 1
    run_queued_jobs()
    assert len(mail.outbox) == 5
    assert Job.objects.get(kind=JobKind.REMINDERS).message == REMINDERS_DONE.format(sent=5, failed=0)
