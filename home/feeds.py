"""RSS 2.0 and Atom feeds of the news, served by ``NewsIndexPage`` at /berita/rss/ and /berita/atom/."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from home import selectors

FEED_SIZE = 20


class NewsRssFeed(Feed):
    description = "Berita penerapan Standar Pelayanan Minimal (SPM) dari Ditjen Bina Pembangunan Daerah, Kemendagri."
    language = "id"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} · Pelaporan SPM"

    def link(self):
        return self.index_page.get_url(self.request)

    def items(self):
        return selectors.news_list(index=self.index_page)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_author_name(self, item):
        return item.author or None

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description
