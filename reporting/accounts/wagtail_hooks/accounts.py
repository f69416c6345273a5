"""Admin for accounts: "Akun", the one screen that lists, creates and edits them (role, region, urusan, the
password rules), the ministry's password reset, and Wagtail's own users screens turned towards it."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView

from reporting.accounts.forms import ACCOUNT_FIELDS, AccountCreateForm, AccountForm
from reporting.accounts.services.accounts import account_password_reset
from reporting.jobs.queue import JobRefused, job_start
from reporting.messages import ACCOUNT_RIGHTS_EXCEEDED, REGIONS_UNKNOWN
from reporting.models import JobKind, Region, User
from reporting.selectors.access import can_issue_pemda_accounts, can_manage_account
from reporting.wagtail_hooks.exports import ExportIndexView


class AccountPermissionHelper(PermissionHelper):
    """Edit (deactivation and role included) and delete only accounts whose rights are within one's own
    (``access.can_manage_account``): a ministry admin who is not a superuser never touches a superuser."""

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and can_manage_account(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and can_manage_account(user, obj)


class AccountButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if can_manage_account(self.request.user, obj):
            buttons.append(
                {
                    "url": reverse("reporting_account_reset", args=[obj.pk]),
                    "label": "Reset password",
                    "classname": "button button-small button-secondary",
                    "title": f"Buat password sekali pakai baru untuk {obj.username}",
                }
            )
        return buttons


class AccountCreateView(CreateView):
    def get_edit_handler(self):
        panels = [FieldPanel(name) for name in [*ACCOUNT_FIELDS, "password1", "password2"]]
        return ObjectList(panels, base_form_class=AccountCreateForm).bind_to_model(User)


class AccountEditView(EditView):
    def get_edit_handler(self):
        panels = [FieldPanel(name) for name in ACCOUNT_FIELDS]
        return ObjectList(panels, base_form_class=AccountForm).bind_to_model(User)


class AccountAdmin(ModelAdmin):
    model = User
    menu_label = "Kelola akun"  # Wagtail's own account menu (the signed-in user's profile) is "Akun"
    menu_icon = "user"
    menu_order = 320
    list_display = ("username", "first_name", "role", "region", "urusan", "must_change_password", "is_active")
    list_filter = ("role", "is_active", "must_change_password")
    search_fields = ("username", "first_name", "region__name")
    list_select_related = ("region", "urusan")
    button_helper_class = AccountButtonHelper
    permission_helper_class = AccountPermissionHelper
    # The list without passwords (only usernames, roles, regions); one-time passwords go out as a job.
    list_export = ("username", "first_name", "role", "region", "urusan", "must_change_password", "is_active")
    export_filename = "akun"
    index_view_class = ExportIndexView
    create_view_class = AccountCreateView
    edit_view_class = AccountEditView


@permission_required("reporting.change_user", raise_exception=True)
def account_reset(request, pk):
    """Confirm, then give the account a new one-time password shown once to the ministry admin (only for an
    account whose rights are within the admin's own)."""
    account = get_object_or_404(User, pk=pk)
    if not can_manage_account(request.user, account):
        messages.error(request, ACCOUNT_RIGHTS_EXCEEDED)
        return redirect("reporting_user_modeladmin_index")
    password = account_password_reset(user=account, by=request.user) if request.method == "POST" else None
    return render(request, "accounts/admin/account_reset.html", {"account": account, "password": password})


def pemda_accounts_list_start(request):
    """The ministry admin starts the pemda account distribution list as a background job (one-time passwords
    for every active pemda without an account, or the chosen ones, optionally resetting existing ones)."""
    if not can_issue_pemda_accounts(request.user):
        raise PermissionDenied
    error, codes_text = None, ""
    if request.method == "POST":
        codes_text = request.POST.get("regions", "")
        codes = sorted({code for code in codes_text.replace(",", " ").split() if code})
        known = set(Region.objects.filter(is_active=True, login_code__in=codes).values_list("login_code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            error = REGIONS_UNKNOWN.format(codes=", ".join(unknown))
        else:
            params = {"regions": codes, "reset": request.POST.get("reset") == "1"}
            try:
                job = job_start(kind=JobKind.ACCOUNTS, user=request.user, params=params)
            except JobRefused as refusal:  # too many account lists waiting or started this hour
                error = refusal.message
            else:
                return redirect("reporting:job_detail", pk=job.pk)
    return render(request, "accounts/admin/accounts_list_start.html", {"error": error, "regions": codes_text})


class PemdaAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_issue_pemda_accounts(request.user)


@hooks.register("register_admin_menu_item")
def register_pemda_accounts_menu_item():
    return PemdaAccountsMenuItem(
        "Daftar akun pemda", reverse("reporting_pemda_accounts_list"), icon_name="download", order=325
    )


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path("akun/<int:pk>/reset-password/", account_reset, name="reporting_account_reset"),
        path("akun/daftar-akun-pemda/", pemda_accounts_list_start, name="reporting_pemda_accounts_list"),
    ]


modeladmin_register(AccountAdmin)


# --- Wagtail's own users screens, which know no role, region or password rule -------------------------------
# Installed through reporting.accounts.wagtail_users.WagtailUsersConfig (Wagtail's way to replace its user viewset).

# Where each of Wagtail's users URLs now leads: the same action in "Akun".
ACCOUNT_ACTIONS = {"add": "create", "edit": "edit", "delete": "delete", "history": "edit", "usage": "edit"}


def account_screen_redirect(request, action, pk=None):
    """Wagtail's users screens (``/admin/users/...``) answer with the same action in "Akun"."""
    target = ACCOUNT_ACTIONS.get(action, "index")
    args = [pk] if pk is not None and target != "index" else []
    return redirect(f"reporting_user_modeladmin_{target}", *args)


class UsersToAccountsViewSet(wagtail_users.UserViewSet):
    """Wagtail's users viewset with its URL names kept (Wagtail's templates reverse them) but every view
    sending to "Akun"; no menu item, no "Users" search area, no admin URL of its own for an account."""

    add_to_settings_menu = False

    def get_urlpatterns(self):
        return [
            path(str(pattern.pattern), account_screen_redirect, {"action": pattern.name}, name=pattern.name)
            for pattern in super().get_urlpatterns()
        ]

    def register_search_area(self):
        pass

    def register_admin_url_finder(self):
        pass  # "Akun" (wagtail_modeladmin) registered the finder for accounts: edit links lead there


class GroupEditView(wagtail_groups.EditView):
    header_buttons = []  # Wagtail's "View users in this group" is a listing of its users screen


class GroupViewSet(wagtail_groups.GroupViewSet):
    """Wagtail's groups screen, kept: the role groups' permissions (reporting.accounts.services.roles) are
    seen here."""

    edit_view_class = GroupEditView


class AccountBulkActionGone(BulkAction):
    """Wagtail's bulk actions on users (roles, activation, deletion) are edits outside "Akun"."""

    models = [User]
    display_name = aria_label = ""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


# Registered after Wagtail's own (order 1), so the registry keeps these for the user model's action types.
for _action_type in ("assign_role", "delete", "set_active_state"):
    hooks.register(
        "register_bulk_action",
        type(f"AccountBulkActionGone_{_action_type}", (AccountBulkActionGone,), {"action_type": _action_type}),
        order=1,
    )
