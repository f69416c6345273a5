"""The forum board and its per-forum permissions (machina's own permission models).

- everyone, anonymous visitors included, sees and reads every forum;
- pemda, operator and ministry accounts (group "Peserta Forum", kept in step with the role) post;
- the group "Moderator Forum" moderates (and may answer).
"""

from django.contrib.auth.models import Group
from django.db import transaction

from machina.core.db.models import get_model

from reporting.accounts.services.roles import ROLE_GROUPS
from reporting.models import Role, Urusan, User

Forum = get_model("forum", "Forum")
ForumPermission = get_model("forum_permission", "ForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

PARTICIPANT_GROUP = "Peserta Forum"
PARTICIPANT_ROLES = (Role.PEMDA, Role.OPERATOR, Role.REVIEWER, Role.MINISTRY_ADMIN)
GENERAL_FORUM = ("Permasalahan Umum Pemda", "Pertanyaan dan permasalahan umum penerapan SPM di daerah.")
TECHNICAL_FORUM = ("Aplikasi dan Teknis", "Kendala teknis aplikasi Pelaporan SPM: login, input data, unggah dokumen.")

READ_PERMISSIONS = ["can_see_forum", "can_read_forum", "can_download_file"]
POST_PERMISSIONS = [
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_delete_own_posts",
    "can_post_without_approval",
    "can_attach_file",
    "can_vote_in_polls",
]
MODERATOR_PERMISSIONS = [
    "can_reply_to_topics",
    "can_post_without_approval",
    "can_edit_own_posts",
    "can_lock_topics",
    "can_move_topics",
    "can_edit_posts",
    "can_delete_posts",
    "can_approve_posts",
    "can_reply_to_locked_topics",
    "can_post_stickies",
    "can_post_announcements",
]


def forum_names() -> list[tuple[str, str]]:
    """The board in display order: general, one per urusan, technical."""
    per_urusan = [(f"Urusan {u.name}", f"Diskusi penerapan SPM urusan {u.name}.") for u in Urusan.objects.all()]
    return [GENERAL_FORUM, *per_urusan, TECHNICAL_FORUM]


@transaction.atomic
def forums_setup() -> list:
    """Create the missing forums and (re)grant their permissions; safe to run again."""
    participants, _ = Group.objects.get_or_create(name=PARTICIPANT_GROUP)
    moderators, _ = Group.objects.get_or_create(name=ROLE_GROUPS[Role.MODERATOR])
    forums = []
    for name, description in forum_names():
        forum = Forum.objects.filter(name=name, type=Forum.FORUM_POST, parent=None).first()
        if forum is None:
            forum = Forum.objects.create(name=name, description=description, type=Forum.FORUM_POST)
        forums.append(forum)
        _grant_forum_permissions(forum, participants, moderators)
    for user in User.objects.filter(is_active=True, role__in=PARTICIPANT_ROLES).exclude(groups=participants):
        user.groups.add(participants)
    return forums


def _grant_forum_permissions(forum, participants: Group, moderators: Group) -> None:
    permissions = {p.codename: p for p in ForumPermission.objects.all()}
    for codename in READ_PERMISSIONS:
        for who in ({"anonymous_user": True}, {"authenticated_user": True}):
            UserForumPermission.objects.update_or_create(
                forum=forum, permission=permissions[codename], user=None, **who, defaults={"has_perm": True}
            )
    for group, codenames in ((participants, POST_PERMISSIONS), (moderators, MODERATOR_PERMISSIONS)):
        for codename in codenames:
            GroupForumPermission.objects.update_or_create(
                forum=forum, permission=permissions[codename], group=group, defaults={"has_perm": True}
            )


def participant_sync(user: User) -> None:
    """Keep the user in the posting group exactly while its role may post."""
    group = Group.objects.filter(name=PARTICIPANT_GROUP).first()
    if group is None:  # the forum is not set up yet; forums_setup adds everyone later
        return
    if user.is_active and user.role in PARTICIPANT_ROLES:
        user.groups.add(group)
    else:
        user.groups.remove(group)
