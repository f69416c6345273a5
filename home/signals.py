"""Cached reads of ``home`` that data changes must refresh, wired to every writer through signals."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.cms_cache import cms_changed
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


@receiver(post_save, dispatch_uid="home_cms_saved")
@receiver(post_delete, dispatch_uid="home_cms_deleted")
def forget_cms_fragments(sender, instance, created=False, **kwargs):
    # Every page class is its own sender: one receiver for all, which lets only the CMS's rows through. A
    # publish, an unpublish and a revision save all save the page; a deleted page goes with post_delete. A
    # view restriction hides pages from the lists. The settings row Wagtail creates on its first read holds
    # the defaults the page was drawn with: no change.
    if created and isinstance(instance, PortalSettings):
        return
    if isinstance(instance, (Page, PageViewRestriction, PortalSettings, Image)):
        cms_changed()


@receiver(post_delete, sender=Rendition, dispatch_uid="home_cms_rendition")
def forget_cms_fragments_of_rendition(sender, **kwargs):
    # A replaced image file deletes its renditions (a new rendition changes nothing shown).
    cms_changed()


@receiver(post_page_move, dispatch_uid="home_cms_page_moved")
@receiver(page_unpublished, dispatch_uid="home_cms_page_unpublished")
@receiver(page_published, dispatch_uid="home_cms_page_published")
def forget_cms_fragments_of_page(sender, **kwargs):
    # A move rewrites the tree's paths in SQL (no save of the moved pages); publish and unpublish save too, but
    # say so explicitly.
    cms_changed()
