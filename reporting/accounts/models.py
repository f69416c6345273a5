"""The accounts app's own data: the integration API's tokens and the hashes of replaced passwords.

``User`` and ``Role`` stay in ``reporting.models`` (see ``reporting/accounts/__init__.py`` for why). Both models
here keep the tables ``reporting`` created (``db_table``): migration 0001 moved them by state only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenKind(models.TextChoices):
    PEMDA = "pemda", _("Sistem pemda")
    MINISTRY = "ministry", _("Sistem kementerian (hanya baca)")


class ApiToken(models.Model):
    """A credential of another system for the integration API (``/api/v1/``).

    Only the SHA-256 of the token is kept: the token itself is shown once when it is made. ``prefix`` is
    the token's short visible start, used to find the row without comparing hashes of every token.
    A pemda token acts as its region's pemda account (optionally for one urusan only, as an operator);
    a ministry token reads as a ministry reviewer and never writes.
    """

    name = models.CharField(_("nama sistem"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=ApiTokenKind.choices)
    region = models.ForeignKey(
        "reporting.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    urusan = models.ForeignKey(
        "reporting.Urusan",
        verbose_name=_("urusan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Kosongkan untuk semua urusan."),
    )
    prefix = models.CharField(_("awalan"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="api_tokens_created"
    )
    # The issuer's role when it was made: the token works only while its owner is active with that role.
    issued_role = models.CharField(_("peran pembuat"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "reporting_apitoken"
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="pemda", region__isnull=False)
                | Q(kind="ministry", region__isnull=True, urusan__isnull=True),
                name="api_token_scope_matches_kind",
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="api_token_expires_later"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at


class PasswordHistory(models.Model):
    """The hash of a password an account had before (its one-time password too): a change may not go back to
    one of the last ``PASSWORD_HISTORY_COUNT`` (``reporting.accounts.passwords.PreviousPasswordValidator``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history", verbose_name=_("akun")
    )
    password = models.CharField(_("hash password"), max_length=128)
    replaced_at = models.DateTimeField(_("diganti pada"), auto_now_add=True)

    class Meta:
        db_table = "reporting_passwordhistory"
        verbose_name = _("riwayat password")
        verbose_name_plural = _("riwayat password")
        ordering = ["-replaced_at", "-id"]
        # The name the index got in reporting's migration 0014 (generated from the table then).
        indexes = [models.Index(fields=["user", "-replaced_at"], name="reporting_p_user_id_adf9b5_idx")]

    def __str__(self):
        return f"{self.user_id} · {self.replaced_at:%Y-%m-%d}"
