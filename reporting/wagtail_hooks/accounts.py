"""Admin for accounts: list, filter, and the ministry's password reset."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from reporting.models import User
from reporting.services.accounts import account_password_reset


class AccountButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm("reporting.change_user"):
            buttons.append(
                {
                    "url": reverse("reporting_account_reset", args=[obj.pk]),
                    "label": "Reset password",
                    "classname": "button button-small button-secondary",
                    "title": f"Buat password sekali pakai baru untuk {obj.username}",
                }
            )
        return buttons


class AccountAdmin(ModelAdmin):
    model = User
    menu_label = "Akun"
    menu_icon = "user"
    menu_order = 320
    list_display = ("username", "first_name", "role", "region", "urusan", "must_change_password", "is_active")
    list_filter = ("role", "is_active", "must_change_password")
    search_fields = ("username", "first_name", "region__name")
    list_select_related = ("region", "urusan")
    button_helper_class = AccountButtonHelper
    # The list without passwords (only usernames, roles, regions); one-time passwords go out as a job.
    list_export = ("username", "first_name", "role", "region", "urusan", "must_change_password", "is_active")
    export_filename = "akun"
    form_fields_exclude = ("password", "groups", "user_permissions", "last_login", "date_joined", "is_superuser")


@permission_required("reporting.change_user", raise_exception=True)
def account_reset(request, pk):
    """Confirm, then give the account a new one-time password shown once to the ministry admin."""
    account = get_object_or_404(User, pk=pk)
    password = account_password_reset(user=account) if request.method == "POST" else None
    return render(request, "reporting/admin/account_reset.html", {"account": account, "password": password})


@hooks.register("register_admin_urls")
def register_account_urls():
    return [path("akun/<int:pk>/reset-password/", account_reset, name="reporting_account_reset")]


modeladmin_register(AccountAdmin)


@hooks.register("construct_settings_menu")
def hide_wagtail_users(request, menu_items):
    """Accounts are edited in one screen, "Akun" (roles, regions, the password reset): Wagtail's own user
    admin, which knows none of that, is left out of the menu."""
    menu_items[:] = [item for item in menu_items if item.name != "users"]
