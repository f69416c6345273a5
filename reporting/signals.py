from django.db.models.signals import post_save
from django.dispatch import receiver

from reporting.models import User
from reporting.services.roles import user_groups_sync


@receiver(post_save, sender=User, dispatch_uid="reporting_user_groups_sync")
def sync_role_groups(sender, instance, raw=False, **kwargs):
    if not raw:
        user_groups_sync(instance)
