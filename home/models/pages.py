from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.ratelimit import rate_limited
from home import cms_cache, selectors
from reporting.selectors import public

# Rich text features of the portal's pages: headings, lists, links, images and documents.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image", "embed"]


class HomePage(RoutablePageMixin, Page):
    """The portal's home page; editors write the texts, the figures come live from the reports."""

    intro = RichTextField(_("pengantar"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    urusan_heading = models.CharField(
        _("judul daftar urusan"),
        max_length=200,
        default="Jenis pelayanan pada 6 urusan Standar Pelayanan Minimal (SPM)",
    )
    reporting_heading = models.CharField(
        _("judul rekap pelaporan"), max_length=200, default="Bidang dan pelaporan pemda"
    )
    reporting_note = models.CharField(
        _("catatan rekap pelaporan"), max_length=300, default="* pemda yang sudah melaporkan pada bidang terkait"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("urusan_heading"), FieldPanel("reporting_heading"), FieldPanel("reporting_note")],
            heading=_("Judul bagian (angka selalu dihitung langsung dari laporan)"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.NewsIndexPage", "home.RegulationIndexPage", "home.GuidePage"]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        """The main column and the sidebar are the same for every visitor: drawn once per CMS and public
        generation (``home.cms_cache``), their figures read only when drawn."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            cms_fragment=cms_cache.fragment_key(request, "home", self.pk),
            summary=cms_cache.lazy(public.home_summary_get),
            regulation_count=cms_cache.lazy(selectors.regulation_count),
            latest_news=cms_cache.lazy(lambda: selectors.news_latest_list(limit=3)),
            latest_submissions=cms_cache.lazy(public.latest_submission_list),
        )
        return context

    @path("cari/", name="search")
    @rate_limited("search", "RATE_LIMIT_SEARCH_PER_MINUTE")
    def search_view(self, request):
        """Site search across news, regulations and the guide: /cari/?q=..."""
        query = selectors.search_query_clean(request.GET.get("q", ""))
        results = selectors.site_search(query)
        # The page's own context only: the home figures are not shown on the results page.
        context = super().get_context(request)
        context.update(
            search_query=query,
            page_obj=selectors.paginate(results, request.GET.get("page")),
            latest_submissions=public.latest_submission_list(),
        )
        return TemplateResponse(request, "home/search_results.html", context)


class GuidePage(Page):
    """Buku panduan: the user guide as rich text and as a downloadable document."""

    intro = models.CharField(_("ringkasan"), max_length=300, blank=True)
    body = RichTextField(_("isi panduan"), blank=True, features=RICH_TEXT_FEATURES)
    guide_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("berkas panduan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Buku panduan yang dapat diunduh (PDF)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("guide_document"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("buku panduan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_submissions"] = public.latest_submission_list()
        return context
