"""`make run`'s set-up: reference data, demo content, demo accounts and demo reports, repeatable."""

from decimal import Decimal

import pytest

from django.core.management import call_command
from django.test import Client

from reporting import calculations
from reporting.models import Region, Report, ReportStatus, ServiceType, User
from reporting.selectors.reports import report_lock_reason
from reporting.services import reports as report_services
from reporting.services.demo import demo_period, period_before


@pytest.mark.django_db
def test_setup_demo_twice_gives_a_working_portal_with_unique_random_passwords(tmp_path):
    passwords = tmp_path / "pw.txt"
    call_command("setup_demo", password_file=passwords)
    call_command("setup_demo", password_file=passwords)

    assert Region.objects.filter(is_active=True).count() == 546
    assert ServiceType.objects.values("year").distinct().count() == 2
    lines = [line.split() for line in passwords.read_text().splitlines() if line[:1].isalnum()]
    secrets = [line[1] for line in lines]
    assert len(secrets) == len(set(secrets)) == User.objects.count()
    assert "admin" not in secrets
    for username, secret, *_ in lines:
        assert User.objects.get(username=username).check_password(secret)

    current = demo_period()
    previous = period_before(current)
    jombang_paud = Report.objects.get(region__login_code="3517", urusan__code="1.01", period=previous)
    assert jombang_paud.status == ReportStatus.SUBMITTED
    assert (jombang_paud.pagu_total, jombang_paud.realisasi_total) == (1251002000, 1230010200)
    assert calculations.serapan(jombang_paud.pagu_total, jombang_paud.realisasi_total) == Decimal("98.32")
    jatim = Report.objects.get(region__login_code="3500", urusan__code="1.02", period=previous)
    assert jatim.status == ReportStatus.ACCEPTED
    assert (jatim.pagu_total, jatim.realisasi_total) == (168585700 + 635975000, 167302510 + 610536000)
    assert Report.objects.get(region__login_code="3271").status == ReportStatus.ACCEPTED
    assert Report.objects.get(region__login_code="3578").status == ReportStatus.RETURNED
    assert Report.objects.count() == 7

    client = Client()
    home = client.get("/")
    assert home.status_code == 200
    # Through the login page (django-axes counts attempts per request): the written password works.
    login = client.post("/login/", {"username": "3517", "password": {u: s for u, s, *_ in lines}["3517"]})
    assert login.status_code == 302, login.content[:300]
    assert client.get("/pelaporan/").status_code == 200


@pytest.mark.django_db
def test_setup_demo_keeps_fresh_drafts_of_the_worked_examples_that_a_newcomer_can_type_in(tmp_path):
    """Jawa Timur Kesehatan and Jombang PAUD: an empty, editable draft in the open quarter beside the filed
    example of the quarter before; a rerun leaves what the newcomer typed alone."""
    passwords = tmp_path / "pw.txt"
    call_command("setup_demo", password_file=passwords)
    current = demo_period()
    drafts = {
        code: Report.objects.get(region__login_code=code, urusan__code=urusan, period=current)
        for code, urusan in (("3500", "1.02"), ("3517", "1.01"))
    }
    for code, draft in drafts.items():
        assert draft.status == ReportStatus.DRAFT
        assert draft.figures_filled == 0 and not draft.entries.filter(terlayani__isnull=False).exists()
        assert report_lock_reason(report=draft, user=User.objects.get(username=code)) is None
    jatim = drafts["3500"]
    entry = jatim.entries.get(service_code="1.02.P01")
    report_services.report_capaian_save(
        report=jatim,
        user=User.objects.get(username="3500"),
        expected_version=jatim.version,
        entries={entry.pk: {"harus_dilayani": 229662, "terlayani": 229662, "mutu": {}}},
    )

    call_command("setup_demo", password_file=passwords)
    entry.refresh_from_db()
    assert entry.terlayani == 229662
    assert Report.objects.count() == 7
