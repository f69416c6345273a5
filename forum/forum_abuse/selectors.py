"""Reads for the forum: who moderates, the moderators' queue, latest threads, hidden-post notices."""

from django.db.models import Count, Max, Prefetch, Q

from machina.core.db.models import get_model
from machina.core.loading import get_class

from core.generations import generation_cached, generation_replace
from forum.forum_abuse.models import AbuseReport, ModerationAction, ModerationActionKind, ReportStatus
from reporting.accounts.services.roles import ROLE_GROUPS
from reporting.models import Role, User

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

ForumPermissionChecker = get_class("forum_permission.checker", "ForumPermissionChecker")

MODERATOR_GROUP = ROLE_GROUPS[Role.MODERATOR]
START_TOPIC_PERMISSION = "can_start_new_topics"  # machina's, checked by its topic form ("can_add_topic")
_HIDING_KINDS = (ModerationActionKind.AUTO_HIDE, ModerationActionKind.HIDE)


def can_moderate(user: User) -> bool:
    """Forum moderators are the members of the "Moderator Forum" group (and superusers)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATOR_GROUP).exists()


def readable_forum_list(*, user, permission_handler) -> list:
    """Forums (not categories) the user may read, through machina's permission handler."""
    return permission_handler.get_readable_forums(Forum.objects.filter(type=Forum.FORUM_POST), user)


FORUM_ACCESS_KEY = "spm:forum-access"


def readable_forum_ids(*, user, permission_handler) -> list[int]:
    """Ids of the forums the user may read, kept per user (one entry for every anonymous visitor) for the
    current forum-access generation, which every change of forums, forum permissions, groups or users
    replaces (``signals``): machina computes them with three queries on every page otherwise."""
    return generation_cached(
        FORUM_ACCESS_KEY,
        f"readable:{user.pk or 'anonim'}",
        lambda: [forum.pk for forum in readable_forum_list(user=user, permission_handler=permission_handler)],
        600,
    )


def postable_forum_list(*, user, permission_handler) -> list:
    """Forums (not categories) the user may read and start a thread in, in the board's order: machina's own
    permission checker, once for the whole board."""
    if not user.is_authenticated or not user.is_active:
        return []
    readable = set(readable_forum_ids(user=user, permission_handler=permission_handler))
    forums = list(Forum.objects.filter(type=Forum.FORUM_POST).order_by("tree_id", "lft"))
    if user.is_superuser:
        return [forum for forum in forums if forum.pk in readable]
    permissions = ForumPermissionChecker(user).get_perms_for_forumlist(forums, [START_TOPIC_PERMISSION])
    return [forum for forum in forums if forum.pk in readable and START_TOPIC_PERMISSION in permissions[forum]]


def postable_forum_ids(*, user, permission_handler) -> list[int]:
    """Ids of ``postable_forum_list``, kept per user for the current forum-access generation (as
    ``readable_forum_ids``): the forum index asks on every visit whether to offer "+ BUAT THREAD"."""
    if not user.is_authenticated:
        return []
    return generation_cached(
        FORUM_ACCESS_KEY,
        f"postable:{user.pk}",
        lambda: [forum.pk for forum in postable_forum_list(user=user, permission_handler=permission_handler)],
        600,
    )


def forum_access_changed() -> None:
    generation_replace(FORUM_ACCESS_KEY)


def latest_topic_list(*, forums, limit: int = 10):
    """The most recently active approved threads across the given forums (objects or ids: "Diskusi Terbaru")."""
    return (
        Topic.objects.filter(forum__in=forums, approved=True)
        .select_related("forum", "poster", "first_post")
        .order_by("-last_post_on", "-created")[:limit]
    )


def report_queue_list():
    """Posts with open reports, most reported first, with their reports and reporters."""
    open_reports = AbuseReport.objects.filter(status=ReportStatus.OPEN).select_related("reporter")
    return (
        Post.objects.filter(abuse_reports__status=ReportStatus.OPEN)
        .annotate(
            open_reports=Count("abuse_reports", filter=Q(abuse_reports__status=ReportStatus.OPEN), distinct=True),
            last_reported=Max("abuse_reports__created_at"),
        )
        .select_related("topic", "topic__forum", "poster")
        .prefetch_related(Prefetch("abuse_reports", queryset=open_reports, to_attr="open_report_list"))
        .order_by("-open_reports", "-last_reported")
    )


def report_post_get(*, post_id: int):
    """One reported post for the moderator's detail page, with every report (open or decided)."""
    reports = AbuseReport.objects.select_related("reporter").order_by("created_at")
    actions = ModerationAction.objects.select_related("moderator")
    return (
        Post.objects.select_related("topic", "topic__forum", "poster")
        .prefetch_related(
            Prefetch("abuse_reports", queryset=reports, to_attr="report_list"),
            Prefetch("moderation_actions", queryset=actions, to_attr="action_list"),
        )
        .get(pk=post_id)
    )


def moderation_action_list():
    return ModerationAction.objects.select_related("moderator", "post_author", "topic")


def hidden_post_notice_list(*, user, topic) -> list[dict]:
    """The user's own hidden posts in a thread, each with why it is hidden (never who reported it)."""
    if not user.is_authenticated:
        return []
    posts = list(
        Post.objects.filter(topic=topic, poster=user, approved=False)
        .prefetch_related(
            Prefetch(
                "moderation_actions",
                queryset=ModerationAction.objects.filter(kind__in=_HIDING_KINDS),
                to_attr="hiding_actions",
            ),
            Prefetch("abuse_reports", queryset=AbuseReport.objects.order_by("created_at"), to_attr="report_list"),
        )
        .order_by("created")
    )
    notices = []
    for post in posts:
        action = post.hiding_actions[0] if post.hiding_actions else None
        reasons = sorted({report.get_reason_display() for report in post.report_list})
        notices.append(
            {
                "post": post,
                "by_moderator": bool(action and action.kind == ModerationActionKind.HIDE),
                "note": action.note if action else "",
                "reasons": reasons,
                "pending": any(report.status == ReportStatus.OPEN for report in post.report_list),
            }
        )
    return notices
