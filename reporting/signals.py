from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from reporting.models import CategoryThreshold, Period, PeriodExtension, ServiceType, Urusan, User
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds_forget
from reporting.services.accounts import account_change_apply, account_state_remember
from reporting.services.roles import user_groups_sync

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


@receiver([post_save, post_delete], sender=CategoryThreshold, dispatch_uid="reporting_thresholds_forget")
def forget_thresholds(sender, **kwargs):
    category_thresholds_forget()


@receiver([post_save, post_delete], sender=ServiceType, dispatch_uid="reporting_catalogue_public")
@receiver([post_save, post_delete], sender=Urusan, dispatch_uid="reporting_urusan_public")
@receiver([post_save, post_delete], sender=Period, dispatch_uid="reporting_period_public")
@receiver([post_save, post_delete], sender=PeriodExtension, dispatch_uid="reporting_extension_public")
def forget_public_figures(sender, **kwargs):
    # The home page lists the catalogue's services per urusan; the national trend counts on-time reports
    # against the period's and the pemda's deadline.
    public_figures_changed()
