"""The account routes, at the site's root (``portal/urls.py`` includes them first) and without a namespace:
their names (``login``, ``password_change``, ``api_token_list``...) are the ones Django, Wagtail and the
templates reverse. The pemda's operator list stays ``reporting:operator_list`` under ``/pelaporan/``."""

from django.urls import path

from reporting.accounts import views

urlpatterns = [
    # Wagtail's "forgot password" e-mail, rate-limited and never for pemda accounts (before Wagtail's own URL).
    path("admin/password_reset/", views.admin_password_reset, name="wagtailadmin_password_reset"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("akun/ganti-password/", views.password_change, name="password_change"),
    path("akun/penanda-tangan/", views.signatory_edit, name="signatory_edit"),
    path("akun/token-api/", views.api_token_list, name="api_token_list"),
    path("akun/token-api/<int:pk>/cabut/", views.api_token_revoke_view, name="api_token_revoke"),
]
