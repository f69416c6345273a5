"""Notifications: who is told what when a report is sent, returned or accepted, and of the deadline.

Every notification is a ``Notification`` row (the bell and the list page); whoever wants that kind by
e-mail as well (``NotificationPreference``, default on) and has an address gets it through the task
queue: ``notification_email_send`` (defined here, beside the code that queues it), enqueued when the
transaction that made the notification commits, so a rolled-back return never mails anybody. The deadline e-mail itself stays with
the reminders (``reporting.services.reminders``), which ask ``deadline_audience_attach`` whom to send it
to and call ``deadline_notify`` for the in-app part.

The bell's unread count comes with the session's user query (``reporting.selectors.notifications``), so
it needs no cache and is never stale.
"""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reporting.messages import FORUM_ABUSE_SUBJECT, FORUM_ABUSE_TEXT
from reporting.models import Notification, NotificationKind, NotificationPreference, Report, Role, User
from reporting.selectors import access

MINISTRY_NAME = "Kementerian Dalam Negeri"

TEXTS = {
    NotificationKind.RETURNED: "Laporan {urusan} {period} dikembalikan oleh {reviewer}. Alasan: {reason}",
    NotificationKind.ACCEPTED: "Laporan {urusan} {period} diterima oleh {reviewer}.",
    NotificationKind.SUBMITTED: "{region} mengirim laporan {urusan} {period} untuk diperiksa.",
    NotificationKind.DEADLINE: (
        "Batas input laporan {period} adalah {deadline} WIB ({days} hari lagi). Belum dikirim: {missing}."
    ),
}
SUBJECTS = {
    NotificationKind.RETURNED: "Laporan SPM dikembalikan: {urusan} {period}",
    NotificationKind.ACCEPTED: "Laporan SPM diterima: {urusan} {period}",
    NotificationKind.SUBMITTED: "Laporan SPM dikirim: {region} {urusan} {period}",
    NotificationKind.DEADLINE: "Pengingat batas input laporan SPM",
    NotificationKind.FORUM_ABUSE: FORUM_ABUSE_SUBJECT,
}


# --- Creating ---------------------------------------------------------------------------------------


def email_wanted_annotate(users: QuerySet[User], kind: str) -> QuerySet[User]:
    """``users`` with ``wants_email``: takes ``kind`` by e-mail too (no row saying otherwise) and has an address."""
    declined = NotificationPreference.objects.filter(user_id=OuterRef("pk"), kind=kind, email=False)
    return users.annotate(wants_email=ExpressionWrapper(~Q(email="") & ~Exists(declined), output_field=BooleanField()))


def email_wanted(users: QuerySet[User], kind: str) -> QuerySet[User]:
    """The accounts of ``users`` that take ``kind`` by e-mail too and have an address (one query)."""
    return email_wanted_annotate(users, kind).filter(wants_email=True)


def notifications_create(*, kind: str, recipients, text: str, report: Report | None = None) -> list[Notification]:
    """One notification per account in ``recipients`` (a queryset); e-mail follows at commit for those
    who want it. Returns the notifications."""
    recipients = list(recipients.distinct())
    if not recipients:
        return []
    created = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, report=report, text=text) for user in recipients
    )
    wanted = set(
        email_wanted(User.objects.filter(pk__in=[u.pk for u in recipients]), kind).values_list("pk", flat=True)
    )
    ids = [n.pk for n in created if n.recipient_id in wanted and n.pk is not None]
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return created


def _enqueue_emails(notification_ids: list[int]) -> None:
    for pk in notification_ids:
        notification_email_send.enqueue(notification_id=pk)


def _values(report: Report, **extra) -> dict:
    return {
        "urusan": report.urusan.short_name,
        "period": str(report.period),
        "region": report.region.display_name,
        **extra,
    }


def _reviewer_name(report: Report) -> str:
    if report.region.level == "provinsi":
        return MINISTRY_NAME
    return report.region.province.display_name if report.region.province_id else MINISTRY_NAME


def report_notifications_settle(*, report: Report, kinds) -> int:
    """Mark read every unread notification of ``kinds`` about ``report``, whoever received it: what they
    announced has been acted on (a sent report was accepted or returned, a returned one was sent again).
    Returns how many."""
    return Notification.objects.filter(report=report, kind__in=kinds, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def report_returned_notify(*, report: Report, reason: str, by: str | None = None) -> list[Notification]:
    """The pemda and the operators of the urusan learn that ``report`` came back, and why (``by``: who
    returned it when not its reviewer, e.g. the ministry reopening it). The reviewers' "sent" notices of it
    are settled: the report has been acted on."""
    report_notifications_settle(report=report, kinds=[NotificationKind.SUBMITTED])
    reviewer = by or _reviewer_name(report)
    text = TEXTS[NotificationKind.RETURNED].format(**_values(report, reviewer=reviewer, reason=reason))
    return notifications_create(
        kind=NotificationKind.RETURNED, recipients=access.report_owner_accounts(report), text=text, report=report
    )


def report_accepted_notify(*, report: Report) -> list[Notification]:
    """The pemda learns that ``report`` was accepted; the reviewers' "sent" notices of it are settled."""
    report_notifications_settle(report=report, kinds=[NotificationKind.SUBMITTED])
    text = TEXTS[NotificationKind.ACCEPTED].format(**_values(report, reviewer=_reviewer_name(report)))
    return notifications_create(
        kind=NotificationKind.ACCEPTED, recipients=access.report_owner_accounts(report), text=text, report=report
    )


def report_submitted_notify(*, report: Report) -> list[Notification]:
    """The reviewer of ``report`` (its province, or the ministry for a province) learns that it was sent; the
    pemda's "returned" notices of it are settled (sending it again is acting on them)."""
    report_notifications_settle(report=report, kinds=[NotificationKind.RETURNED])
    text = TEXTS[NotificationKind.SUBMITTED].format(**_values(report))
    return notifications_create(
        kind=NotificationKind.SUBMITTED, recipients=access.report_reviewer_accounts(report), text=text, report=report
    )


# --- The forum's abuse reports (called by forum.forum_abuse.services) --------------------------------


def forum_abuse_notify(*, moderators: QuerySet[User], subject: str, reason: str, open_count: int) -> list:
    """Every forum moderator learns of a new abuse report (bell, and e-mail for whoever keeps it on); the
    notification leads to the dashboard's queue panel."""
    text = FORUM_ABUSE_TEXT.format(subject=subject, reason=reason, open_count=open_count)
    return notifications_create(kind=NotificationKind.FORUM_ABUSE, recipients=moderators, text=text)


def forum_abuse_settle() -> int:
    """Once no abuse report is open any more, the moderators' abuse notices are read: nothing is left to do."""
    return Notification.objects.filter(kind=NotificationKind.FORUM_ABUSE, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_open(*, user: User, notification_id: int) -> Notification | None:
    """``user``'s notification ``notification_id`` marked read (it is being opened); ``None`` if not theirs."""
    notification = Notification.objects.filter(pk=notification_id, recipient_id=user.pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def report_opened_settle(*, user: User, report: Report) -> int:
    """Opening a report reads ``user``'s notifications about it. No query when the bell says none is unread."""
    if not getattr(user, "unread_notifications", 1):
        return 0
    count = Notification.objects.filter(recipient_id=user.pk, report=report, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count and hasattr(user, "unread_notifications"):
        user.unread_notifications = max(0, user.unread_notifications - count)  # this page's bell agrees
    return count


# --- The deadline (called by the reminders) ---------------------------------------------------------


def deadline_audience_attach(*, reminders) -> None:
    """Set, on each reminder (``reporting.services.reminders.Reminder``), ``accounts``: the accounts reminded
    in the app with the missing urusan that concern each (the pemda account all of them, an operator only its
    own urusan), and ``recipients``: the e-mail addresses of the pemda accounts that keep the deadline e-mail
    on. One query for all of them.
    """
    if not reminders:
        return
    users = email_wanted_annotate(
        access.region_deadline_accounts({r.region.pk for r in reminders}), NotificationKind.DEADLINE
    )
    by_region: dict[int, list[User]] = {}
    for user in users:
        by_region.setdefault(user.region_id, []).append(user)
    for reminder in reminders:
        reminder.accounts, reminder.recipients = [], []
        for user in by_region.get(reminder.region.pk, []):
            missing = reminder.missing
            if user.role == Role.OPERATOR:
                missing = [name for name in missing if user.urusan is not None and name == user.urusan.short_name]
            if not missing:
                continue
            reminder.accounts.append((user, missing))
            if user.role == Role.PEMDA and user.wants_email:
                reminder.recipients.append(user.email)


def deadline_notify(*, reminders, days: int) -> list[Notification]:
    """The in-app reminders of ``reminders`` (after ``deadline_audience_attach``), in one INSERT.

    No e-mail here: the reminders send their own, to ``reminder.recipients``.
    """
    notifications = []
    for reminder in reminders:
        deadline = timezone.localtime(reminder.deadline).strftime("%d-%m-%Y %H:%M")
        for user, missing in reminder.accounts:
            text = TEXTS[NotificationKind.DEADLINE].format(
                period=str(reminder.period), deadline=deadline, days=days, missing=", ".join(missing)
            )
            notifications.append(Notification(recipient=user, kind=NotificationKind.DEADLINE, text=text))
    created = Notification.objects.bulk_create(notifications)
    return created


# --- Reading them, choosing -----------------------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (``notification_id``) or all of ``user``'s unread notifications read; returns how many."""
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def email_kinds_get(user: User) -> set[str]:
    """The kinds ``user`` receives by e-mail too."""
    declined = set(NotificationPreference.objects.filter(user_id=user.pk, email=False).values_list("kind", flat=True))
    return set(NotificationKind.values) - declined


@transaction.atomic
def preferences_save(*, user: User, email_kinds, email: str) -> None:
    """Store which kinds also come by e-mail, and the account's address."""
    for kind in NotificationKind.values:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in set(email_kinds)}
        )
    if email != user.email:
        user.email = email
        user.save(update_fields=["email"])


# --- The e-mail (inside the worker) ---------------------------------------------------------------


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send the e-mail of one notification if its account still wants it; returns whether it was sent."""
    notification = (
        Notification.objects.select_related("recipient", "report__urusan", "report__period", "report__region")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        return False
    user = notification.recipient
    if not email_wanted(User.objects.filter(pk=user.pk, is_active=True), notification.kind).exists():
        return False
    report = notification.report
    values = _values(report) if report is not None else {"urusan": "", "period": "", "region": ""}
    subject = SUBJECTS[notification.kind].format(**values)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    body = render_to_string(
        "reporting/notifications/email.txt",
        {
            "notification": notification,
            "report_url": base + reverse("reporting:report_capaian", args=[report.pk]) if report else "",
            "open_url": base + reverse("reporting:notification_open", args=[notification.pk]),
            "list_url": base + reverse("reporting:notification_list"),
            "preferences_url": base + reverse("reporting:notification_preferences"),
        },
    )
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    return True


@task(backend="jobs")
def notification_email_send(notification_id: int) -> None:
    """The e-mail of one notification, sent by the worker (``notification_email_deliver``)."""
    notification_email_deliver(notification_id=notification_id)
