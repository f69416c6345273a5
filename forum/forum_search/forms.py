from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(label="Kata kunci", max_length=100, min_length=3, required=False)
    search_topics = forms.BooleanField(label="Cari hanya di judul thread", required=False)
    forum = forms.TypedChoiceField(label="Forum", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, forums=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].choices = [("", "Semua forum")] + [(f.pk, f.name) for f in forums]
        self.fields["q"].widget.attrs["placeholder"] = "Kata atau frasa"
