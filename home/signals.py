"""Cached reads of ``home`` that data changes must refresh, wired to every writer through signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model

from home.emblem import emblem_changed
from home.models import PortalSettings

Image = get_image_model()
Rendition = Image.get_rendition_model()


@receiver([post_save, post_delete], sender=PortalSettings, dispatch_uid="home_emblem_settings")
@receiver([post_save, post_delete], sender=Image, dispatch_uid="home_emblem_image")
@receiver(post_delete, sender=Rendition, dispatch_uid="home_emblem_rendition")
def forget_emblem(sender, instance, created=False, **kwargs):
    # The header keeps the logo's rendition address, a printout its bytes: a new logo, a replaced file (its
    # renditions are deleted) or a deleted image must show at once. A new image is no logo yet, and the
    # settings row Wagtail creates on its first read has none: neither changes what is shown.
    if created and (sender is Image or getattr(instance, "logo_id", None) is None):
        return
    emblem_changed()
