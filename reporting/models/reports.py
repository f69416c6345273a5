from django.conf import settings
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import storage as core_storage


def private_storage():
    """Report files are never under MEDIA_URL: only permission-checked views serve them (the migrations name
    this function; core.storage holds the handle)."""
    return core_storage.private_storage()


class Quarter(models.IntegerChoices):
    TW1 = 1, "TW I"
    TW2 = 2, "TW II"
    TW3 = 3, "TW III"
    TW4 = 4, "TW IV"


class Period(models.Model):
    """A reporting quarter with the input window the ministry sets."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    opens_at = models.DateTimeField(_("input dibuka"))
    closes_at = models.DateTimeField(_("batas input"))

    class Meta:
        verbose_name = _("periode pelaporan")
        verbose_name_plural = _("periode pelaporan")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="period_unique_quarter"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="period_closes_after_opens"),
        ]

    def __str__(self):
        return f"{self.get_quarter_display()} {self.year}"


class PeriodExtension(models.Model):
    """A later deadline for one pemda in one period."""

    period = models.ForeignKey(Period, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="extensions")
    region = models.ForeignKey("reporting.Region", verbose_name=_("wilayah"), on_delete=models.CASCADE)
    closes_at = models.DateTimeField(_("batas input baru"))
    reason = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("perpanjangan batas input")
        verbose_name_plural = _("perpanjangan batas input")
        constraints = [models.UniqueConstraint(fields=["period", "region"], name="extension_unique_region")]

    def __str__(self):
        return f"{self.region} {self.period}: {self.closes_at:%d-%m-%Y}"


class ReportStatus(models.TextChoices):
    """The one home of the status labels (pages, history, workbooks, admin). The context keeps another
    package's catalogue from translating "Draft" (Wagtail's gives "Konsep")."""

    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Dikirim")
    RETURNED = "returned", pgettext_lazy("report status", "Dikembalikan")
    ACCEPTED = "accepted", pgettext_lazy("report status", "Diterima")


class ReportQuerySet(models.QuerySet["Report"]):
    # What ``with_window`` puts on each report.
    WINDOW_FIELDS = ("extension_closes_at", "extension_reason", "deadline")

    def with_window(self):
        """The reports with their pemda's input window in the period, through one LEFT JOIN on the pemda's
        extension (at most one per period and region: a unique constraint, so the join adds no row; a
        subquery per report cost tens of ms at national scale): ``extension_closes_at``, ``extension_reason``
        (for ``selectors.reports.report_window``) and ``deadline``, the later of the period's and the
        extension's closing (for monitoring's on-time counts)."""
        return self.alias(
            own_extension=FilteredRelation("period__extensions", condition=Q(period__extensions__region=F("region")))
        ).annotate(
            extension_closes_at=F("own_extension__closes_at"),
            extension_reason=F("own_extension__reason"),
            deadline=Greatest(Coalesce("own_extension__closes_at", "period__closes_at"), "period__closes_at"),
        )


# A report counts as sent (dilaporkan) once its pemda sent it (Kirim), whatever the reviewer did since: a
# returned report was sent on its date and its sent version is what reviewers and monitoring read, so a
# return never turns a pemda that reported on time into one that did not. The one definition of "sent":
# monitoring, recaps, reminders and the reviewers' access use it (the home page has its own rule,
# ``selectors.public.HOME_COUNTED_STATUSES``).
SENT_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED)
# The longest text a user may type per field (the forms say so; services refuse more, so a 1 MB paste from the
# API or a script never reaches the database). Kegiatan names follow the column (500); a permasalahan's solusi
# may be as long as the permasalahan itself.
TEXT_LIMITS = {
    "activity_name": 500,
    "justification": 2000,
    "problem_text": 5000,
    "problem_solution": 5000,
    "return_reason": 2000,
    "incomplete_reason": 2000,
}


class Report(models.Model):
    """The report of one pemda for one urusan and one period.

    The summary fields are kept up to date by the services on every write, so that
    lists and monitoring never need to walk the rows.
    """

    region = models.ForeignKey(
        "reporting.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="reports"
    )
    urusan = models.ForeignKey(
        "reporting.Urusan", verbose_name=_("urusan"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(
        _("versi"), default=1, help_text=_("Naik pada setiap simpan; menolak simpan yang bertabrakan.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    incomplete_reason = models.TextField(
        _("alasan dikirim belum lengkap"),
        blank=True,
        help_text=_("Alasan pemda mengirim laporan dengan isian capaian yang masih kosong; dibaca pemeriksa."),
    )
    reopened_until = models.DateTimeField(
        _("dibuka kembali sampai"),
        null=True,
        blank=True,
        help_text=_("Kementerian membuka kembali laporan ini untuk diisi setelah batas input berakhir."),
    )
    # Summary, recomputed by reporting.services on every write.
    capaian_penerima = models.DecimalField(
        _("capaian penerima (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    capaian_mutu = models.DecimalField(_("capaian mutu (%)"), max_digits=7, decimal_places=2, null=True, blank=True)
    indeks = models.DecimalField(_("indeks (%)"), max_digits=7, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("kategori"), max_length=40, blank=True)
    figures_required = models.PositiveIntegerField(_("isian wajib"), default=0)
    figures_filled = models.PositiveIntegerField(_("isian terisi"), default=0)
    pagu_total = models.BigIntegerField(_("pagu (Rp)"), default=0)
    realisasi_total = models.BigIntegerField(_("realisasi (Rp)"), default=0)
    # The last version the pemda sent (Kirim); monitoring reads its summary (reporting.selectors.monitoring).
    sent_snapshot = models.ForeignKey(
        "reporting.ReportSnapshot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    # The summary fields above, in one list (refreshed by reporting.services.summary, frozen in each sent version).
    SUMMARY_FIELDS = (
        "capaian_penerima",
        "capaian_mutu",
        "indeks",
        "category",
        "figures_required",
        "figures_filled",
        "pagu_total",
        "realisasi_total",
    )

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-period__year", "-period__quarter", "region__code", "urusan__order"]
        constraints = [
            models.UniqueConstraint(fields=["region", "urusan", "period"], name="report_unique_per_period"),
            models.CheckConstraint(
                condition=Q(figures_filled__lte=F("figures_required")), name="report_filled_le_required"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"]),
            models.Index(fields=["region", "period"]),
            models.Index(fields=["-submitted_at"]),
        ]

    def __str__(self):
        return f"{self.region} · {self.urusan} · {self.period}"


class ServiceEntry(models.Model):
    """Capaian of one jenis pelayanan in a report; texts copied from the catalogue."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    service = models.ForeignKey("reporting.ServiceType", null=True, blank=True, on_delete=models.SET_NULL)
    service_code = models.CharField(max_length=16)
    service_name = models.CharField(_("jenis pelayanan dasar"), max_length=300)
    indikator = models.TextField(_("indikator pencapaian"))
    order = models.PositiveSmallIntegerField(default=0)
    harus_dilayani = models.BigIntegerField(_("jumlah yang harus dilayani"), null=True, blank=True)
    terlayani = models.BigIntegerField(_("jumlah yang terlayani"), null=True, blank=True)

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "service_code"], name="entry_unique_service"),
            models.CheckConstraint(
                condition=Q(harus_dilayani__gte=0) | Q(harus_dilayani__isnull=True), name="entry_target_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(terlayani__gte=0) | Q(terlayani__isnull=True), name="entry_served_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(terlayani__lte=F("harus_dilayani"))
                | Q(terlayani__isnull=True)
                | Q(harus_dilayani__isnull=True),
                name="entry_served_le_target",
            ),
        ]

    def __str__(self):
        return self.service_name


class MutuEntry(models.Model):
    """Figures of one mutu item of a service entry."""

    entry = models.ForeignKey(ServiceEntry, on_delete=models.CASCADE, related_name="mutu_entries")
    mutu_item = models.ForeignKey("reporting.MutuItem", null=True, blank=True, on_delete=models.SET_NULL)
    name = models.TextField(_("mutu"))
    order = models.PositiveSmallIntegerField(default=0)
    harus_dipenuhi = models.BigIntegerField(_("jumlah yang harus dipenuhi"), null=True, blank=True)
    terpenuhi = models.BigIntegerField(_("jumlah yang terpenuhi"), null=True, blank=True)

    class Meta:
        ordering = ["entry", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(harus_dipenuhi__gte=0) | Q(harus_dipenuhi__isnull=True), name="mutu_target_nonneg"
            ),
            models.CheckConstraint(condition=Q(terpenuhi__gte=0) | Q(terpenuhi__isnull=True), name="mutu_met_nonneg"),
            models.CheckConstraint(
                condition=Q(terpenuhi__lte=F("harus_dipenuhi"))
                | Q(terpenuhi__isnull=True)
                | Q(harus_dipenuhi__isnull=True),
                name="mutu_met_le_target",
            ),
        ]

    def __str__(self):
        return self.name[:80]


class Activity(models.Model):
    """A budget sub kegiatan that paid for a service (tab B)."""

    entry = models.ForeignKey(ServiceEntry, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("sub kegiatan"), max_length=500)
    pagu = models.BigIntegerField(_("pagu"))
    realisasi = models.BigIntegerField(_("realisasi"))
    justification = models.TextField(_("alasan realisasi melebihi pagu"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["entry", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(pagu__gte=0) & Q(realisasi__gte=0), name="activity_money_nonneg"),
            models.CheckConstraint(
                condition=Q(realisasi__lte=F("pagu")) | ~Q(justification=""), name="activity_over_pagu_justified"
            ),
        ]

    def __str__(self):
        return self.name


class ProblemCategory(models.TextChoices):
    PENGUMPULAN_DATA = "pengumpulan_data", _("Pengumpulan Data")
    PENGHITUNGAN_KEBUTUHAN = "penghitungan_kebutuhan", _("Penghitungan Kebutuhan")
    PERENCANAAN = "perencanaan", _("Perencanaan dan Penganggaran")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")
    LAIN_LAIN = "lain_lain", _("Lain-lain")


class Problem(models.Model):
    """A permasalahan note of a report (tab C) and, optionally, its solusi / tindak lanjut."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="problems")
    category = models.CharField(_("kategori"), max_length=30, choices=ProblemCategory.choices)
    text = models.TextField(_("catatan permasalahan"))
    solution = models.TextField(_("solusi / tindak lanjut"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("permasalahan")
        verbose_name_plural = _("permasalahan")
        ordering = ["report", "category", "id"]

    def __str__(self):
        return self.text[:80]


class SupportingFile(models.Model):
    """A data dukung file; stored privately and checked by content and size on upload."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    category = models.CharField(_("kategori"), max_length=30, choices=ProblemCategory.choices, blank=True)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to="data-dukung/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("data dukung")
        verbose_name_plural = _("data dukung")
        ordering = ["report", "uploaded_at"]

    def __str__(self):
        return self.original_name


class ReportEvent(models.Model):
    """History of a report: every changed value and every transition."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Perubahan nilai")
        TRANSITION = "transition", _("Perubahan status")
        FILE = "file", _("Berkas")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    field = models.CharField(_("isian"), max_length=300, blank=True)
    old_value = models.TextField(_("nilai lama"), blank=True)
    new_value = models.TextField(_("nilai baru"), blank=True)
    message = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        ordering = ["report", "-created_at", "-id"]
        indexes = [models.Index(fields=["report", "-created_at"])]

    def __str__(self):
        return f"{self.report_id} {self.kind} {self.field}"


class SkTim(models.Model):
    """The decree forming a pemda's SPM team for one year."""

    region = models.ForeignKey(
        "reporting.Region", verbose_name=_("wilayah"), on_delete=models.CASCADE, related_name="sk_tim"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    nomor = models.CharField(_("nomor SK"), max_length=120)
    judul = models.CharField(_("judul SK"), max_length=300)
    file = models.FileField(_("dokumen SK"), storage=private_storage, upload_to="sk-tim/%Y/")
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SK Tim penerapan SPM")
        verbose_name_plural = _("SK Tim penerapan SPM")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="sk_tim_unique_year")]

    def __str__(self):
        return f"{self.nomor} ({self.year})"


class StageStatus(models.TextChoices):
    BELUM = "belum", _("Belum dimulai")
    PROSES = "proses", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")


class ImplementationStage(models.Model):
    """Status of one of the 4 tahapan penerapan SPM for a pemda and year."""

    class Stage(models.IntegerChoices):
        PENGUMPULAN_DATA = 1, _("Pengumpulan data")
        PENGHITUNGAN_KEBUTUHAN = 2, _("Penghitungan kebutuhan")
        RENCANA_PEMENUHAN = 3, _("Penyusunan rencana pemenuhan")
        PELAKSANAAN = 4, _("Pelaksanaan")

    region = models.ForeignKey("reporting.Region", on_delete=models.CASCADE, related_name="stages")
    year = models.PositiveSmallIntegerField(_("tahun"))
    stage = models.PositiveSmallIntegerField(_("tahapan"), choices=Stage.choices)
    status = models.CharField(_("status"), max_length=10, choices=StageStatus.choices, default=StageStatus.BELUM)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tahapan penerapan SPM")
        verbose_name_plural = _("tahapan penerapan SPM")
        ordering = ["region", "year", "stage"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "stage"], name="stage_unique")]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.get_status_display()}"


class RencanaAksi(models.Model):
    """The action plan document of a pemda for one year."""

    region = models.ForeignKey("reporting.Region", on_delete=models.CASCADE, related_name="rencana_aksi")
    year = models.PositiveSmallIntegerField(_("tahun"))
    file = models.FileField(_("dokumen rencana aksi"), storage=private_storage, upload_to="rencana-aksi/%Y/")
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="rencana_aksi_unique_year")]

    def __str__(self):
        return f"Rencana aksi {self.region} {self.year}"
