"""Reminders: who is e-mailed N days before the deadline, and the command."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command

from reporting.models import PeriodExtension
from reporting.services import reminders
from tests import factories
from tests.integration.test_monitoring_selectors import build_world

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
