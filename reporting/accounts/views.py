"""Account pages: login and logout, the password change, operators, the signatory, the API tokens (a pemda
account manages its region's tokens, the ministry every token)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from core.ratelimit import rate_limit_exceeded, rate_limit_response
from reporting.accounts.forms import (
    ApiTokenForm,
    ForcedPasswordChangeForm,
    LoginForm,
    OperatorCreateForm,
    SignatoryForm,
)
from reporting.accounts.models import ApiTokenKind
from reporting.accounts.services.accounts import operator_create, region_signatory_update
from reporting.accounts.services.api_tokens import ApiTokenError, api_token_create, api_token_revoke
from reporting.messages import LOGGED_OUT, SIGNATORY_SAVED
from reporting.models import Region, Role
from reporting.selectors import access


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST logs out and says so; GET (a typed or bookmarked /logout/) shows a page with the logout button."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, LOGGED_OUT)
        return response


def admin_password_reset(request, *args, **kwargs):
    """Wagtail's "forgot password" e-mail (``/admin/password_reset/``), sending at most
    ``RATE_LIMIT_PASSWORD_RESET_PER_MINUTE`` per address and minute; its form never mails pemda or operator
    accounts (``AdminPasswordResetForm``)."""
    if request.method == "POST":
        retry = rate_limit_exceeded(request, "password-reset", settings.RATE_LIMIT_PASSWORD_RESET_PER_MINUTE)
        if retry:
            return rate_limit_response(request, retry)
    return WagtailPasswordResetView.as_view()(request, *args, **kwargs)


@login_required
def password_change(request):
    form = ForcedPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Password berhasil diganti."))
        return redirect("reporting:dashboard")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def operator_list(request):
    """A pemda account lists and creates its operator sub-accounts (one per urusan data owner)."""
    if request.user.role != Role.PEMDA:
        raise PermissionDenied
    form = OperatorCreateForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = operator_create(
                parent=request.user,
                username=form.cleaned_data["username"],
                urusan=form.cleaned_data["urusan"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValueError as error:
            form.add_error("username", str(error))
        else:
            form = OperatorCreateForm()
    operators = request.user.operators.select_related("urusan").order_by("username")
    return render(request, "accounts/operators.html", {"form": form, "operators": operators, "issued": issued})


@login_required
def signatory_edit(request):
    """The pemda's account page for its printed reports: who signs them, with which title, and where."""
    region = access.own_region(request.user)
    if region is None or not access.can_edit_region_signatory(request.user, region):
        raise PermissionDenied
    # The form edits an unsaved copy: the service writes, the view never saves a model itself.
    form = SignatoryForm(request.POST or None, instance=Region(pk=region.pk, **_signatory_of(region)))
    if request.method == "POST" and form.is_valid():
        region_signatory_update(
            user=request.user,
            region=region,
            name=form.cleaned_data["signatory_name"],
            title=form.cleaned_data["signatory_title"],
            nip=form.cleaned_data["signatory_nip"],
            place=form.cleaned_data["signing_place"],
        )
        messages.success(request, SIGNATORY_SAVED)
        return redirect("signatory_edit")
    return render(request, "accounts/signatory.html", {"form": form, "region": region})


def _signatory_of(region: Region) -> dict:
    return {name: getattr(region, name) for name in SignatoryForm.Meta.fields}


# --- The integration API's tokens ----------------------------------------------------------------------------


def _kind_for(user) -> str:
    if user.is_ministry:
        return ApiTokenKind.MINISTRY
    if user.role == Role.PEMDA:
        return ApiTokenKind.PEMDA
    raise PermissionDenied


@login_required
def api_token_list(request):
    """List the tokens the user manages and issue a new one (its text is shown on this answer only)."""
    kind = _kind_for(request.user)
    form = ApiTokenForm(request.POST or None, with_urusan=kind == ApiTokenKind.PEMDA)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                kind=kind,
                days=form.cleaned_data["days"],
                region=access.own_region(request.user),
                urusan=form.cleaned_data.get("urusan"),
            )
        except ApiTokenError as error:
            form.add_error(None, str(error))
        else:
            form = ApiTokenForm(with_urusan=kind == ApiTokenKind.PEMDA)
    tokens = access.api_token_manageable_list(request.user)[:500]
    response = render(
        request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "issued": issued, "kind": kind}
    )
    if issued:
        response["Cache-Control"] = "no-store"  # the token text must not stay in a cache
    return response


@login_required
@require_POST
def api_token_revoke_view(request, pk):
    token = get_object_or_404(access.api_token_manageable_list(request.user), pk=pk)
    try:
        api_token_revoke(user=request.user, token=token)
    except ApiTokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Token {token.prefix} ({token.name}) dicabut.")
    return redirect("api_token_list")
