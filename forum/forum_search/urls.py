from django.urls import path

from machina.core.urls import URLPatternsFactory

from forum.forum_search.views import search_view


class ForumSearchURLPatternsFactory(URLPatternsFactory):
    app_namespace = "forum_search"

    def get_urlpatterns(self):
        return [path("", search_view, name="search")]


urlpatterns_factory = ForumSearchURLPatternsFactory()
