"""Form submissions already saved: a retry after a lost answer is recognised instead of saved twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """One saved POST of a report form: its submission key (a hidden field made when the form was drawn)
    with the user and everything posted, as one SHA-256 (``reporting.services.idempotency``).

    Written in the transaction of the save it stands for, so it exists exactly when that save committed.
    Rows older than ``SUBMISSION_KEY_DAYS`` are pruned by ``manage.py sweep_storage``.
    """

    fingerprint = models.CharField(_("sidik kiriman"), max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kiriman formulir")
        verbose_name_plural = _("kiriman formulir")

    def __str__(self):
        return f"{self.user_id}: {self.fingerprint[:12]}"
