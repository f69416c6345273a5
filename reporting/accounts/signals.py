"""What a save of an account sets off: its role group, and what a change of its password or rights ends."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from reporting.accounts.services.accounts import account_change_apply, account_state_remember
from reporting.accounts.services.roles import user_groups_sync
from reporting.models import User

# Saves that touch none of these (a login's last_login) cost no extra query.
_WATCHED_FIELDS = frozenset({"password", "role", "is_superuser", "region", "region_id", "is_active"})


@receiver(post_save, sender=User, dispatch_uid="reporting_user_groups_sync")
def sync_role_groups(sender, instance, raw=False, **kwargs):
    if not raw:
        user_groups_sync(instance)


@receiver(pre_save, sender=User, dispatch_uid="reporting_user_state_remember")
def remember_account_state(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not _WATCHED_FIELDS & set(update_fields)):
        instance._state_before = None
        return
    account_state_remember(user=instance)


@receiver(post_save, sender=User, dispatch_uid="reporting_user_change_apply")
def apply_account_change(sender, instance, raw=False, **kwargs):
    if not raw:
        account_change_apply(user=instance)
