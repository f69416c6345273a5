"""Admin for periods, per-pemda extensions and the ministry's browsing of reports (with reopen)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from reporting.calculations import fill_rate, format_number, format_percent
from reporting.forms.reports import ReopenForm
from reporting.models import Period, PeriodExtension, Report, ReportEvent
from reporting.selectors import access
from reporting.services.reports import ReportValidationError, report_reopen
from reporting.wagtail_hooks.exports import ExportIndexView


class PeriodAdmin(ModelAdmin):
    model = Period
    menu_label = "Periode pelaporan"
    menu_icon = "date"
    list_display = ("__str__", "opens_at", "closes_at")
    list_filter = ("year",)


class PeriodExtensionAdmin(ModelAdmin):
    model = PeriodExtension
    menu_label = "Perpanjangan batas input"
    menu_icon = "time"
    list_display = ("region", "period", "closes_at", "reason")
    list_filter = ("period",)
    search_fields = ("region__name", "region__login_code")
    list_select_related = ("region", "period")
    list_export = ("region", "period", "closes_at", "reason")
    export_filename = "perpanjangan-batas-input"
    index_view_class = ExportIndexView


class ReadOnlyPermissionHelper(PermissionHelper):
    """Reports are written only by pemda through the portal; the admin browses them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReportButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        buttons.append(
            {
                "url": reverse("reporting:report_capaian", kwargs={"pk": obj.pk}),
                "label": "Buka laporan",
                "classname": "button button-small button-secondary",
                "title": f"Buka laporan {obj} di portal",
            }
        )
        if self.request.user.has_perm("reporting.change_report"):
            buttons.append(
                {
                    "url": reverse("reporting_report_reopen", args=[obj.pk]),
                    "label": "Buka kembali",
                    "classname": "button button-small button-secondary",
                    "title": f"Buka kembali {obj} untuk diisi",
                }
            )
        return buttons


class ReportInspectView(InspectView):
    """A report's detail page with its figures as the portal prints them: 1.200.998.320 and 99,85 %."""

    PERCENT_FIELDS = ("capaian_penerima", "capaian_mutu", "indeks")
    NUMBER_FIELDS = ("figures_required", "figures_filled", "pagu_total", "realisasi_total")

    def get_field_display_value(self, field_name, field=None):
        if field_name in self.PERCENT_FIELDS:
            return format_percent(getattr(self.instance, field_name))
        if field_name in self.NUMBER_FIELDS:
            return format_number(getattr(self.instance, field_name))
        return super().get_field_display_value(field_name, field)


class ReportAdmin(ModelAdmin):
    model = Report
    menu_label = "Laporan"
    menu_icon = "doc-full"
    list_display = (
        "region",
        "urusan",
        "period",
        "status",
        "capaian",
        "indeks_display",
        "category",
        "fill",
        "realisasi",
        "submitted_at",
    )
    list_filter = ("period", "status", "urusan", "region__level", "category")
    search_fields = ("region__name", "region__login_code")
    list_select_related = ("region", "urusan", "period")
    list_per_page = 50
    list_export = (
        "region",
        "urusan",
        "period",
        "status",
        "submitted_at",
        "capaian_penerima",
        "indeks",
        "category",
        "figures_required",
        "figures_filled",
        "pagu_total",
        "realisasi_total",
    )
    export_filename = "laporan-spm"
    index_view_class = ExportIndexView
    inspect_view_enabled = True
    inspect_view_class = ReportInspectView
    inspect_view_fields = (
        "region",
        "urusan",
        "period",
        "status",
        "version",
        "submitted_at",
        "reviewed_at",
        "return_reason",
        "reopened_until",
        *Report.SUMMARY_FIELDS,
    )
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = ReportButtonHelper

    def get_queryset(self, request):
        """Only what ``access`` lets the user read (the ministry: every report once sent)."""
        return access.report_readable_list(request.user).select_related("region", "urusan", "period")

    @staticmethod
    def capaian(obj):
        return format_percent(obj.capaian_penerima)

    @staticmethod
    def indeks_display(obj):
        return format_percent(obj.indeks)

    @staticmethod
    def fill(obj):
        return format_percent(fill_rate(obj.figures_required, obj.figures_filled))

    @staticmethod
    def realisasi(obj):
        return f"{format_number(obj.realisasi_total)} / {format_number(obj.pagu_total)}"

    capaian.short_description = "Capaian penerima"
    indeks_display.short_description = "Indeks"
    fill.short_description = "Terisi"
    realisasi.short_description = "Realisasi / pagu (Rp)"


class ReportEventAdmin(ModelAdmin):
    """The reports' history (every changed value and transition), browsable and exported by the ministry."""

    model = ReportEvent
    menu_label = "Riwayat laporan"
    menu_icon = "history"
    list_display = ("created_at", "report", "user", "kind", "field", "old_value", "new_value", "message")
    list_filter = ("kind", "created_at", "report__period", "report__urusan", "report__region__level")
    search_fields = ("report__region__name", "report__region__login_code", "field", "message", "user__username")
    list_select_related = ("report__region", "report__urusan", "report__period", "user")
    list_export = ("created_at", "report", "user", "kind", "field", "old_value", "new_value", "message")
    export_filename = "riwayat-laporan"
    index_view_class = ExportIndexView
    list_per_page = 50
    permission_helper_class = ReadOnlyPermissionHelper

    def get_queryset(self, request):
        """The history of the reports ``access`` lets the user read."""
        readable = access.report_readable_list(request.user)
        return ReportEvent.objects.filter(report__in=readable).select_related(*self.list_select_related)


class ReportingGroup(ModelAdminGroup):
    menu_label = "Pelaporan SPM"
    menu_icon = "doc-full-inverse"
    menu_order = 305
    items = (ReportAdmin, ReportEventAdmin, PeriodAdmin, PeriodExtensionAdmin)


@permission_required("reporting.change_report", raise_exception=True)
def report_reopen_view(request, pk):
    """The ministry reopens a report for editing until a date (after the window closed, or once sent)."""
    report = (
        access.report_readable_list(request.user).select_related("region", "urusan", "period").filter(pk=pk).first()
    )
    if report is None:
        raise Http404
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_reopen(
                report=report, user=request.user, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
            )
        except ReportValidationError as error:
            for field, message in error.field_errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{report} dibuka kembali.")
            return redirect("reporting_report_modeladmin_index")
    return render(request, "reporting/admin/report_reopen.html", {"report": report, "form": form})


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("laporan/<int:pk>/buka-kembali/", report_reopen_view, name="reporting_report_reopen")]


modeladmin_register(ReportingGroup)
