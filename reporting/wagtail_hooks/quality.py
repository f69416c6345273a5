"""Admin for the plausibility rules the ministry keeps (``ValidationRule``)."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from reporting.models import ValidationRule


class ValidationRuleAdmin(ModelAdmin):
    model = ValidationRule
    menu_label = "Aturan pemeriksaan data"
    menu_icon = "warning"
    menu_order = 306
    list_display = ("name", "kind", "is_active", "urusan", "level")
    list_filter = ("kind", "is_active", "urusan", "level")
    search_fields = ("name",)
    list_select_related = ("urusan",)
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_active")]),
        FieldRowPanel([FieldPanel("urusan"), FieldPanel("level")], heading="Berlaku untuk"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("factor"), FieldPanel("lookback")]),
                FieldRowPanel([FieldPanel("min_percent"), FieldPanel("max_percent")]),
                FieldPanel("max_change_percent"),
                FieldPanel("compare_served"),
            ],
            heading="Parameter (isi yang sesuai jenis pemeriksaan)",
        ),
    ]


modeladmin_register(ValidationRuleAdmin)
