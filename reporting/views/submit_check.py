"""Kirim with a look back: the check step before sending (``laporan/<pk>/kirim/``).

GET lists, per service, the capaian figures filled and empty, the plausibility warnings with a note each,
and one button; a report with empty figures asks for the reason the reviewer will read (or, when the
ministry forbids incomplete sending in Pengaturan pelaporan, says so and offers no button). POST sends
through ``report_submit``, which applies the same rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reporting.messages import REPORT_SENT
from reporting.models import WarningStatus
from reporting.selectors import access
from reporting.selectors import reports as selectors
from reporting.selectors.submission import report_completeness_list
from reporting.services import quality as quality_services
from reporting.services import reports as services
from reporting.services.submission import REASON_FIELD, incomplete_submit_allowed

NOTE_PREFIX = "catatan-"


def confirmation_notes(post) -> dict[int, str]:
    """The officer's notes typed on the check step, by ReportWarning id (fields ``catatan-<id>``)."""
    notes = {}
    for key, value in post.items():
        if key.startswith(NOTE_PREFIX) and key[len(NOTE_PREFIX) :].isdigit():
            notes[int(key[len(NOTE_PREFIX) :])] = value
    return notes


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    if not access.can_submit_report(request.user, report):
        raise PermissionDenied
    notes, reason, errors = {}, "", {}
    if request.method == "POST":
        notes, reason = confirmation_notes(request.POST), request.POST.get(REASON_FIELD, "")
        try:
            services.report_submit(report=report, user=request.user, confirmations=notes, incomplete_reason=reason)
        except services.ReportPermissionError as error:
            raise PermissionDenied from error
        except (services.ReportConflictError, services.ReportLockedError) as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reporting:report_capaian", pk=report.pk)
        except services.ReportValidationError as error:
            errors = error.field_errors
        except ValidationError as error:  # unconfirmed warnings, a note too long
            messages.error(request, " ".join(error.messages))
            errors = {"warnings": " ".join(error.messages)}
        else:
            messages.success(request, REPORT_SENT)
            return redirect("reporting:report_capaian", pk=report.pk)
    lock = selectors.report_lock_reason(report=report, user=request.user)
    if lock is not None:
        messages.error(request, lock)
        return redirect("reporting:report_capaian", pk=report.pk)
    return render(
        request,
        "reporting/report/kirim.html",
        _check_context(report, notes=notes, reason=reason, errors=errors),
        status=400 if errors else 200,
    )


def _check_context(report, *, notes: dict, reason: str, errors: dict) -> dict:
    standing = quality_services.report_warnings_refresh(report=report)
    for warning in standing:
        warning.typed_note = notes.get(warning.pk, warning.note)
        warning.refused = bool(errors.get("warnings")) and warning.status == WarningStatus.OPEN
    services_list = report_completeness_list(report=report)
    incomplete = any(not s.complete for s in services_list)
    summary = [
        {"href": f"#catatan-{w.pk}", "text": f"{w.label}: konfirmasi dengan catatan atau perbaiki isiannya"}
        for w in standing
        if w.refused
    ]
    if errors.get(REASON_FIELD):
        summary.insert(0, {"href": f"#id-{REASON_FIELD}", "text": errors[REASON_FIELD]})
    return {
        "report": report,
        "window": selectors.report_window(report),
        "services": services_list,
        "empty_count": sum(len(s.empty) for s in services_list),
        "incomplete": incomplete,
        "incomplete_allowed": incomplete_submit_allowed(),
        "warnings": standing,
        "open_warnings": sum(1 for w in standing if w.status == WarningStatus.OPEN),
        "reason": reason,
        "reason_error": errors.get(REASON_FIELD, ""),
        "reason_field": REASON_FIELD,
        "error_summary": summary,
    }
