from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from reporting.api import api
from reporting.views import accounts, api_tokens

urlpatterns = [
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
