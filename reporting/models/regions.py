from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABKOTA = "kabkota", _("Kabupaten/Kota")


class RegionQuerySet(models.QuerySet["Region"]):
    def with_code(self, code: str) -> "RegionQuerySet":
        """The region named by any of its codes: the registry's ("35", "35.17"), which every page, file and
        API answer shows, the login code ("3500", "3517"), which the pemda signs in with, or a login code it
        had before a change of codes (``RegionCodeChange``: "9101" is Merauke, now "93.01", since the 2022
        Papua split). A subquery, not a join: a region with several old codes is still one row."""
        old = RegionCodeChange.objects.filter(old_login_code=code).values("region")
        return self.filter(models.Q(code=code) | models.Q(login_code=code) | models.Q(pk__in=old))


class Region(models.Model):
    """A pemda that reports: a province or an autonomous kabupaten/kota."""

    code = models.CharField(_("kode wilayah"), max_length=8, unique=True, help_text=_("Contoh: 35 atau 35.17"))
    login_code = models.CharField(_("kode login"), max_length=8, unique=True, help_text=_("Contoh: 3500 atau 3517"))
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices)
    province = models.ForeignKey(
        "self", verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT, related_name="kabkota"
    )
    is_active = models.BooleanField(_("aktif"), default=True, help_text=_("Wilayah yang tidak ada lagi di registri."))
    # Who signs the printed reports (laporan triwulan, laporan penerapan SPM tahunan); kept by the pemda
    # itself on its account page, never overwritten by import_regions.
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signatory_title = models.CharField(
        _("jabatan penanda tangan"),
        max_length=150,
        blank=True,
        help_text=_("Contoh: Gubernur Jawa Timur, Bupati Jombang, Sekretaris Daerah Kabupaten Jombang"),
    )
    signatory_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    signing_place = models.CharField(
        _("tempat penandatanganan"), max_length=80, blank=True, help_text=_("Contoh: Surabaya, Jombang")
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(level="provinsi", province__isnull=True)
                    | models.Q(level="kabkota", province__isnull=False)
                ),
                name="region_province_matches_level",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_province(self):
        return self.level == RegionLevel.PROVINSI

    @property
    def display_name(self):
        """Name as the seed prints it: "PROVINSI JAWA TIMUR", "KABUPATEN JOMBANG"."""
        return f"Provinsi {self.name}" if self.is_province else self.name


class RegionCodeChange(models.Model):
    """An old login code that now belongs to another region code (e.g. the 2022 Papua split)."""

    old_login_code = models.CharField(_("kode lama"), max_length=8, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("wilayah"), on_delete=models.CASCADE, related_name="old_codes")
    note = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("perubahan kode wilayah")
        verbose_name_plural = _("perubahan kode wilayah")
        ordering = ["old_login_code"]

    def __str__(self):
        return f"{self.old_login_code} → {self.region.login_code}"
