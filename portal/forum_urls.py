"""The forum at /forum/: machina's URLs plus the abuse-report views (owned by the forum work)."""

from django.urls import include, path

from machina import urls as machina_urls

urlpatterns = [
    path("", include(machina_urls)),
]
