"""Forms of the account pages and of the admin's "Akun" screen; messages in Bahasa Indonesia."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from reporting.accounts.selectors import region_code_change_get, reporting_province_login_code
from reporting.accounts.services.api_tokens import MAX_LIFETIME_DAYS
from reporting.messages import (
    ACCOUNT_GRANT_EXCEEDED,
    ACCOUNT_INACTIVE,
    LOGIN_CODE_CHANGED,
    LOGIN_INVALID,
    LOGIN_REPORTS_THROUGH_PROVINCE,
    OPERATOR_USERNAME_INVALID,
    PASSWORD_RESET_EMAIL_UNAVAILABLE,
    SIGNATORY_NAME_REQUIRED,
    SIGNATORY_TITLE_REQUIRED,
)
from reporting.models import Region, Role, Urusan, User
from reporting.selectors.access import can_grant_role


class LoginForm(AuthenticationForm):
    """The seed's login: Username (= Kode Wilayah) and Password; the lockout is axes'
    (reporting/accounts/lockout.py)."""

    # The seed's labels: "Username" and "Password" are the words pemda officers know.
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "placeholder": _("Kode Wilayah"), "autocomplete": "username"}
        ),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"placeholder": "Password", "autocomplete": "current-password"}),
    )
    error_messages = {"invalid_login": LOGIN_INVALID, "inactive": ACCOUNT_INACTIVE}

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        try:
            return super().clean()
        except forms.ValidationError:
            change = region_code_change_get(username) if username else None
            if change is not None:
                raise forms.ValidationError(
                    LOGIN_CODE_CHANGED,
                    code="code_changed",
                    params={"old": username, "new": change.region.login_code, "name": change.region.display_name},
                ) from None
            province = reporting_province_login_code(username) if username else None
            if province is not None:
                raise forms.ValidationError(
                    LOGIN_REPORTS_THROUGH_PROVINCE,
                    code="reports_through_province",
                    params={"code": username, "province": province},
                ) from None
            raise


class ForcedPasswordChangeForm(PasswordChangeForm):
    """Change of a one-time password; the new one follows the password policy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": "Password lama",
            "new_password1": "Password baru",
            "new_password2": "Konfirmasi password baru",
        }
        for name, label in labels.items():
            self.fields[name].label = label


class AdminPasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's "forgot password" e-mail (``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``) for the ministry, CMS
    editors and moderators only: a pemda or operator account gets a one-time password from the ministry or
    its pemda instead (an e-mail address is easier to take over than the account). The form answers the same
    whatever the address, so it tells nobody which addresses exist."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = PASSWORD_RESET_EMAIL_UNAVAILABLE

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.role not in (Role.PEMDA, Role.OPERATOR))


class OperatorCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("Nama pengguna"),
        regex=r"^[A-Za-z0-9_.-]{4,40}$",
        error_messages={"invalid": OPERATOR_USERNAME_INVALID},
    )
    full_name = forms.CharField(label=_("Nama perangkat daerah / penanggung jawab"), max_length=150)
    urusan = forms.ModelChoiceField(label=_("Urusan"), queryset=Urusan.objects.all(), empty_label=_("Pilih urusan"))


class SignatoryForm(forms.ModelForm):
    """The official who signs the pemda's printed reports, with the place written beside the date."""

    class Meta:
        model = Region
        fields = ["signatory_name", "signatory_title", "signatory_nip", "signing_place"]
        labels = {
            "signatory_name": _("Nama pejabat penanda tangan"),
            "signatory_title": _("Jabatan"),
            "signatory_nip": _("NIP (boleh kosong)"),
            "signing_place": _("Tempat penandatanganan"),
        }
        help_texts = {
            "signatory_name": _("Kepala daerah atau sekretaris daerah, dengan gelar bila ada."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in (
            ("signatory_name", SIGNATORY_NAME_REQUIRED),
            ("signatory_title", SIGNATORY_TITLE_REQUIRED),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message


# The fields of the admin's "Akun" screen, the one place accounts are created and edited. Superuser status,
# groups and permissions are not among them: an account's admin permissions follow its role
# (reporting.accounts.services.roles); its password is set here once, then only by its owner or the ministry's reset.
ACCOUNT_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "region",
    "urusan",
    "parent",
    "must_change_password",
    "is_active",
]


class AccountForm(WagtailAdminModelForm):
    """An account's role, region and urusan; the rules between them are ``User.clean``'s."""

    class Meta:
        model = User
        fields = ACCOUNT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            self.fields["parent"].queryset = User.objects.filter(role=Role.PEMDA).order_by("username")

    def clean_role(self):
        """No admin gives a role with more rights than its own (``access.can_grant_role``)."""
        role = self.cleaned_data.get("role")
        if role and self.for_user is not None and not can_grant_role(self.for_user, role):
            raise forms.ValidationError(ACCOUNT_GRANT_EXCEEDED)
        return role


class AccountCreateForm(SetPasswordMixin, AccountForm):
    """A new account with a password the ministry types and hands over: no default password, the portal's
    password rules (``AUTH_PASSWORD_VALIDATORS``: the region's name and codes, common Indonesian passwords),
    and a change asked at first login unless unticked."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Konfirmasi password")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["must_change_password"].initial = True

    def clean(self):
        self.validate_passwords()
        return super().clean()

    def _post_clean(self):
        super()._post_clean()
        # After the instance has its username and region: the rules compare the password with them.
        self.validate_password_for_user(self.instance)

    def save(self, commit=True):
        user = super().save(commit=False)
        user = self.set_password_and_save(user, commit=commit)
        if commit:
            self.save_m2m()
        return user


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nama sistem", max_length=120, help_text="Misalnya: Dapodik Dinas Pendidikan, SIPD, e-Puskesmas."
    )
    urusan = forms.ModelChoiceField(
        label="Urusan",
        queryset=Urusan.objects.order_by("order", "code"),
        required=False,
        empty_label="Semua urusan (dapat mengirim laporan)",
        help_text="Token satu urusan hanya membaca dan mengisi urusan itu, seperti akun operator, dan tidak "
        "dapat mengirim laporan.",
    )
    days = forms.IntegerField(
        label="Masa berlaku (hari)",
        min_value=1,
        max_value=MAX_LIFETIME_DAYS,
        initial=90,
        help_text="1 sampai 365 hari.",
    )

    def __init__(self, *args, with_urusan: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_urusan:
            del self.fields["urusan"]
