from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.forum_abuse.forums import participant_sync
from reporting.models import User


@receiver(post_save, sender=User, dispatch_uid="forum_abuse_participant_sync")
def sync_forum_participant(sender, instance, raw=False, **kwargs):
    if not raw:
        participant_sync(instance)
