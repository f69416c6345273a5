from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.messages import EMAIL_INVALID
from reporting.models import NotificationKind


class NotificationPreferencesForm(forms.Form):
    """Which kinds also come by e-mail (in the app they always come), and where to."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat e-mail"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Notifikasi selalu tampil di aplikasi (ikon lonceng); yang dicentang juga dikirim ke e-mail."),
    )
    email = forms.EmailField(
        label=_("Alamat e-mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": EMAIL_INVALID},
        help_text=_("Kosongkan bila tidak ingin menerima e-mail sama sekali."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class MarkReadForm(forms.Form):
    """One notification (``id``) or, without it, all of them."""

    id = forms.IntegerField(required=False, min_value=1)
