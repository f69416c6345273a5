from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared utilities (no models)."""

    name = "core"
    verbose_name = "Inti"
