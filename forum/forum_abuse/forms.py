from django import forms

from forum.forum_abuse.models import ReportReason
from forum.forum_abuse.services import ERROR_DETAIL_REQUIRED


class AbuseReportForm(forms.Form):
    reason = forms.ChoiceField(label="Alasan", choices=ReportReason.choices, widget=forms.RadioSelect)
    detail = forms.CharField(
        label="Keterangan",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wajib diisi bila memilih \u201cLainnya\u201d.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not (cleaned.get("detail") or "").strip():
            self.add_error("detail", ERROR_DETAIL_REQUIRED)
        return cleaned


class ModerationForm(forms.Form):
    ACTIONS = [
        ("restore", "Abaikan laporan dan tampilkan tulisan"),
        ("hide", "Sembunyikan tulisan"),
        ("delete", "Hapus tulisan"),
        ("lock", "Kunci topik"),
    ]
    action = forms.ChoiceField(label="Tindakan", choices=ACTIONS)
    note = forms.CharField(
        label="Catatan untuk penulis",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ditampilkan kepada penulis bila tulisan disembunyikan.",
    )
