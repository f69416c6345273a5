from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from reporting.api import api

urlpatterns = [
    # Login, logout and the account pages; first, as its admin/password_reset/ replaces Wagtail's own.
    path("", include("reporting.accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("pelaporan/", include("reporting.urls")),
    path("forum/", include("forum.urls")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail images from the default storage (local folder or bucket) whatever DEBUG says.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media_file, name="media_file"),
    path("", include(wagtail_urls)),
]

handler500 = "core.views.server_error"
