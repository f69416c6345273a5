"""E-mail reminders to the pemda whose reports are missing a set number of days before their deadline."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.utils import timezone

from reporting.models import SENT_STATUSES, Period, PeriodExtension, Region, Report, Urusan
from reporting.services import notifications

SUBJECT = "Pengingat: laporan SPM {period} belum dikirim (batas {deadline})"
BODY = """Yth. {region},

Batas input laporan penerapan SPM {period} untuk {region} adalah {deadline} WIB ({days} hari lagi).
Urusan yang belum dikirim:
{missing}

Silakan lengkapi dan kirim laporan melalui aplikasi Pelaporan SPM. Draft yang sudah diisi belum
dihitung sebagai laporan sampai tombol Kirim ditekan.

Pesan ini dikirim otomatis oleh aplikasi Pelaporan SPM, Ditjen Bina Pembangunan Daerah, Kementerian Dalam Negeri.
"""


@dataclass
class Reminder:
    region: Region
    period: Period
    deadline: datetime.datetime
    missing: list[str]
    recipients: list[str] = field(default_factory=list)  # e-mail addresses
    accounts: list = field(default_factory=list)  # (user, missing urusan) reminded in the app


def reminder_list(*, today: datetime.date, days: int) -> list[Reminder]:
    """Active pemda whose deadline (extension included) falls ``days`` after ``today`` and that miss an urusan.

    A fixed number of queries: the periods and extensions due that day, the sent
    reports, the regions and their pemda accounts.
    """
    due = today + datetime.timedelta(days=days)
    periods = {
        p.pk: p for p in Period.objects.filter(Q(closes_at__date=due) | Q(extensions__closes_at__date=due)).distinct()
    }
    if not periods:
        return []
    extensions = {
        (e.period_id, e.region_id): e.closes_at for e in PeriodExtension.objects.filter(period_id__in=periods)
    }
    urusan = list(Urusan.objects.values_list("id", "short_name"))
    sent = defaultdict(set)
    for period_id, region_id, urusan_id in Report.objects.filter(
        period_id__in=periods, status__in=SENT_STATUSES
    ).values_list("period_id", "region_id", "urusan_id"):
        sent[(period_id, region_id)].add(urusan_id)
    reminders = []
    regions = list(Region.objects.filter(is_active=True).order_by("code"))
    for period in periods.values():
        for region in regions:
            deadline = max(extensions.get((period.pk, region.pk), period.closes_at), period.closes_at)
            if timezone.localdate(deadline) != due:
                continue
            missing = [name for pk, name in urusan if pk not in sent[(period.pk, region.pk)]]
            if missing:
                reminders.append(Reminder(region, period, deadline, missing))
    # Who is reminded: in the app the pemda account and the operators of a missing urusan, by e-mail the
    # pemda accounts that keep it on (reporting.services.notifications; one query).
    notifications.deadline_audience_attach(reminders=reminders)
    return [r for r in reminders if r.recipients or r.accounts]


def reminders_send(*, today: datetime.date, days: int, dry_run: bool = False) -> list[Reminder]:
    """Send one e-mail per pemda and period due; returns the reminders (sent unless ``dry_run``)."""
    reminders = reminder_list(today=today, days=days)
    if dry_run or not reminders:
        return reminders
    notifications.deadline_notify(reminders=reminders, days=days)
    messages = []
    for r in reminders:
        if not r.recipients:
            continue
        deadline = timezone.localtime(r.deadline).strftime("%d-%m-%Y %H:%M")
        values = {
            "region": r.region.display_name,
            "period": str(r.period),
            "deadline": deadline,
            "days": days,
            "missing": "\n".join(f"- {name}" for name in r.missing),
        }
        messages.append(
            EmailMessage(SUBJECT.format(**values), BODY.format(**values), settings.DEFAULT_FROM_EMAIL, r.recipients)
        )
    with get_connection() as connection:
        connection.send_messages(messages)
    return reminders
