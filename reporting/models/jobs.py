"""Background jobs (run by the task worker) and the record of every reminder handed over for sending."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    RECAP = "recap", _("Rekap capaian")
    IMPORT = "import", _("Impor Excel")
    ACCOUNTS = "accounts", _("Daftar akun pemda")
    REMINDERS = "reminders", _("Pengingat e-mail")
    ANNUAL_PDF = "annual_pdf", _("Laporan penerapan SPM tahunan (PDF)")
    REPORT_PDF = "report_pdf", _("Cetak PDF laporan triwulan")
    EVALUATION = "evaluation", _("Evaluasi capaian seluruh pemda (zip)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(models.Model):
    """One piece of long work a user asked for: what, who, how far, and its result file.

    The task queue (django_tasks_db) only knows "run job N"; everything the pages show lives here.
    The result file is a name in ``storages["private"]``, never a path: it may be on another host.
    """

    kind = models.CharField(_("jenis"), max_length=20, choices=JobKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    rows_done = models.PositiveIntegerField(_("baris selesai"), default=0)
    rows_total = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    message = models.TextField(_("pesan"), blank=True)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    upload = models.CharField(_("berkas unggahan"), max_length=255, blank=True)
    result = models.CharField(_("berkas hasil"), max_length=255, blank=True)
    result_filename = models.CharField(_("nama unduhan"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("berkas hasil dihapus pada"), null=True, blank=True)
    # The lease (reporting.jobs.leases): a running job whose worker stopped renewing it (killed, host lost)
    # is taken back by jobs_recover in any worker. ``attempts`` fences a worker that lost its lease: its
    # late writes carry the old number and change nothing.
    lease_expires_at = models.DateTimeField(_("sewa berakhir"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0, editable=False)
    task_id = models.UUIDField(_("entri antrean"), null=True, blank=True, editable=False, db_index=True)
    # Set in the same transaction as the job's own write (job_commit_mark): after a crash, whether that
    # write happened is read here, not guessed.
    committed_at = models.DateTimeField(_("perubahan tersimpan"), null=True, blank=True, editable=False)
    # The same request (kind, parameters, uploaded file) from the same user while one is waiting or running
    # is that job again, not a new one (constraint "job_one_live_per_request").
    request_key = models.CharField(_("kunci permintaan"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["expires_at"], name="job_expires_idx"),
            models.Index(fields=["status", "lease_expires_at"], name="job_lease_idx"),
            models.Index(fields=["user", "created_at"], name="job_user_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_total__isnull=True) | models.Q(rows_done__lte=models.F("rows_total")),
                name="job_rows_done_within_total",
            ),
            models.UniqueConstraint(
                fields=["user", "request_key"],
                condition=models.Q(status__in=["queued", "running"]) & ~models.Q(request_key=""),
                name="job_one_live_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return 100 if self.status == JobStatus.DONE else None
        return min(100, self.rows_done * 100 // self.rows_total)


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal dikirim")
    SKIPPED = "skipped", _("Tidak perlu dikirim lagi")


class ReminderRecord(models.Model):
    """One reminder per pemda, period and day-offset: the row is claimed (committed) before the e-mail is
    handed over, so a rerun or a second host finds it and never sends twice."""

    region = models.ForeignKey("reporting.Region", verbose_name=_("wilayah"), on_delete=models.CASCADE)
    period = models.ForeignKey("reporting.Period", verbose_name=_("periode"), on_delete=models.CASCADE)
    days_before = models.PositiveSmallIntegerField(_("hari sebelum batas"))
    status = models.CharField(_("status"), max_length=10, choices=ReminderStatus.choices)
    # The run that inserted the row: after INSERT ... ON CONFLICT DO NOTHING a run sends exactly the rows
    # carrying its own token (reporting.services.reminders.reminders_claim).
    claimed_by = models.CharField(_("diklaim oleh"), max_length=32, default="", db_index=True, editable=False)
    # A claim is a lease: a sender killed mid-run stops renewing it, and the next run (or the job worker's
    # recovery) claims the row again and sends it (reporting.services.reminders.reminders_resend_expired).
    claimed_until = models.DateTimeField(_("klaim berlaku sampai"), null=True, blank=True, editable=False)
    recipients = models.TextField(_("penerima"), blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diklaim"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan pengingat")
        verbose_name_plural = _("catatan pengingat")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["region", "period", "days_before"], name="one_reminder_per_day_offset"),
        ]

    def __str__(self):
        return f"{self.region_id}/{self.period_id}/{self.days_before}: {self.status}"
