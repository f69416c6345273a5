"""Writes for abuse reports and moderator decisions. Every decision leaves a ModerationAction."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from machina.core.db.models import get_model

from forum.forum_abuse.models import (
    AbuseReport,
    ModerationAction,
    ModerationActionKind,
    ReportReason,
    ReportStatus,
)
from forum.forum_abuse.selectors import can_moderate
from reporting.models import Role, User

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ERROR_ALREADY_REPORTED = "Anda sudah melaporkan tulisan ini. Moderator akan menindaklanjutinya."
ERROR_OWN_POST = "Anda tidak dapat melaporkan tulisan Anda sendiri."
ERROR_DETAIL_REQUIRED = "Jelaskan alasan laporan bila memilih \u201cLainnya\u201d."
ERROR_POST_HIDDEN = "Tulisan ini sudah disembunyikan dan sedang ditinjau moderator."


class ReportError(Exception):
    """A report the user may not file; the message is shown as is."""


def _record(*, post, kind: str, moderator: User | None, note: str = "") -> ModerationAction:
    return ModerationAction.objects.create(
        post=post,
        topic=post.topic,
        post_subject=post.subject[:255],
        post_content=post.content.raw,
        post_author=post.poster,
        moderator=moderator,
        kind=kind,
        note=note,
    )


def _close_open_reports(*, post, status: str) -> None:
    post.abuse_reports.filter(status=ReportStatus.OPEN).update(status=status, resolved_at=timezone.now())


def _locked(post):
    """The post re-read under a row lock: two moderators (or reporters) never act on stale state."""
    return Post.objects.select_for_update(of=("self",)).select_related("topic", "poster").get(pk=post.pk)


def _set_visible(post, visible: bool) -> None:
    # machina's own flag: its views, counters and search already leave unapproved posts out.
    if post.approved != visible:
        post.approved = visible
        post.save()


def _reporter_voices(post) -> int:
    """How many distinct voices the post's open reports are: every account of one pemda (the pemda account and
    the operators it made, all sharing its region) is one voice, so a pemda cannot hide a post by making
    operators; every other account is its own voice."""
    voices = set()
    reporters = post.abuse_reports.filter(status=ReportStatus.OPEN).values_list("reporter_id", "reporter__region_id")
    for reporter_id, region_id in reporters:
        voices.add(("pemda", region_id) if region_id is not None else ("akun", reporter_id))
    return len(voices)


def post_auto_hides(post) -> bool:
    """Whether reports alone may hide ``post``: never one written by the ministry or a moderator (their
    announcements and decisions are only queued for the moderators)."""
    poster = post.poster
    if poster is None:
        return True
    return not (poster.is_ministry or poster.role == Role.MODERATOR or can_moderate(poster))


@transaction.atomic
def report_create(*, post, reporter: User, reason: str, detail: str = "") -> AbuseReport:
    """File one report; at FORUM_ABUSE_REPORT_THRESHOLD distinct voices (``_reporter_voices``) the post is
    hidden, unless the ministry or a moderator wrote it (``post_auto_hides``): then it waits in the queue."""
    post = _locked(post)
    detail = detail.strip()
    if post.poster_id == reporter.pk:
        raise ReportError(ERROR_OWN_POST)
    if reason == ReportReason.OTHER and not detail:
        raise ReportError(ERROR_DETAIL_REQUIRED)
    if AbuseReport.objects.filter(post=post, reporter=reporter).exists():
        raise ReportError(ERROR_ALREADY_REPORTED)
    if not post.approved:
        raise ReportError(ERROR_POST_HIDDEN)
    report = AbuseReport.objects.create(post=post, reporter=reporter, reason=reason, detail=detail)
    if _reporter_voices(post) >= settings.FORUM_ABUSE_REPORT_THRESHOLD and post_auto_hides(post):
        _set_visible(post, False)
        _record(post=post, kind=ModerationActionKind.AUTO_HIDE, moderator=None)
    return report


@transaction.atomic
def post_restore(*, post, moderator: User, note: str = "") -> ModerationAction:
    """Dismiss the open reports and show the post again."""
    post = _locked(post)
    _close_open_reports(post=post, status=ReportStatus.DISMISSED)
    _set_visible(post, True)
    return _record(post=post, kind=ModerationActionKind.DISMISS, moderator=moderator, note=note)


@transaction.atomic
def post_hide(*, post, moderator: User, note: str = "") -> ModerationAction:
    """Uphold the reports and keep the post hidden; its author sees the note."""
    post = _locked(post)
    _close_open_reports(post=post, status=ReportStatus.UPHELD)
    _set_visible(post, False)
    return _record(post=post, kind=ModerationActionKind.HIDE, moderator=moderator, note=note)


@transaction.atomic
def post_delete(*, post, moderator: User, note: str = "") -> ModerationAction:
    """Delete the post; deleting the first post of a thread deletes the whole thread."""
    post = _locked(post)
    action = _record(post=post, kind=ModerationActionKind.DELETE, moderator=moderator, note=note)
    if post.is_topic_head:
        post.topic.delete()
    else:
        post.delete()
    return action


@transaction.atomic
def topic_lock(*, post, moderator: User, note: str = "") -> ModerationAction:
    """Lock the post's thread against new replies. The reports stay open for a decision on the post."""
    post = _locked(post)
    topic = post.topic
    topic.status = Topic.TOPIC_LOCKED
    topic.save()
    return _record(post=post, kind=ModerationActionKind.LOCK, moderator=moderator, note=note)
