"""Token API pages in the account area: a pemda account manages its region's tokens, the ministry every token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from reporting.forms.api_tokens import ApiTokenForm
from reporting.models import ApiTokenKind, Role
from reporting.selectors import access
from reporting.services.api_tokens import ApiTokenError, api_token_create, api_token_revoke


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
        request, "reporting/api_tokens.html", {"form": form, "tokens": tokens, "issued": issued, "kind": kind}
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
