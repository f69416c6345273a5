from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reporting.models import CategoryThreshold, Period, PeriodExtension, Region, ServiceType, Urusan
from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds_forget


@receiver([post_save, post_delete], sender=CategoryThreshold, dispatch_uid="reporting_thresholds_forget")
def forget_thresholds(sender, **kwargs):
    category_thresholds_forget()


@receiver([post_save, post_delete], sender=ServiceType, dispatch_uid="reporting_catalogue_public")
@receiver([post_save, post_delete], sender=Urusan, dispatch_uid="reporting_urusan_public")
@receiver([post_save, post_delete], sender=Period, dispatch_uid="reporting_period_public")
@receiver([post_save, post_delete], sender=PeriodExtension, dispatch_uid="reporting_extension_public")
@receiver([post_save, post_delete], sender=Region, dispatch_uid="reporting_region_public")
def forget_public_figures(sender, **kwargs):
    # The home page lists the catalogue's services per urusan; the national trend counts on-time reports
    # against the period's and the pemda's deadline; monitoring counts the active pemda and names them.
    public_figures_changed()
