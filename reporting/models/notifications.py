"""In-app notifications and each account's choice of which kinds also come by e-mail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    RETURNED = "returned", _("Laporan dikembalikan")
    ACCEPTED = "accepted", _("Laporan diterima")
    SUBMITTED = "submitted", _("Laporan kab/kota atau provinsi dikirim")
    DEADLINE = "deadline", _("Pengingat batas input")
    FORUM_ABUSE = "forum_abuse", _("Laporan penyalahgunaan forum")


class Notification(models.Model):
    """One message to one account. ``text`` is plain text written by the portal (a return reason inside it is
    the reviewer's text): templates escape it like any other value."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    report = models.ForeignKey(
        "reporting.Report",
        verbose_name=_("laporan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.TextField(_("pesan"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The bell's count and the list page: one account's unread ones, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
        ]

    def __str__(self):
        return f"{self.recipient_id}: {self.get_kind_display()}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """An account's choice for one kind. No row means the default: e-mail on (in-app is always on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(_("kirim juga lewat e-mail"), default=True)

    class Meta:
        verbose_name = _("pilihan notifikasi")
        verbose_name_plural = _("pilihan notifikasi")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user_id}/{self.kind}: {'e-mail' if self.email else 'aplikasi saja'}"
