"""Admin for the login lockout (django-axes): current locks with a lift button, failures and logins, each
filtered, searched and exported (CSV, XLSX) by the ministry."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from reporting.accounts.services.accounts import login_lock_lift
from reporting.wagtail_hooks.exports import ExportIndexView
from reporting.wagtail_hooks.reports import ReadOnlyPermissionHelper


class LockButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        if not self.request.user.has_perm("axes.delete_accessattempt"):
            return []
        return [
            {
                "url": reverse("reporting_login_lock_lift", args=[obj.pk]),
                "label": "Buka kunci",
                "classname": "button button-small button-secondary",
                "title": f"Buka kunci login {obj.username} dari {obj.ip_address}",
            }
        ]


class LoginCounterAdmin(ModelAdmin):
    """Failure counters within the window: a row at the limit is a lock (reporting/accounts/lockout.py)."""

    model = AccessAttempt
    menu_label = "Penghitung gagal & kunci"
    menu_icon = "lock"
    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info")
    list_filter = ("attempt_time", "path_info")
    search_fields = ("username", "ip_address")
    list_export = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info", "user_agent")
    export_filename = "penghitung-gagal-login"
    index_view_class = ExportIndexView
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = LockButtonHelper


class LoginFailureAdmin(ModelAdmin):
    model = AccessFailureLog
    menu_label = "Login gagal"
    menu_icon = "warning"
    list_display = ("username", "ip_address", "attempt_time", "locked_out", "path_info", "user_agent")
    list_filter = ("locked_out", "attempt_time", "path_info")
    search_fields = ("username", "ip_address")
    list_export = list_display
    export_filename = "login-gagal"
    index_view_class = ExportIndexView
    permission_helper_class = ReadOnlyPermissionHelper


class LoginSuccessAdmin(ModelAdmin):
    model = AccessLog
    menu_label = "Login berhasil"
    menu_icon = "tick"
    list_display = ("username", "ip_address", "attempt_time", "logout_time", "path_info", "user_agent")
    list_filter = ("attempt_time", "path_info")
    search_fields = ("username", "ip_address")
    list_export = list_display
    export_filename = "login-berhasil"
    index_view_class = ExportIndexView
    permission_helper_class = ReadOnlyPermissionHelper


class LoginSecurityGroup(ModelAdminGroup):
    menu_label = "Keamanan login"
    menu_icon = "lock"
    menu_order = 330
    items = (LoginCounterAdmin, LoginFailureAdmin, LoginSuccessAdmin)


@permission_required("axes.delete_accessattempt", raise_exception=True)
def login_lock_lift_view(request, pk):
    """Confirm, then clear the counters of that username and that address; the logs stay."""
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    if request.method == "POST":
        login_lock_lift(username=attempt.username or "", ip_address=attempt.ip_address)
        return redirect("axes_accessattempt_modeladmin_index")
    return render(request, "accounts/admin/login_lock_lift.html", {"attempt": attempt})


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("kunci-login/<int:pk>/buka/", login_lock_lift_view, name="reporting_login_lock_lift")]


modeladmin_register(LoginSecurityGroup)
