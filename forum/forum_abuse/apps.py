from django.apps import AppConfig


class ForumModerationConfig(AppConfig):
    """Abuse reports on forum posts, worked by moderators in the Wagtail admin."""

    name = "forum.forum_abuse"
    label = "forum_abuse"
    verbose_name = "Moderasi forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from forum.forum_abuse import signals  # noqa: F401 -- connects the receivers
