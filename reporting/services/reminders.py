"""E-mail reminders to the pemda whose reports are missing a set number of days before their deadline.

Sent at most once per pemda, period and day-offset, however often and on however many hosts the
command or the job runs: each run first claims its reminders by inserting their ``ReminderRecord``
rows with ``INSERT ... ON CONFLICT DO NOTHING`` (the unique constraint decides, in the database), and
then sends only the rows that carry its own token. A rerun, or a second host at the same moment, finds
the rows already there and sends nothing. A reminder whose e-mail failed stays recorded as failed
(the ministry sees it in the admin, "Catatan pengingat") and is not retried on its own.

A claim is a lease (``claimed_until``, ``REMINDER_CLAIM_SECONDS``, renewed while the run sends): each
record turns "sent" as soon as its e-mail is handed over, so a sender killed mid-run leaves "claimed"
only the records it had not sent yet. Once their lease has run out, the next run (the command, or the
reminders job that the job worker's recovery queues within a minute) claims them again with a new token
and sends them (``reminders_resend_expired``): e-mail only, the in-app notice was committed with the
first claim. A reminder no longer needed (every urusan sent, or the deadline passed) ends "skipped".
"""

import datetime
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.nulls import not_null
from reporting.models import (
    SENT_STATUSES,
    Period,
    PeriodExtension,
    Region,
    ReminderRecord,
    ReminderStatus,
    Report,
    Urusan,
)
from reporting.services import notifications

logger = logging.getLogger(__name__)

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
    record_id: int | None = None  # the ReminderRecord this run claimed


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


def reminders_claim(*, reminders: list[Reminder], days: int) -> list[Reminder]:
    """Record ``reminders`` as claimed and return those this call claimed (two queries).

    One ``INSERT ... ON CONFLICT DO NOTHING`` under the unique (region, period, days_before): a row already
    there (an earlier run, or another host's run still in its transaction, which the insert waits for) is
    skipped. The rows this call inserted are the ones carrying its token.
    """
    token = uuid.uuid4().hex
    ReminderRecord.objects.bulk_create(
        [
            ReminderRecord(
                region=r.region,
                period=r.period,
                days_before=days,
                status=ReminderStatus.CLAIMED,
                claimed_by=token,
                claimed_until=_claim_lease_end(),
                recipients=", ".join(r.recipients),
            )
            for r in reminders
        ],
        ignore_conflicts=True,
    )
    mine = {
        (region_id, period_id): pk
        for pk, region_id, period_id in ReminderRecord.objects.filter(claimed_by=token).values_list(
            "pk", "region_id", "period_id"
        )
    }
    claimed = []
    for reminder in reminders:
        reminder.record_id = mine.get((reminder.region.pk, reminder.period.pk))
        if reminder.record_id is not None:
            claimed.append(reminder)
    return claimed


def reminders_send(*, today: datetime.date, days: int, dry_run: bool = False) -> list[Reminder]:
    """Remind every pemda due (``reminder_list``) that no run reminded yet, in the app and by e-mail.

    Returns the reminders this run claimed and sent (or, with ``dry_run``, everyone due, nothing claimed).
    The claim and the in-app notifications commit together before any e-mail leaves, so a crash in
    between leaves the record "claimed" and nobody is reminded twice.
    """
    reminders = reminder_list(today=today, days=days)
    if dry_run or not reminders:
        return reminders
    with transaction.atomic():
        claimed = reminders_claim(reminders=reminders, days=days)
        notifications.deadline_notify(reminders=claimed, days=days)
    _emails_send(claimed, days)
    return claimed


def _message(reminder: Reminder, days: int) -> EmailMessage:
    values = {
        "region": reminder.region.display_name,
        "period": str(reminder.period),
        "deadline": timezone.localtime(reminder.deadline).strftime("%d-%m-%Y %H:%M"),
        "days": days,
        "missing": "\n".join(f"- {name}" for name in reminder.missing),
    }
    return EmailMessage(
        SUBJECT.format(**values), BODY.format(**values), settings.DEFAULT_FROM_EMAIL, reminder.recipients
    )


def _claim_lease_end() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.REMINDER_CLAIM_SECONDS)


def reminder_claims_expired():
    """Records still "claimed" whose claim ran out: their sender stopped before sending them."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.REMINDER_CLAIM_SECONDS)
    expired = Q(claimed_until__lt=now) | Q(claimed_until__isnull=True, created_at__lt=now - lease)
    return ReminderRecord.objects.filter(expired, status=ReminderStatus.CLAIMED)


def reminders_resend_expired(*, limit: int = 1000) -> list[Reminder]:
    """Claim again (one UPDATE, so one run wins each record) the reminders whose claim expired, and send them.

    Returns the reminders this call sent or tried to send; those no longer needed end "skipped".
    """
    ids = list(reminder_claims_expired().order_by("pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    token = uuid.uuid4().hex
    reminder_claims_expired().filter(pk__in=ids).update(claimed_by=token, claimed_until=_claim_lease_end())
    records = ReminderRecord.objects.filter(claimed_by=token, status=ReminderStatus.CLAIMED)
    by_days = defaultdict(list)
    for record in records.select_related("region", "period").order_by("pk"):
        reminder = _reminder_rebuild(record)
        if reminder is not None:
            by_days[record.days_before].append(reminder)
    resent = []
    for days, group in sorted(by_days.items()):
        logger.warning(
            "%s reminders %s days before the deadline were claimed by a stopped run: sent again", len(group), days
        )
        _emails_send(group, days)
        resent += group
    return resent


def _reminder_rebuild(record: ReminderRecord) -> Reminder | None:
    """The reminder of a claimed record as it stands now, or None (recorded "skipped") if it is no longer due."""
    period, region = record.period, record.region
    extension = PeriodExtension.objects.filter(period=period, region=region).values_list("closes_at", flat=True)
    deadline = max([period.closes_at, *extension])
    sent = set(
        Report.objects.filter(period=period, region=region, status__in=SENT_STATUSES).values_list(
            "urusan_id", flat=True
        )
    )
    missing = [name for pk, name in Urusan.objects.order_by("pk").values_list("id", "short_name") if pk not in sent]
    if deadline <= timezone.now() or not missing:
        reason = "batas input sudah lewat" if missing else "semua urusan sudah dikirim"
        ReminderRecord.objects.filter(pk=record.pk).update(
            status=ReminderStatus.SKIPPED, error=f"Tidak dikirim ulang: {reason}."
        )
        return None
    recipients = [address for address in record.recipients.split(", ") if address]
    return Reminder(region, period, deadline, missing, recipients=recipients, record_id=record.pk)


def _emails_send(claimed: list[Reminder], days: int) -> None:
    """One e-mail per claimed reminder with recipients over one connection; each record turns sent (or failed)
    as soon as its e-mail is handed over, and the claims still waiting are renewed as the run goes. Each of
    ``claimed`` has its record (``reminders_claim`` and ``_reminder_rebuild`` set it)."""
    _records_sent([not_null(r.record_id) for r in claimed if not r.recipients])  # reminded in the app only
    waiting = {not_null(r.record_id) for r in claimed if r.recipients}
    renewed = time.monotonic()
    connection = get_connection()
    try:
        for reminder in claimed:
            if not reminder.recipients:
                continue
            record_id = not_null(reminder.record_id)
            try:
                connection.send_messages([_message(reminder, days)])
            except Exception as error:  # any transport failure: recorded, the other pemda still get theirs
                logger.exception("reminder %s not sent", record_id)
                ReminderRecord.objects.filter(pk=record_id).update(
                    status=ReminderStatus.FAILED, error=str(error)[:1000]
                )
            else:
                _records_sent([record_id])
            waiting.discard(record_id)
            if waiting and time.monotonic() - renewed > settings.REMINDER_CLAIM_SECONDS / 3:
                ReminderRecord.objects.filter(pk__in=waiting, status=ReminderStatus.CLAIMED).update(
                    claimed_until=_claim_lease_end()
                )
                renewed = time.monotonic()
    finally:
        connection.close()


def _records_sent(record_ids: list[int]) -> None:
    if record_ids:
        ReminderRecord.objects.filter(pk__in=record_ids, status=ReminderStatus.CLAIMED).update(
            status=ReminderStatus.SENT, sent_at=timezone.now()
        )
