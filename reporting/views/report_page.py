"""What every tab of the quarterly report shares: the report or a 404, the layout's context (status,
lock, history, warnings, cached fragments), service errors as field errors or messages, the posted version."""

from django.contrib import messages
from django.http import Http404

from reporting.forms.reports import ReturnForm
from reporting.models import WarningStatus
from reporting.selectors import access
from reporting.selectors import quality as quality_selectors
from reporting.selectors import reports as selectors
from reporting.selectors.sent import sent_version_notice, sent_view_of
from reporting.services import notifications as notification_services
from reporting.services import reports as services
from reporting.views.fragments import fragment_cached, fragment_lookup

TABS = (("capaian", "A. Capaian SPM"), ("kegiatan", "B. Kegiatan dan Anggaran"), ("permasalahan", "C. Permasalahan"))
HISTORY_ALL = "semua"  # ?riwayat=semua: the whole history instead of the latest HISTORY_LIMIT changes


def report_or_404(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


def report_context(request, report, tab: str, *, fresh: bool = False, cache_extra=(), **extra) -> dict:
    """What the layout needs. ``context["fragments"]`` says whether the tab body (``"tab"``) and the history
    are already rendered in the cache (``fragments.py``); the caller fetches its rows only when not."""
    user = request.user
    notification_services.report_opened_settle(user=user, report=report)
    window = selectors.report_window(report)
    can_edit = access.can_edit_report(user, report)
    lock = selectors.report_lock_reason(report=report, user=user) if can_edit else None
    editable = can_edit and lock is None
    found = fragment_lookup(request, report, tab=tab, editable=editable, extra=cache_extra, fresh=fresh)
    history_all = request.GET.get("riwayat") == HISTORY_ALL
    history = []
    if not fragment_cached(found, "history"):
        history = selectors.report_history_list(
            report=report, limit=None if history_all else selectors.HISTORY_LIMIT + 1
        )
    display_status = selectors.report_display_status(report)
    warnings = quality_selectors.report_warning_list(report=report)
    sent = sent_view_of(report)
    context = {
        "report": report,
        "sent_notice": sent_version_notice(sent) if sent is not None else "",
        "tab": tab,
        "tabs": TABS,
        "editable": editable,
        "lock_reason": lock,
        "window": window,
        "can_submit": access.can_submit_report(user, report) and editable,
        "can_review": access.can_review_report(user, report) and report.status == "submitted",
        "can_reopen": access.can_reopen_report(user, report),
        "history": history[: selectors.HISTORY_LIMIT] if not history_all else history,
        "history_more": not history_all and len(history) > selectors.HISTORY_LIMIT,
        "history_all": history_all,
        "history_all_param": HISTORY_ALL,
        "return_form": ReturnForm(),
        "display_status": display_status,
        "display_label": selectors.status_label(display_status),
        "fragments": found,
        "tab_cached": fragment_cached(found, "tab"),
        "warnings": warnings,
        "open_warnings": sum(1 for w in warnings if w.status == WarningStatus.OPEN),
    }
    context.update(extra)
    return context


def service_error(request, error) -> dict[str, str]:
    """Turn a service exception into field errors (validation) or a page message (lock, conflict)."""
    if isinstance(error, services.ReportValidationError):
        return error.field_errors
    messages.error(request, error.messages[0])
    return {}


WRITE_ERRORS = (services.ReportValidationError, services.ReportConflictError, services.ReportLockedError)


def posted_version(request, report) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # a form without a version can only conflict
