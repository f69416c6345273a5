from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="link")
class PortalSettings(BaseSiteSetting):
    """Links an editor may change without a deployment."""

    sipd_profile_url = models.URLField(
        _("tautan PROFIL DAERAH SIPD"),
        blank=True,
        help_text=_("Kosongkan untuk memakai alamat bawaan server (SIPD_PROFILE_URL)."),
    )

    panels = [FieldPanel("sipd_profile_url")]

    class Meta:
        verbose_name = _("pengaturan portal")

    @property
    def sipd_url(self):
        return self.sipd_profile_url or settings.SIPD_PROFILE_URL
