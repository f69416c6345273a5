"""Reporting rules the ministry changes in the admin without a deployment (Pengaturan > Pengaturan pelaporan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class ReportingSettings(BaseGenericSetting):
    """One row for the whole portal; ``ReportingSettings.load()`` creates it with the defaults."""

    allow_incomplete_submit = models.BooleanField(
        _("boleh mengirim laporan yang belum lengkap"),
        default=True,
        help_text=_(
            "Bila aktif, pemda dapat mengirim laporan dengan isian capaian yang masih kosong asalkan menulis "
            "alasannya (dibaca pemeriksa). Bila tidak aktif, Kirim ditolak sampai semua isian capaian terisi."
        ),
    )

    panels = [FieldPanel("allow_incomplete_submit")]

    class Meta:
        verbose_name = _("pengaturan pelaporan")
        verbose_name_plural = _("pengaturan pelaporan")

    def __str__(self):
        return str(self._meta.verbose_name)
