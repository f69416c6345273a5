"""Admin: what the deadline reminders sent, to whom and when (read only; rows are written by the reminders)."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from reporting.models import ReminderRecord
from reporting.wagtail_hooks.reports import ReadOnlyPermissionHelper


class ReminderRecordAdmin(ModelAdmin):
    model = ReminderRecord
    menu_label = "Catatan pengingat"
    menu_icon = "mail"
    menu_order = 330
    list_display = ("region", "period", "days_before", "status", "recipients", "created_at", "sent_at", "error")
    list_filter = ("status", "days_before", "period")
    search_fields = ("region__name", "region__login_code", "recipients")
    list_select_related = ("region", "period")
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True


modeladmin_register(ReminderRecordAdmin)
