"""Abuse reports, the hiding threshold, moderator decisions and the forum's per-forum permissions."""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command

from machina.apps.forum_permission.handler import PermissionHandler
from machina.core.db.models import get_model

from forum.forum_abuse import selectors, services
from forum.forum_abuse.forums import PARTICIPANT_GROUP, forums_setup
from forum.forum_abuse.models import AbuseReport, ModerationAction, ModerationActionKind, ReportReason, ReportStatus
from reporting.accounts.services.roles import roles_setup
from tests import factories

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums(db):
    roles_setup()
    factories.UrusanFactory(code="1.01", name="Pendidikan")
    factories.UrusanFactory(code="1.02", name="Kesehatan")
    return forums_setup()


@pytest.fixture
def moderator(forums):
    return factories.ModeratorUserFactory()


@pytest.fixture
def reply(forums):
    topic = factories.ForumTopicFactory()
    return factories.ForumPostFactory(topic=topic)


def _report(post, n=1, reason=ReportReason.SPAM):
    return [services.report_create(post=post, reporter=factories.PemdaUserFactory(), reason=reason) for _ in range(n)]


# --- setup_forum ---------------------------------------------------------------------------------


def test_setup_creates_general_per_urusan_and_technical_forums_once(forums):
    call_command("setup_forum", stdout=open("/dev/null", "w"))  # noqa: SIM115 -- discard output
    names = list(Forum.objects.order_by("tree_id", "lft").values_list("name", flat=True))
    assert names == ["Permasalahan Umum Pemda", "Urusan Pendidikan", "Urusan Kesehatan", "Aplikasi dan Teknis"]


def test_pemda_operator_and_ministry_accounts_join_the_posting_group(forums):
    pemda = factories.PemdaUserFactory()
    operator = factories.OperatorUserFactory()
    reviewer = factories.UserFactory()
    editor = factories.UserFactory(role="editor")
    group = Group.objects.get(name=PARTICIPANT_GROUP)
    assert set(group.user_set.all()) == {pemda, operator, operator.parent, reviewer}
    assert editor not in group.user_set.all()


def test_setup_adds_accounts_created_before_the_forum_existed(db):
    pemda = factories.PemdaUserFactory()
    forums_setup()
    assert pemda.groups.filter(name=PARTICIPANT_GROUP).exists()


@pytest.mark.parametrize(
    ("who", "can_read", "can_post", "can_moderate"),
    [
        ("anonymous", True, False, False),
        ("pemda", True, True, False),
        ("operator", True, True, False),
        ("reviewer", True, True, False),
        ("editor", True, False, False),
        ("moderator", True, True, True),
    ],
)
def test_per_forum_permissions_by_role(forums, who, can_read, can_post, can_moderate):
    users = {
        "anonymous": lambda: AnonymousUser(),
        "pemda": factories.PemdaUserFactory,
        "operator": factories.OperatorUserFactory,
        "reviewer": factories.UserFactory,
        "editor": lambda: factories.UserFactory(role="editor"),
        "moderator": factories.ModeratorUserFactory,
    }
    user = users[who]()
    for forum in forums:
        handler = PermissionHandler()
        assert handler.can_read_forum(forum, user) is can_read
        assert handler.can_add_topic(forum, user) is (can_post and who != "moderator")
        assert bool(handler.can_lock_topics(forum, user)) is can_moderate
        assert bool(handler.can_delete_topics(forum, user)) is can_moderate


# --- reports -------------------------------------------------------------------------------------


def test_a_user_reports_a_post_only_once(reply):
    reporter = factories.PemdaUserFactory()
    services.report_create(post=reply, reporter=reporter, reason=ReportReason.SPAM)
    with pytest.raises(services.ReportError, match=services.ERROR_ALREADY_REPORTED):
        services.report_create(post=reply, reporter=reporter, reason=ReportReason.ABUSIVE)
    assert AbuseReport.objects.count() == 1


def test_nobody_reports_their_own_post(reply):
    with pytest.raises(services.ReportError, match=services.ERROR_OWN_POST):
        services.report_create(post=reply, reporter=reply.poster, reason=ReportReason.SPAM)


def test_reason_other_needs_a_text(reply):
    with pytest.raises(services.ReportError, match=services.ERROR_DETAIL_REQUIRED):
        services.report_create(
            post=reply, reporter=factories.PemdaUserFactory(), reason=ReportReason.OTHER, detail=" "
        )


def test_post_stays_visible_below_the_threshold(reply, settings):
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 3
    _report(reply, 2)
    reply.refresh_from_db()
    assert reply.approved
    assert not ModerationAction.objects.exists()


def test_post_is_hidden_at_the_threshold_and_the_hiding_is_recorded(reply, settings):
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 3
    _report(reply, 3)
    reply.refresh_from_db()
    assert not reply.approved
    action = ModerationAction.objects.get()
    assert action.kind == ModerationActionKind.AUTO_HIDE and action.moderator is None
    reply.topic.refresh_from_db()
    assert reply.topic.posts_count == 1  # the hidden reply no longer counts


def test_one_pemda_and_its_operators_count_once_toward_hiding(reply, settings):
    """Issue 24.8: a pemda's three self-made operators and the pemda itself are one voice, not four."""
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 3
    pemda = factories.PemdaUserFactory()
    operators = [factories.OperatorUserFactory(parent=pemda) for _ in range(3)]
    for reporter in [pemda, *operators]:
        services.report_create(post=reply, reporter=reporter, reason=ReportReason.SPAM)
    reply.refresh_from_db()
    assert reply.approved
    assert not ModerationAction.objects.exists()
    _report(reply, 2)  # two other pemda: three voices
    reply.refresh_from_db()
    assert not reply.approved


@pytest.mark.parametrize("author", ["reviewer", "ministry_admin", "moderator", "superuser"])
def test_ministry_and_moderator_posts_are_queued_never_auto_hidden(forums, settings, author):
    """Issue 24.8: reports on the ministry's announcement reach the moderators' queue; the post stays up."""
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 2
    if author == "superuser":
        poster = factories.UserFactory(role="", is_superuser=True)
    else:
        poster = factories.UserFactory(role=author)
    announcement = factories.ForumTopicFactory(poster=poster).first_post
    _report(announcement, 4)
    announcement.refresh_from_db()
    assert announcement.approved
    assert not ModerationAction.objects.exists()
    queued = list(selectors.report_queue_list())
    assert queued == [announcement] and queued[0].open_reports == 4


def test_restore_dismisses_reports_and_shows_the_post(reply, moderator, settings):
    settings.FORUM_ABUSE_REPORT_THRESHOLD = 2
    _report(reply, 2)
    services.post_restore(post=reply, moderator=moderator, note="Tidak melanggar")
    reply.refresh_from_db()
    assert reply.approved
    assert set(reply.abuse_reports.values_list("status", flat=True)) == {ReportStatus.DISMISSED}
    assert ModerationAction.objects.filter(kind=ModerationActionKind.DISMISS, moderator=moderator).exists()
    assert list(selectors.report_queue_list()) == []


def test_hide_upholds_reports_and_tells_the_author_why(reply, moderator):
    _report(reply, 1, reason=ReportReason.ABUSIVE)
    services.post_hide(post=reply, moderator=moderator, note="Bahasa kasar")
    notices = selectors.hidden_post_notice_list(user=reply.poster, topic=reply.topic)
    assert len(notices) == 1
    assert notices[0]["by_moderator"] and notices[0]["note"] == "Bahasa kasar"
    assert notices[0]["reasons"] == ["Kasar atau tidak pantas"]
    assert selectors.hidden_post_notice_list(user=factories.PemdaUserFactory(), topic=reply.topic) == []


def test_deleting_a_reply_keeps_the_thread_and_the_record(reply, moderator):
    topic = reply.topic
    _report(reply, 1)
    services.post_delete(post=reply, moderator=moderator, note="Spam")
    assert not Post.objects.filter(pk=reply.pk).exists()
    assert Topic.objects.filter(pk=topic.pk).exists()
    action = ModerationAction.objects.get(kind=ModerationActionKind.DELETE)
    assert action.post is None and action.post_subject == reply.subject and action.post_content == "Tanggapan uji"


def test_deleting_the_first_post_deletes_the_thread(forums, moderator):
    topic = factories.ForumTopicFactory()
    factories.ForumPostFactory(topic=topic)
    services.post_delete(post=topic.first_post, moderator=moderator)
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_lock_closes_the_thread_and_leaves_reports_for_a_decision(reply, moderator):
    _report(reply, 1)
    services.topic_lock(post=reply, moderator=moderator)
    reply.topic.refresh_from_db()
    assert reply.topic.is_locked
    assert [p.pk for p in selectors.report_queue_list()] == [reply.pk]


def test_queue_lists_reports_with_their_reporters(reply, django_assert_max_num_queries):
    reports = _report(reply, 2)
    with django_assert_max_num_queries(2):
        queue = list(selectors.report_queue_list())
        assert {r.reporter for r in queue[0].open_report_list} == {r.reporter for r in reports}
    assert queue[0].open_reports == 2


def test_only_moderator_group_members_and_superusers_moderate(forums, moderator):
    assert selectors.can_moderate(moderator)
    assert selectors.can_moderate(factories.UserFactory(is_superuser=True))
    assert not selectors.can_moderate(factories.PemdaUserFactory())
    assert not selectors.can_moderate(factories.UserFactory(role="ministry_admin"))
    assert not selectors.can_moderate(AnonymousUser())


def test_readable_forums_are_cached_per_user_and_follow_a_permission_change_at_once(forums):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    UserForumPermission = get_model("forum_permission", "UserForumPermission")
    user = factories.PemdaUserFactory()
    ids = selectors.readable_forum_ids(user=user, permission_handler=PermissionHandler())
    assert set(ids) == {forum.pk for forum in forums}
    with CaptureQueriesContext(connection) as queries:
        assert selectors.readable_forum_ids(user=user, permission_handler=PermissionHandler()) == ids
    assert len(queries) == 0

    closed = forums[0]
    for grant in UserForumPermission.objects.filter(forum=closed, permission__codename="can_read_forum"):
        grant.has_perm = False
        grant.save()

    assert closed.pk not in selectors.readable_forum_ids(user=user, permission_handler=PermissionHandler())
    assert closed.pk not in selectors.readable_forum_ids(user=AnonymousUser(), permission_handler=PermissionHandler())
