from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared utilities (no models)."""

    name = "core"
    verbose_name = "Inti"

    def ready(self):
        from core import checks  # noqa: F401 -- registers the deploy checks
        from core.spreadsheets import wagtail_exports_formula_safe

        wagtail_exports_formula_safe()
