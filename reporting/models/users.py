"""The account model (``AUTH_USER_MODEL = "reporting.User"``) and its roles.

They stay in ``reporting`` while the rest of the account code is the ``reporting.accounts`` app: the reason
is in ``reporting/accounts/__init__.py``.
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from reporting import messages


class Role(models.TextChoices):
    PEMDA = "pemda", _("Pemda")
    OPERATOR = "operator", _("Operator perangkat daerah")
    REVIEWER = "reviewer", _("Reviewer kementerian")
    MINISTRY_ADMIN = "ministry_admin", _("Admin kementerian")
    EDITOR = "editor", _("Editor CMS")
    MODERATOR = "moderator", _("Moderator forum")


class User(AbstractUser):
    """Every account. A pemda account's username is its region's login code."""

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "reporting.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    urusan = models.ForeignKey(
        "reporting.Urusan",
        verbose_name=_("urusan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Hanya untuk operator: urusan yang datanya ia isi."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("akun pemda induk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="operators",
    )
    must_change_password = models.BooleanField(_("wajib ganti password"), default=False)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["pemda", "operator"]) | models.Q(region__isnull=False),
                name="pemda_user_has_region",
                violation_error_message=messages.ACCOUNT_REGION_REQUIRED,
            ),
            models.CheckConstraint(
                condition=~models.Q(role="operator") | models.Q(urusan__isnull=False, parent__isnull=False),
                name="operator_has_urusan_and_parent",
                violation_error_message=messages.OPERATOR_URUSAN_AND_PARENT_REQUIRED,
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(role="pemda"),
                name="one_pemda_account_per_region",
                violation_error_message=messages.ONE_PEMDA_ACCOUNT_PER_REGION,
            ),
        ]

    def __str__(self):
        return self.username

    def clean(self):
        """The constraints above said in the admin's words, field by field, before the database refuses."""
        super().clean()
        errors = {}
        if self.role in (Role.PEMDA, Role.OPERATOR) and self.region_id is None:
            errors["region"] = messages.ACCOUNT_REGION_REQUIRED
        if self.role == Role.PEMDA and self.region_id is not None:
            if self.username.casefold() != self.region.login_code.casefold():
                errors["username"] = messages.PEMDA_USERNAME_IS_LOGIN_CODE.format(code=self.region.login_code)
            taken = User.objects.filter(role=Role.PEMDA, region_id=self.region_id).exclude(pk=self.pk).first()
            if taken is not None:
                errors["region"] = messages.ACCOUNT_REGION_TAKEN.format(username=taken.username)
        if self.role == Role.OPERATOR:
            if self.urusan_id is None:
                errors["urusan"] = messages.OPERATOR_URUSAN_REQUIRED
            if self.parent_id is None:
                errors["parent"] = messages.OPERATOR_PARENT_REQUIRED
            elif self.parent.role != Role.PEMDA or self.parent.region_id != self.region_id:
                errors["parent"] = messages.OPERATOR_PARENT_INVALID
        if errors:
            raise ValidationError(errors)

    def _get_session_auth_hash(self, secret=None):
        """Django's session check (the password's HMAC) also over what the account may do: a change of
        role, superuser status, region or activity ends every session it has, as a password change does."""
        trust = f"{self.password}|{self.role}|{int(self.is_superuser)}|{self.region_id}|{int(self.is_active)}"
        return salted_hmac(
            "reporting.User.get_session_auth_hash", trust, secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def is_pemda(self):
        return self.role == Role.PEMDA

    @property
    def is_operator(self):
        return self.role == Role.OPERATOR

    @property
    def is_ministry(self):
        return self.is_superuser or self.role in (Role.REVIEWER, Role.MINISTRY_ADMIN)
