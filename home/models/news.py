from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home import cms_cache, feeds, selectors
from reporting.selectors import public

from .pages import RICH_TEXT_FEATURES


class NewsIndexPage(RoutablePageMixin, Page):
    """Berita: the list of news with search and pagination, plus RSS and Atom feeds."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    CACHED_PAGES = 20  # the pages of the list kept drawn; a later (or invalid) page number is drawn each time

    class Meta:
        verbose_name = _("indeks berita")

    def get_context(self, request, *args, **kwargs):
        """The list's first pages without a search are the same for every visitor: drawn once per CMS and public
        generation (``home.cms_cache``), the news read only when drawn. A search is drawn every time."""
        context = super().get_context(request, *args, **kwargs)
        query = selectors.search_query_clean(request.GET.get("q", ""))
        number = request.GET.get("page")
        context.update(
            cms_fragment=self._fragment_key(request),
            search_query=query,
            page_obj=cms_cache.lazy(lambda: selectors.paginate(selectors.news_list(index=self, query=query), number)),
            latest_submissions=cms_cache.lazy(public.latest_submission_list),
        )
        return context

    def _fragment_key(self, request) -> str:
        """The fragment's key for the first ``CACHED_PAGES`` pages when the address asks nothing but the page (the
        pager's links repeat the query string), else none: drawn."""
        if set(request.GET) - {"page"} or len(request.GET.getlist("page")) > 1:
            return ""
        try:
            page = int(request.GET.get("page") or 1)
        except ValueError:
            page = 1  # as ``paginate``: not a number, the first page
        return cms_cache.fragment_key(request, "news", self.pk, page) if 1 <= page <= self.CACHED_PAGES else ""

    @path("rss/", name="rss")
    def rss_view(self, request):
        return feeds.NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return feeds.NewsAtomFeed(self)(request)


class NewsPage(Page):
    """One news article (berita)."""

    date = models.DateField(_("tanggal berita"), default=timezone.localdate)
    author = models.CharField(_("penulis"), max_length=120, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(
        _("ringkasan"), max_length=500, blank=True, help_text=_("Tampil di daftar berita dan feed.")
    )
    body = RichTextField(_("isi berita"), features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Tanggal dan penulis")),
        FieldPanel("lead_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_submissions"] = public.latest_submission_list()
        return context
