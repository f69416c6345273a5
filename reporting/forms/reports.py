"""Forms of the report pages. They only parse what was typed; the rules live in the services, the messages
in ``reporting.messages``."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from reporting import calculations, messages
from reporting.messages import COUNT_INVALID, MONEY_INVALID, NUMBER_TOO_LARGE
from reporting.models import TEXT_LIMITS, ImplementationStage, ProblemCategory, StageStatus
from reporting.services.values import FIGURE_KEY

# --- Tab A: one input per figure, named like the service's error keys ----------------------


@dataclass
class FigureInput:
    """One figure input: name (= error key), the value shown (typed text kept on error), its error."""

    name: str
    label: str
    value: str
    error: str = ""


def _shown(value) -> str:
    return "" if value is None else calculations.format_number(value)


def capaian_inputs(rows, *, typed: dict[str, str] | None = None, errors: dict[str, str] | None = None) -> None:
    """Attach FigureInputs to the tab A rows: ``row.target``/``row.served`` and ``mutu.target``/``mutu.met``."""
    typed, errors = typed or {}, errors or {}

    def make(prefix, name, label, stored):
        key = f"{prefix}-{name}"
        return FigureInput(key, label, typed.get(key, _shown(stored)), errors.get(key, ""))

    for row in rows:
        entry = row.entry
        row.target = make(f"entry-{entry.pk}", "harus_dilayani", "Jumlah yang harus dilayani", entry.harus_dilayani)
        row.served = make(f"entry-{entry.pk}", "terlayani", "Jumlah yang terlayani", entry.terlayani)
        for mutu_row in row.mutu_rows:
            mutu = mutu_row.entry
            mutu_row.target = make(
                f"mutu-{mutu.pk}", "harus_dipenuhi", "Jumlah yang harus dipenuhi", mutu.harus_dipenuhi
            )
            mutu_row.met = make(f"mutu-{mutu.pk}", "terpenuhi", "Jumlah yang terpenuhi", mutu.terpenuhi)


def _parse_count(raw: str):
    raw = (raw or "").strip()
    if not raw:
        return None
    return calculations.parse_whole_number(raw)


def capaian_parse(data) -> tuple[dict[str, int | None], dict[str, str], dict[str, str]]:
    """Read a tab A POST: (figures by input name for the values service, parse errors, typed text). Only the
    inputs' names are read, no row: the service knows the report's rows (``figures_complete``)."""
    figures: dict[str, int | None] = {}
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    for key in data:
        if not FIGURE_KEY.match(key):
            continue
        raw = data.get(key, "")
        typed[key] = raw
        try:
            figures[key] = _parse_count(raw)
        except calculations.NumberTooLargeError:
            errors[key] = NUMBER_TOO_LARGE
        except ValueError:
            errors[key] = COUNT_INVALID
    return figures, errors, typed


# --- Tab B ---------------------------------------------------------------------------------


class MoneyField(forms.CharField):
    """Whole rupiah typed as 1200998320 or 1.200.998.320."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "num", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """A saved amount is shown as the tables show it (1.072.692.000), which ``to_python`` reads back; typed
        text is shown as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            return calculations.format_number(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return calculations.parse_whole_number(value)
        except calculations.NumberTooLargeError:
            raise forms.ValidationError(NUMBER_TOO_LARGE, code="max_value") from None
        except ValueError:
            raise forms.ValidationError(MONEY_INVALID, code="invalid") from None


class LimitedTextField(forms.CharField):
    """A text with a length limit: said in the help text, kept by the browser (maxlength) and checked with
    the services' own message (a 1 MB paste gets "Teks terlalu panjang ...", not a silent cut)."""

    def __init__(self, *, limit: int, help_text="", **kwargs):
        super().__init__(help_text=" ".join(filter(None, [str(help_text), messages.text_limit_help(limit)])), **kwargs)
        self.limit = limit
        self.widget.attrs["maxlength"] = str(limit)

    def validate(self, value):
        super().validate(value)
        message = messages.text_too_long(value, self.limit)
        if message:
            raise forms.ValidationError(message, code="max_length")


class ActivityForm(forms.Form):
    name = LimitedTextField(
        label=_("Sub kegiatan"),
        limit=TEXT_LIMITS["activity_name"],
        error_messages={"required": messages.ACTIVITY_NAME_REQUIRED},
    )
    pagu = MoneyField(label=_("Pagu (Rp)"), error_messages={"required": messages.PAGU_REQUIRED})
    realisasi = MoneyField(label=_("Realisasi (Rp)"), error_messages={"required": messages.REALISASI_REQUIRED})
    justification = LimitedTextField(
        label=_("Alasan realisasi melebihi pagu"),
        required=False,
        limit=TEXT_LIMITS["justification"],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila realisasi lebih besar dari pagu."),
    )


# --- Tab C ---------------------------------------------------------------------------------


class ProblemForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kategori permasalahan"),
        choices=ProblemCategory.choices,
        error_messages={"required": messages.PROBLEM_CATEGORY_REQUIRED},
    )
    text = LimitedTextField(
        label=_("Catatan permasalahan"),
        limit=TEXT_LIMITS["problem_text"],
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": messages.PROBLEM_TEXT_REQUIRED},
    )
    solution = LimitedTextField(
        label=_("Solusi / tindak lanjut"),
        required=False,
        limit=TEXT_LIMITS["problem_solution"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Boleh dikosongkan: langkah yang diambil atau direncanakan untuk permasalahan ini."),
    )


class SupportingFileForm(forms.Form):
    file = forms.FileField(
        label=_("Data dukung"),
        error_messages={"required": messages.FILE_REQUIRED},
        help_text=_("PDF, gambar (JPG, PNG) atau dokumen Office; paling besar sesuai batas unggah."),
    )
    category = forms.ChoiceField(
        label=_("Untuk permasalahan"),
        required=False,
        choices=[("", "Umum (semua permasalahan)"), *ProblemCategory.choices],
    )

    def __init__(self, *args, **kwargs):
        # Tab C also holds the problem form with a "category" field: own ids keep each label on its control.
        kwargs.setdefault("auto_id", "id_berkas_%s")
        super().__init__(*args, **kwargs)


# --- Workflow ---------------------------------------------------------------------------------


class ReturnForm(forms.Form):
    reason = LimitedTextField(
        label=_("Alasan dikembalikan"),
        limit=TEXT_LIMITS["return_reason"],
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": messages.RETURN_REASON_MISSING},
    )


class ReopenForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Dibuka sampai"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"required": messages.REOPEN_UNTIL_REQUIRED, "invalid": messages.DATETIME_INVALID},
    )
    reason = forms.CharField(label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


# --- Documents per pemda and year ------------------------------------------------------------


class SkTimForm(forms.Form):
    nomor = forms.CharField(label=_("Nomor SK"), max_length=120, error_messages={"required": messages.NOMOR_REQUIRED})
    judul = forms.CharField(label=_("Judul SK"), max_length=300, error_messages={"required": messages.JUDUL_REQUIRED})
    file = forms.FileField(label=_("Dokumen pendukung (PDF)"), required=False)


class StageForm(forms.Form):
    """Status and note of the 4 tahapan penerapan SPM; fields ``stage-<n>`` and ``note-<n>``."""

    def __init__(self, *args, initial_rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_rows = initial_rows or {}
        for value, label in ImplementationStage.Stage.choices:
            row = initial_rows.get(value)
            self.fields[f"stage-{value}"] = forms.ChoiceField(
                label=f"{value}. {label}",
                choices=StageStatus.choices,
                initial=row.status if row else StageStatus.BELUM,
            )
            self.fields[f"note-{value}"] = forms.CharField(
                label=f"Keterangan tahap {value}",
                required=False,
                max_length=300,
                initial=row.note if row else "",
            )

    def statuses(self) -> dict[int, tuple[str, str]]:
        return {
            value: (self.cleaned_data[f"stage-{value}"], self.cleaned_data[f"note-{value}"])
            for value in ImplementationStage.Stage.values
        }


class RencanaAksiForm(forms.Form):
    file = forms.FileField(
        label=_("Dokumen rencana aksi"),
        error_messages={"required": messages.RENCANA_AKSI_FILE_REQUIRED},
        help_text=_("PDF atau dokumen Office."),
    )
