"""Tab B of the quarterly report: per service its sub kegiatan, serapan and the totals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from reporting.forms.reports import ActivityForm
from reporting.messages import DATA_SAVED
from reporting.selectors import reports as selectors
from reporting.services import reports as services
from reporting.services import values
from reporting.services.idempotency import submission_once
from reporting.services.kegiatan_caps import kegiatan_caps
from reporting.services.values import KegiatanLine
from reporting.views.error_summary import form_error_summary
from reporting.views.quality import warn_after_save
from reporting.views.report_page import WRITE_ERRORS
from reporting.views.report_page import posted_version as _posted_version
from reporting.views.report_page import report_context as _report_context
from reporting.views.report_page import report_or_404 as _report_or_404
from reporting.views.report_page import service_error as _service_error


@login_required
@submission_once
def report_kegiatan(request, pk):
    """Tab B: per service its sub kegiatan (add, change, delete), serapan, JUMLAH and JUMLAH KESELURUHAN."""
    report = _report_or_404(request, pk)
    bound, status, version = {}, 200, report.version
    if request.method == "POST":
        version = _posted_version(request, report)  # a refused save keeps the version the user saw (tab A's rule)
        response, bound = _kegiatan_post(request, report, version)
        if response is not None:
            return response
        status = 400
    context = _report_context(request, report, "kegiatan", fresh=status != 200, form_version=version)
    if not context["tab_cached"]:
        groups, grand = selectors.report_kegiatan_groups(report=report)
        editing = request.GET.get("ubah")
        for group in groups:
            group.add_form = bound.get(f"add-{group.entry.pk}") or ActivityForm(prefix=f"add-{group.entry.pk}")
            for row in group.activities:
                key = f"act-{row.activity.pk}"
                if key in bound or editing == str(row.activity.pk):
                    row.form = bound.get(key) or ActivityForm(
                        prefix=key,
                        initial={
                            "name": row.activity.name,
                            "pagu": row.activity.pagu,
                            "realisasi": row.activity.realisasi,
                            "justification": row.activity.justification,
                        },
                    )
        context.update(
            groups=groups,
            grand=grand,
            kegiatan_caps=kegiatan_caps(),
            error_summary=form_error_summary(*bound.values()),
        )
        _errors_of_unshown_forms(request, bound, groups)
    return render(request, "reporting/report/kegiatan.html", context, status=status)


def _errors_of_unshown_forms(request, bound, groups) -> None:
    """A form for a service or kegiatan not on the page (an unknown or foreign target) shows its errors as
    messages: a 400 must say why."""
    shown = {f"add-{group.entry.pk}" for group in groups}
    shown |= {f"act-{row.activity.pk}" for group in groups for row in group.activities}
    for key, form in bound.items():
        if key not in shown:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)


def _kegiatan_line(action: str, target: int, form) -> KegiatanLine:
    if action == "add":
        return KegiatanLine(entry_id=target, **form.cleaned_data)
    if action == "update":
        return KegiatanLine(activity_id=target, **form.cleaned_data)
    if action == "delete":
        return KegiatanLine(activity_id=target, delete=True)
    raise Http404


def _kegiatan_post(request, report, version: int):
    """Handle one add / change / delete; returns (redirect or None, bound forms to show again)."""
    action, target = request.POST.get("action", ""), request.POST.get("target", "")
    if not target.isdigit():
        raise Http404
    prefix = f"add-{target}" if action == "add" else f"act-{target}"
    form = ActivityForm(request.POST, prefix=prefix) if action in ("add", "update") else None
    if form is not None and not form.is_valid():
        return None, {prefix: form}
    line = _kegiatan_line(action, int(target), form)
    try:
        saved = values.report_values_save(report=report, user=request.user, expected_version=version, kegiatan=[line])
    except services.ReportPermissionError as error:
        raise PermissionDenied from error
    except WRITE_ERRORS as error:
        for key, message in _service_error(request, error).items():
            field = key.removeprefix("kegiatan-0-")
            if form is not None:
                form.add_error(field if field in form.fields else None, message)
            else:
                messages.error(request, message)
        return None, ({prefix: form} if form is not None else {})
    messages.success(request, DATA_SAVED)
    warn_after_save(request, saved.warnings)
    return redirect("reporting:report_kegiatan", pk=report.pk), {}
