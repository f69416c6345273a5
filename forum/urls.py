"""The forum at /forum/: machina's URLs plus the abuse-report view."""

from django.urls import include, path

from machina import urls as machina_urls

from forum.forum_abuse import views as abuse_views

urlpatterns = [
    path("lapor/<int:post_id>/", abuse_views.report_create_view, name="forum_abuse_report"),
    path("", include(machina_urls)),
]
