from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .regions import RegionLevel


class Urusan(models.Model):
    """One of the six SPM sectors (also called bidang)."""

    code = models.CharField(_("kode"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=60, help_text=_("Seperti di beranda: PENDIDIKAN"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("urusan")
        verbose_name_plural = _("urusan")
        ordering = ["order", "code"]

    def __str__(self):
        return self.short_name


class ServiceType(ClusterableModel):
    """A jenis pelayanan dasar of one catalogue year.

    Each year has its own rows; reports copy the texts they show, so editing the
    catalogue never rewrites a report already filed.
    """

    year = models.PositiveSmallIntegerField(_("tahun katalog"))
    urusan = models.ForeignKey(Urusan, verbose_name=_("urusan"), on_delete=models.PROTECT, related_name="services")
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices)
    code = models.CharField(_("kode"), max_length=16)
    name = models.CharField(_("jenis pelayanan dasar"), max_length=300)
    indikator = models.TextField(_("indikator pencapaian"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("jenis pelayanan dasar")
        verbose_name_plural = _("jenis pelayanan dasar")
        ordering = ["year", "urusan__order", "level", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="service_unique_code_per_year")]
        indexes = [models.Index(fields=["year", "level", "urusan"])]

    def __str__(self):
        return f"{self.code} {self.name} ({self.year})"


class MutuItem(models.Model):
    """A quality item (barang, jasa, SDM) that makes up the minimum quality of a service."""

    service = ParentalKey(
        ServiceType, verbose_name=_("jenis pelayanan"), on_delete=models.CASCADE, related_name="mutu_items"
    )
    name = models.TextField(_("mutu"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("mutu pelayanan")
        verbose_name_plural = _("mutu pelayanan")
        ordering = ["service", "order", "id"]

    def __str__(self):
        return self.name[:80]


class CategoryThreshold(models.Model):
    """Lower bound (inclusive) of an achievement category; thresholds are data, not code."""

    name = models.CharField(_("kategori"), max_length=40, unique=True)
    min_index = models.DecimalField(_("indeks minimal"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("kategori capaian")
        verbose_name_plural = _("kategori capaian")
        ordering = ["-min_index"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_index__gte=0, min_index__lte=100), name="category_min_in_range"
            )
        ]

    def __str__(self):
        return f"{self.name} (≥ {self.min_index})"
