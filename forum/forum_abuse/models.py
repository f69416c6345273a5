"""Abuse reports on forum posts and the log of every moderator decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "kasar", _("Kasar atau tidak pantas")
    OFF_TOPIC = "salah_tempat", _("Salah tempat")
    OTHER = "lainnya", _("Lainnya")


class ReportStatus(models.TextChoices):
    OPEN = "terbuka", _("Menunggu moderator")
    DISMISSED = "diabaikan", _("Diabaikan")
    UPHELD = "ditindaklanjuti", _("Ditindaklanjuti")


class ModerationActionKind(models.TextChoices):
    AUTO_HIDE = "sembunyi_otomatis", _("Disembunyikan otomatis (batas laporan tercapai)")
    DISMISS = "abaikan", _("Laporan diabaikan, tulisan ditampilkan")
    HIDE = "sembunyikan", _("Tulisan disembunyikan")
    DELETE = "hapus", _("Tulisan dihapus")
    LOCK = "kunci_topik", _("Topik dikunci")


class AbuseReport(models.Model):
    """One user's report of one post ("Lapor penyalahgunaan")."""

    post = models.ForeignKey(
        "forum_conversation.Post", verbose_name=_("tulisan"), on_delete=models.CASCADE, related_name="abuse_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        on_delete=models.CASCADE,
        related_name="forum_abuse_reports",
    )
    reason = models.CharField(_("alasan"), max_length=20, choices=ReportReason.choices)
    detail = models.TextField(_("keterangan"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(_("dilaporkan pada"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan penyalahgunaan")
        verbose_name_plural = _("laporan penyalahgunaan")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="forum_abuse_one_report_per_user_per_post"),
            models.CheckConstraint(
                condition=~models.Q(reason="lainnya") | ~models.Q(detail=""), name="forum_abuse_other_needs_detail"
            ),
        ]
        indexes = [models.Index(fields=["status", "post"])]

    def __str__(self):
        return f"{self.get_reason_display()} · {self.post_id}"


class ModerationAction(models.Model):
    """A decision on a post, kept even after the post is deleted (hence the copied texts)."""

    post = models.ForeignKey(
        "forum_conversation.Post",
        verbose_name=_("tulisan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions",
    )
    topic = models.ForeignKey(
        "forum_conversation.Topic",
        verbose_name=_("topik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions",
    )
    post_subject = models.CharField(_("judul tulisan"), max_length=255)
    post_content = models.TextField(_("isi tulisan"), blank=True)
    post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_moderation_actions",
        help_text=_("Kosong bila tindakan otomatis oleh sistem."),
    )
    kind = models.CharField(_("tindakan"), max_length=20, choices=ModerationActionKind.choices)
    note = models.TextField(_("catatan"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tindakan moderator")
        verbose_name_plural = _("tindakan moderator")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.post_subject}"
