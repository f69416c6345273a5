"""Admin for periods and reports (owned by the reporting work)."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from reporting.models import Period


class PeriodAdmin(ModelAdmin):
    model = Period
    menu_label = "Periode pelaporan"
    menu_icon = "date"
    list_display = ("__str__", "opens_at", "closes_at")
    list_filter = ("year",)


modeladmin_register(PeriodAdmin)
