"""`make run`'s set-up: reference data, demo content, demo accounts and demo reports, repeatable."""

from decimal import Decimal

import pytest

from django.core.management import call_command
from django.test import Client

from reporting import calculations
from reporting.models import Region, Report, ReportStatus, ServiceType, User


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

    jombang_paud = Report.objects.get(region__login_code="3517", urusan__code="1.01")
    assert jombang_paud.status == ReportStatus.SUBMITTED
    assert (jombang_paud.pagu_total, jombang_paud.realisasi_total) == (1251002000, 1230010200)
    assert calculations.serapan(jombang_paud.pagu_total, jombang_paud.realisasi_total) == Decimal("98.32")
    assert Report.objects.get(region__login_code="3271").status == ReportStatus.ACCEPTED
    assert Report.objects.count() == 4

    client = Client()
    home = client.get("/")
    assert home.status_code == 200
    assert client.login(username="3517", password={u: s for u, s, *_ in lines}["3517"])
    assert client.get("/pelaporan/").status_code == 200
