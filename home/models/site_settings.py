from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_LOGO_ALT_TEXT = "Logo Kementerian Dalam Negeri"


@register_setting(icon="link")
class PortalSettings(BaseSiteSetting):
    """Links and the logo an editor may change without a deployment.

    The logo is the portal's one emblem: the header of every page (public site and pemda app) and the top of
    every printout show it (``home.emblem``), read from the default site's settings.
    """

    sipd_profile_url = models.URLField(
        _("tautan PROFIL DAERAH SIPD"),
        blank=True,
        help_text=_("Kosongkan untuk memakai alamat bawaan server (SIPD_PROFILE_URL)."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo instansi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Tampil di kepala setiap halaman (di atas latar biru tua) dan di setiap PDF (laporan triwulan, laporan "
            "tahunan, evaluasi). Gambar PNG, JPG, GIF atau WEBP, sebaiknya berlatar transparan dan setinggi 200 "
            "piksel atau lebih. Kosongkan untuk memakai lambang bawaan portal."
        ),
    )
    logo_alt_text = models.CharField(
        _("teks alternatif logo"),
        max_length=150,
        default=DEFAULT_LOGO_ALT_TEXT,
        help_text=_(
            "Dibacakan pembaca layar sebagai pengganti gambar, misalnya \u201cLogo Kementerian Dalam Negeri\u201d."
        ),
    )

    panels = [
        FieldPanel("sipd_profile_url"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
    ]

    class Meta:
        verbose_name = _("pengaturan portal")

    @property
    def sipd_url(self):
        return self.sipd_profile_url or settings.SIPD_PROFILE_URL
