from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from reporting.api import api
from reporting.views import accounts, api_tokens

urlpatterns = [
    # Wagtail's "forgot password" e-mail, rate-limited and never for pemda accounts (before Wagtail's own URL).
    path("admin/password_reset/", accounts.admin_password_reset, name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("akun/ganti-password/", accounts.password_change, name="password_change"),
    path("akun/penanda-tangan/", accounts.signatory_edit, name="signatory_edit"),
    path("akun/token-api/", api_tokens.api_token_list, name="api_token_list"),
    path("akun/token-api/<int:pk>/cabut/", api_tokens.api_token_revoke_view, name="api_token_revoke"),
    path("pelaporan/", include("reporting.urls")),
    path("forum/", include("forum.urls")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail images from the default storage (local folder or bucket) whatever DEBUG says.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media_file, name="media_file"),
    path("", include(wagtail_urls)),
]

handler500 = "core.views.server_error"
