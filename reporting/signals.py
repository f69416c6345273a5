from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.net import client_ip
from reporting.models import CategoryThreshold, Period, PeriodExtension, ServiceType, Urusan, User
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds_forget
from reporting.services.accounts import login_attempt_record
from reporting.services.roles import user_groups_sync


@receiver(post_save, sender=User, dispatch_uid="reporting_user_groups_sync")
def sync_role_groups(sender, instance, raw=False, **kwargs):
    if not raw:
        user_groups_sync(instance)


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


@receiver(user_login_failed, dispatch_uid="reporting_login_failed")
def record_failed_login(sender, credentials, request=None, **kwargs):
    """Every failed login, whatever the login page, counts toward the lockout."""
    username = (credentials.get("username") or "").strip()
    if username:
        login_attempt_record(username=username, ip_address=client_ip(request), succeeded=False)


@receiver(user_logged_in, dispatch_uid="reporting_logged_in")
def record_login(sender, request, user, **kwargs):
    login_attempt_record(username=user.get_username(), ip_address=client_ip(request), succeeded=True)
