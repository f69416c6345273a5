from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "reporting.accounts"
    # Short and free: no installed app (Django's, Wagtail's, machina's, axes) uses "accounts".
    label = "accounts"
    verbose_name = "Akun"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reporting.accounts import signals  # noqa: F401 -- connects the receivers
