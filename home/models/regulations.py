from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home import selectors
from home.choices import RegulationKind
from home.forms import RegulationFilterForm
from reporting.selectors import public

# Regulations are published as PDF or Word files only.
REGULATION_EXTENSIONS = ("pdf", "doc", "docx")
ERROR_REGULATION_FILE_REQUIRED = "Pilih berkas peraturan (PDF atau Word)."
ERROR_REGULATION_FILE_TYPE = "Berkas peraturan harus berformat PDF, DOC atau DOCX."


class RegulationIndexPage(Page):
    """Landasan hukum (public) / produk hukum (signed in): regulations filterable by name, year and urusan."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.RegulationPage"]

    class Meta:
        verbose_name = _("indeks landasan hukum")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = RegulationFilterForm(request.GET or None, years=selectors.regulation_year_list())
        filters = form.cleaned_data if form.is_valid() else {}
        regulations = selectors.regulation_list(index=self, **filters)
        context.update(
            filter_form=form,
            page_obj=selectors.paginate(regulations, request.GET.get("page")),
            latest_submissions=public.latest_submission_list(),
        )
        return context


class RegulationPage(Page):
    """One regulation (peraturan) with its file; the title is the full name of the regulation."""

    nomor = models.CharField(_("nomor"), max_length=60, help_text=_("Contoh: 2 atau 29/PRT/M/2018"))
    tahun = models.PositiveSmallIntegerField(_("tahun terbit"))
    tentang = models.TextField(_("tentang"), max_length=500)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=RegulationKind.choices, default=RegulationKind.LANDASAN_HUKUM
    )
    urusan = ParentalManyToManyField(
        "reporting.Urusan",
        verbose_name=_("urusan"),
        blank=True,
        related_name="regulations",
        help_text=_("Kosongkan bila berlaku untuk semua urusan."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("berkas peraturan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = RichTextField(_("keterangan"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("nomor"), FieldPanel("tahun"), FieldPanel("tentang"), FieldPanel("kind")],
            heading=_("Peraturan"),
        ),
        FieldPanel("urusan", widget=forms.CheckboxSelectMultiple),
        FieldPanel("document"),
        FieldPanel("note"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("nomor"),
        index.SearchField("tentang"),
        index.SearchField("note"),
        index.FilterField("tahun"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["home.RegulationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("peraturan")
        verbose_name_plural = _("peraturan")

    def clean(self):
        super().clean()
        if self.document_id is None:
            raise ValidationError({"document": ERROR_REGULATION_FILE_REQUIRED})
        if self.document.file_extension.lower() not in REGULATION_EXTENSIONS:
            raise ValidationError({"document": ERROR_REGULATION_FILE_TYPE})
