"""Reads of the portal's CMS content. Figures about reports live in ``reporting.selectors.public``.

The page models call these functions, so this module imports nothing of ``home``: it reaches the page
classes through the app registry (``_page``), and ``home`` has no import circle (models -> selectors,
models -> forms -> choices)."""

import re

from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q

from wagtail.models import Page

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def _page(name: str):
    """A page class of ``home`` (``"NewsPage"``), from the app registry."""
    return apps.get_model("home", name)


def search_query_clean(text: str) -> str:
    """What the user typed, trimmed and cut to a sane length: "  spm   daerah " -> "spm daerah"."""
    return " ".join(str(text).split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> str:
    """The words of a query, without the punctuation that full-text engines read as syntax:
    'tim "penerapan" (spm)' -> "tim penerapan spm"."""
    return " ".join(re.findall(r"\w+", query))


def paginate(items, number, *, per_page: int = PAGE_SIZE) -> PaginatorPage:
    """One page of ``items``; a missing, bad or too large page number gives the nearest valid page."""
    return Paginator(items, per_page).get_page(number)


def news_list(*, index=None, query: str = ""):
    """Live news, newest first; with a query, Wagtail search over title, summary and body, best match first."""
    news = _page("NewsPage").objects.live().public().select_related("lead_image")
    if index is not None:
        news = news.child_of(index)
    if query:
        terms = search_terms(query)
        return news.search(terms) if terms else news.none()  # best match first
    return news.order_by("-date", "-pk")


def news_latest_list(*, limit: int = 3) -> list:
    return list(news_list()[:limit])


def regulation_list(*, index=None, q: str = "", tahun: int | None = None, urusan=None, kind: str = ""):
    """Live regulations for the public list, filtered by name, year, urusan and kind."""
    regulations = _page("RegulationPage").objects.live().public().select_related("document").prefetch_related("urusan")
    if index is not None:
        regulations = regulations.child_of(index)
    for word in q.split():
        regulations = regulations.filter(
            Q(title__icontains=word) | Q(tentang__icontains=word) | Q(nomor__icontains=word)
        )
    if tahun:
        regulations = regulations.filter(tahun=tahun)
    if urusan is not None:
        regulations = regulations.filter(urusan=urusan)
    if kind:
        regulations = regulations.filter(kind=kind)
    return regulations.order_by("-tahun", "kind", "title")


def regulation_year_list() -> list[int]:
    return list(_page("RegulationPage").objects.live().order_by("-tahun").values_list("tahun", flat=True).distinct())


def regulation_count() -> int:
    """The number of published regulations (the home page's "Landasan Hukum" counter)."""
    return _page("RegulationPage").objects.live().public().count()


def site_search(query: str):
    """Live, public news, regulations and guide pages matching the words, best match first."""
    terms = search_terms(query)
    if not terms:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .public()
        .type(*(_page(name) for name in ("NewsPage", "RegulationPage", "GuidePage")))
        .specific()
    )
    return pages.search(terms)
