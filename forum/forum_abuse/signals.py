from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from machina.core.db.models import get_model

from forum.forum_abuse.forums import participant_sync
from forum.forum_abuse.selectors import forum_access_changed
from reporting.models import User

Forum = get_model("forum", "Forum")
UserForumPermission = get_model("forum_permission", "UserForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")


@receiver(post_save, sender=User, dispatch_uid="forum_abuse_participant_sync")
def sync_forum_participant(sender, instance, raw=False, **kwargs):
    if not raw:
        participant_sync(instance)


@receiver([post_save, post_delete], sender=User, dispatch_uid="forum_access_user")
@receiver([post_save, post_delete], sender=Group, dispatch_uid="forum_access_group")
@receiver([post_save, post_delete], sender=Forum, dispatch_uid="forum_access_forum")
@receiver([post_save, post_delete], sender=UserForumPermission, dispatch_uid="forum_access_user_permission")
@receiver([post_save, post_delete], sender=GroupForumPermission, dispatch_uid="forum_access_group_permission")
@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="forum_access_memberships")
def forget_forum_access(sender, update_fields=None, **kwargs):
    # Who may read which forum is cached per user (selectors.readable_forum_ids): any change starts afresh.
    # A login only stamps last_login, which no forum permission depends on.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    forum_access_changed()
