from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Portal publik"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import signals  # noqa: F401 -- connects the receivers
