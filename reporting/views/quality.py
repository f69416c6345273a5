"""Plausibility warnings: the messages after a save of tab A or B and the monitoring list of standing warnings
(the Kirim page, where they are confirmed, is ``reporting.views.submit_check.report_submit``). Thin: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reporting.messages import SAVE_WARNING, SAVE_WARNINGS_MORE, SAVE_WARNINGS_OPEN
from reporting.models import WarningStatus
from reporting.selectors import access
from reporting.selectors import quality as quality_selectors

SAVE_MESSAGES_MAX = 5


def warn_after_save(request, standing) -> None:
    """Tell the open warnings of a save (its recheck, ``values.ValuesSaved.warnings``) as non-blocking messages."""
    open_warnings = [w for w in standing if w.status == WarningStatus.OPEN]
    for warning in open_warnings[:SAVE_MESSAGES_MAX]:
        messages.warning(request, SAVE_WARNING.format(label=warning.label, message=warning.message))
    if len(open_warnings) > SAVE_MESSAGES_MAX:
        messages.warning(request, SAVE_WARNINGS_MORE.format(count=len(open_warnings) - SAVE_MESSAGES_MAX))
    if open_warnings:
        messages.info(request, SAVE_WARNINGS_OPEN)


@login_required
@require_GET
def warning_monitoring(request):
    """The standing warnings of the sent reports the user monitors, with their number per province."""
    if not access.can_monitor_warnings(request.user):
        raise PermissionDenied
    try:
        page = int(request.GET.get("halaman", "1"))
    except ValueError:
        page = 1
    warnings, per_province = quality_selectors.monitoring_warning_page(user=request.user, page=page)
    context = {"warnings": warnings, "per_province": per_province, "national": request.user.is_ministry}
    return render(request, "reporting/quality/warnings.html", context)
