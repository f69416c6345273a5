from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSnapshot(models.Model):
    """What a pemda sent (Kirim), frozen: monitoring keeps showing it while a returned report is corrected.

    ``data`` holds the whole sent content (tab A figures and mutu, kegiatan/anggaran, permasalahan,
    summary); the summary is also kept in columns so that monitoring joins one row per report instead
    of reading JSON.
    """

    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField(_("kiriman ke"))
    report_version = models.PositiveIntegerField(_("versi laporan"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("dikirim pada"))
    data = models.JSONField(default=dict)
    capaian_penerima = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    capaian_mutu = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    indeks = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("kategori"), max_length=40, blank=True)
    figures_required = models.PositiveIntegerField(default=0)
    figures_filled = models.PositiveIntegerField(default=0)
    pagu_total = models.BigIntegerField(default=0)
    realisasi_total = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("kiriman laporan")
        verbose_name_plural = _("kiriman laporan")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="snapshot_unique_number")]

    def __str__(self):
        return f"{self.report_id} kiriman {self.number}"
