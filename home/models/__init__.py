"""Wagtail pages of the public portal; one module per area."""

from .news import NewsIndexPage, NewsPage
from .pages import GuidePage, HomePage
from .regulations import RegulationIndexPage, RegulationKind, RegulationPage
from .site_settings import PortalSettings

__all__ = [
    "GuidePage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "PortalSettings",
    "RegulationIndexPage",
    "RegulationKind",
    "RegulationPage",
]
