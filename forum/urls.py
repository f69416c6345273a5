"""The forum at /forum/: machina's URLs plus the portal's own forum views (abuse report, new thread)."""

from django.urls import include, path

from machina import urls as machina_urls

from forum.forum_abuse import views as abuse_views

urlpatterns = [
    path("lapor/<int:post_id>/", abuse_views.report_create_view, name="forum_abuse_report"),
    path("buat-thread/", abuse_views.topic_start_view, name="forum_topic_start"),
    path("", include(machina_urls)),
]
