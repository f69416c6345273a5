"""Reads of an account's notifications (only ever its own)."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from reporting.models import Notification, User

NOTIFICATION_LIST_LIMIT = 100


def with_unread_count(users: QuerySet[User]) -> QuerySet[User]:
    """``users`` with ``unread_notifications``: a count over the partial index of unread rows, inside the
    query that loads the user anyway (``reporting.accounts.auth_backends``), so the bell costs no query of its own."""
    unread = (
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return users.annotate(unread_notifications=Coalesce(Subquery(unread), Value(0), output_field=IntegerField()))


def unread_count(user: User) -> int:
    """Unread notifications of ``user``: from the session's user query when it came through the portal's
    backend (every page), else one count."""
    count = getattr(user, "unread_notifications", None)
    if count is None:
        count = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
    return count


def notification_list(*, user: User) -> list[Notification]:
    """The newest ``NOTIFICATION_LIST_LIMIT`` notifications of ``user`` (one query)."""
    return list(
        Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-pk")[:NOTIFICATION_LIST_LIMIT]
    )
