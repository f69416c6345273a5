"""Public forms of the portal (no admin forms here: see ``home.document_forms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.choices import RegulationKind
from home.selectors import MAX_QUERY_LENGTH
from reporting.models import Urusan


class RegulationFilterForm(forms.Form):
    """Filters of the regulation list; every field is optional and bad values are simply ignored."""

    q = forms.CharField(label=_("Nama peraturan"), required=False, max_length=MAX_QUERY_LENGTH)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    urusan = forms.ModelChoiceField(
        label=_("Urusan"), required=False, queryset=Urusan.objects.all(), empty_label=_("Semua urusan")
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(type="search", placeholder=_("Cari nama peraturan"))
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((year, year) for year in years)]
        self.fields["kind"].choices = [("", _("Semua jenis")), *RegulationKind.choices]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
