"""Plausibility checks before Kirim: rules the ministry edits (``ValidationRule``) and what they found in a
report (``ReportWarning``). A warning never blocks a save; the pemda confirms it with a note or corrects the
figure before sending. The checks themselves are ``reporting.calculations`` and ``reporting.services.quality``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.generations import generation_replace
from reporting import messages

from .regions import RegionLevel

# Every save rechecks its report with the active rules, which the ministry edits a few times a year: they are
# kept in the shared cache under this generation (``selectors.quality.rule_applicable_list``), which every
# write of a rule replaces, through the model and its queryset alike (``ValidationRuleQuerySet``).
RULES_GENERATION_KEY = "spm:quality-rules-generation"


def quality_rules_changed() -> None:
    """A rule was written: the rules cached before are not read again (now, and again at commit)."""
    generation_replace(RULES_GENERATION_KEY)


class RuleKind(models.TextChoices):
    OUTLIER = "outlier", _("Nilai jauh dari triwulan/tahun sebelumnya")
    SERAPAN = "serapan", _("Serapan anggaran di luar harapan")
    TARGET_CHANGE = "target_change", _("Jumlah harus dilayani berubah dari laporan diterima terakhir")
    MUTU = "mutu", _("Mutu tidak sesuai dengan layanan")


class ValidationRuleQuerySet(models.QuerySet):
    """Bulk writes of rules replace the rules' generation as ``save`` and ``delete`` do."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        quality_rules_changed()
        return changed

    def delete(self):
        deleted = super().delete()
        quality_rules_changed()
        return deleted

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        quality_rules_changed()
        return created

    def bulk_update(self, *args, **kwargs):
        changed = super().bulk_update(*args, **kwargs)
        quality_rules_changed()
        return changed


class ValidationRule(models.Model):
    """A plausibility rule: which check, its parameters and where it applies (every urusan and level when empty).

    - ``outlier``: harus dilayani or terlayani of a service above ``factor`` x or below 1/``factor`` of the
      pemda's median over its previous ``lookback`` sent quarters (the same and the previous year);
    - ``serapan``: realisasi/pagu per kegiatan and in total below ``min_percent`` % of the expected
      cumulative serapan at the quarter (TW I 25 %, TW II 50 %, TW III 75 %, TW IV 100 %) or above
      ``max_percent`` % (when set);
    - ``target_change``: harus dilayani more than ``max_change_percent`` % away from the last accepted report;
    - ``mutu``: mutu terpenuhi filled while the service has no terlayani, and with ``compare_served`` also a
      mutu terpenuhi above the service's terlayani.
    """

    name = models.CharField(_("nama aturan"), max_length=200)
    kind = models.CharField(_("jenis pemeriksaan"), max_length=20, choices=RuleKind.choices)
    is_active = models.BooleanField(_("aktif"), default=True)
    urusan = models.ForeignKey(
        "reporting.Urusan",
        verbose_name=_("hanya urusan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Kosongkan agar berlaku untuk semua urusan."),
    )
    level = models.CharField(
        _("hanya tingkat"),
        max_length=10,
        choices=RegionLevel.choices,
        blank=True,
        help_text=_("Kosongkan agar berlaku untuk provinsi dan kabupaten/kota."),
    )
    factor = models.DecimalField(
        _("faktor"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Nilai jauh: peringatan bila nilai lebih dari faktor x atau kurang dari 1/faktor nilai lalu."),
    )
    lookback = models.PositiveSmallIntegerField(
        _("jumlah triwulan pembanding"), default=4, help_text=_("Nilai jauh: berapa triwulan terkirim sebelumnya.")
    )
    min_percent = models.DecimalField(
        _("serapan paling rendah (% dari harapan)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Serapan: persen dari serapan kumulatif yang diharapkan pada triwulan itu."),
    )
    max_percent = models.DecimalField(
        _("serapan paling tinggi (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    max_change_percent = models.DecimalField(
        _("perubahan paling besar (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    compare_served = models.BooleanField(
        _("bandingkan mutu terpenuhi dengan terlayani"),
        default=False,
        help_text=_("Mutu: hanya bila butir mutu menghitung orang yang sama dengan penerima layanan."),
    )

    objects = ValidationRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("aturan pemeriksaan data")
        verbose_name_plural = _("aturan pemeriksaan data")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                # SQL lets a NULL through ``factor > 1``: an active rule states its figure explicitly, an inactive
                # one (a draft) may still lack it.
                condition=~Q(kind="outlier") | Q(is_active=False) | Q(factor__isnull=False, factor__gt=1),
                name="rule_outlier_factor_above_one",
                violation_error_message=messages.RULE_OUTLIER_FACTOR,
            ),
            models.CheckConstraint(
                condition=~Q(kind="serapan") | Q(min_percent__isnull=False) | Q(max_percent__isnull=False),
                name="rule_serapan_has_bound",
                violation_error_message=messages.RULE_SERAPAN_BOUND,
            ),
            models.CheckConstraint(
                condition=~Q(kind="target_change")
                | Q(is_active=False)
                | Q(max_change_percent__isnull=False, max_change_percent__gte=0),
                name="rule_change_has_limit",
                violation_error_message=messages.RULE_TARGET_CHANGE_LIMIT,
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        quality_rules_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        quality_rules_changed()
        return deleted


class WarningStatus(models.TextChoices):
    OPEN = "open", _("Belum dikonfirmasi")
    CONFIRMED = "confirmed", _("Dikonfirmasi")
    RESOLVED = "resolved", _("Sudah diperbaiki")


class ReportWarning(models.Model):
    """What a rule found in a report, keyed by the figure (``target_key``) so that a recheck updates it."""

    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="warnings")
    rule = models.ForeignKey(ValidationRule, verbose_name=_("aturan"), on_delete=models.CASCADE, related_name="+")
    target_key = models.CharField(max_length=120)
    label = models.CharField(_("isian"), max_length=600)
    message = models.TextField(_("peringatan"))
    status = models.CharField(_("status"), max_length=10, choices=WarningStatus.choices, default=WarningStatus.OPEN)
    note = models.TextField(_("catatan konfirmasi"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peringatan data")
        verbose_name_plural = _("peringatan data")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "rule", "target_key"], name="warning_unique_target"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | ~Q(note=""),
                name="warning_confirmed_has_note",
                violation_error_message=messages.WARNING_CONFIRMED_NEEDS_NOTE,
            ),
        ]
        indexes = [models.Index(fields=["status", "report"])]

    def __str__(self):
        return f"{self.report_id} {self.label}"
