"""The account's notifications: the list (the bell leads here), marking read, and the e-mail choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from reporting.forms.notifications import MarkReadForm, NotificationPreferencesForm
from reporting.messages import NOTIFICATION_NOT_FOUND, NOTIFICATION_PREFERENCES_SAVED, NOTIFICATIONS_MARKED_READ
from reporting.models import NotificationKind
from reporting.selectors.notifications import NOTIFICATION_LIST_LIMIT, notification_list
from reporting.services import notifications as services


@login_required
@require_safe
def notification_list_page(request):
    items = notification_list(user=request.user)
    return render(
        request,
        "reporting/notifications/list.html",
        {"items": items, "limit": NOTIFICATION_LIST_LIMIT, "any_unread": any(not n.is_read for n in items)},
    )


@login_required
@require_safe
def notification_open(request, pk):
    """Open one notification: it is read from now on, and the page it announces opens (the report; the
    moderators' queue on the dashboard for an abuse report; the list when it has no page of its own)."""
    notification = services.notification_open(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404(NOTIFICATION_NOT_FOUND)
    if notification.report_id:
        return redirect("reporting:report_capaian", pk=notification.report_id)
    if notification.kind == NotificationKind.FORUM_ABUSE:
        return redirect(reverse("reporting:dashboard") + "#laporan-forum")
    return redirect("reporting:notification_list")


@login_required
@require_POST
def notification_mark_read(request):
    form = MarkReadForm(request.POST)
    if form.is_valid():
        services.notifications_mark_read(user=request.user, notification_id=form.cleaned_data["id"])
        messages.success(request, NOTIFICATIONS_MARKED_READ)
    return redirect("reporting:notification_list")


@login_required
def notification_preferences(request):
    user = request.user
    initial = {"email_kinds": sorted(services.email_kinds_get(user)), "email": user.email}
    form = NotificationPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=user, email_kinds=form.cleaned_data["email_kinds"], email=form.cleaned_data["email"]
        )
        messages.success(request, NOTIFICATION_PREFERENCES_SAVED)
        return redirect("reporting:notification_preferences")
    return render(request, "reporting/notifications/preferences.html", {"form": form})
