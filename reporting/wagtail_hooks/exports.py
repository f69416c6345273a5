"""The admin lists' CSV and XLSX exports (wagtail_modeladmin's ``list_export``), user text kept as text."""

from wagtail_modeladmin.views import IndexView

from core.spreadsheets import csv_text


class ExportIndexView(IndexView):
    """Wagtail already stores formula-looking XLSX cells as strings; its CSV writes them as they come, so a
    username typed at the login page as ``=HYPERLINK(...)`` would run in the ministry's Excel."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_text(value) if export_format == self.FORMAT_CSV else value
