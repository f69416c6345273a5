from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Pelaporan SPM"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reporting import signals  # noqa: F401 -- connects the receivers
