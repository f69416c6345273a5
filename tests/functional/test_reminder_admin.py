"""The ministry sees in the admin which reminders were sent, to whom and when; nobody edits them there."""

import datetime

import pytest

from django.urls import reverse

from reporting.accounts.services.roles import roles_setup
from reporting.models import ReminderRecord
from reporting.services import reminders
from tests import factories
from tests.integration.test_reminders import DEADLINE_DAY, world  # noqa: F401 -- the fixture, reused


@pytest.fixture
def ministry(db):
    roles_setup()
    return {
        "admin": factories.UserFactory(role="ministry_admin", is_staff=True),
        "reviewer": factories.UserFactory(role="reviewer", is_staff=True),
    }


@pytest.mark.parametrize("role", ["admin", "reviewer"])
def test_the_ministry_lists_the_sent_reminders_read_only(client, world, ministry, role):  # noqa: F811 -- fixture
    reminders.reminders_send(today=DEADLINE_DAY - datetime.timedelta(days=7), days=7)
    client.force_login(ministry[role])
    page = client.get(reverse("reporting_reminderrecord_modeladmin_index")).content.decode()
    assert "surabaya@pemda.go.id" in page and "Terkirim" in page
    record = ReminderRecord.objects.get(region=world["surabaya"])
    edit = reverse("reporting_reminderrecord_modeladmin_edit", args=[record.pk])
    assert client.post(edit, {"status": "failed"}).status_code in (302, 403)  # refused: back to the admin home
    assert client.get(reverse("reporting_reminderrecord_modeladmin_create")).status_code in (302, 403)
    record.refresh_from_db()
    assert record.status == "sent"


def test_a_pemda_account_cannot_open_the_reminder_records(client, world, ministry):  # noqa: F811 -- fixture
    client.force_login(world["jombang"].users.get())
    response = client.get(reverse("reporting_reminderrecord_modeladmin_index"))
    assert response.status_code in (302, 403)
