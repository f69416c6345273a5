from django import forms

from reporting.models import Urusan
from reporting.services.api_tokens import MAX_LIFETIME_DAYS


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
