"""The reviewer's workflow on a sent report: accept, or return with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from reporting.forms.reports import ReturnForm
from reporting.services import reports as services
from reporting.views.report_page import WRITE_ERRORS
from reporting.views.report_page import report_or_404 as _report_or_404


def _back(request, report):
    tab = request.POST.get("tab", "capaian")
    name = {"kegiatan": "report_kegiatan", "permasalahan": "report_permasalahan"}.get(tab, "report_capaian")
    return redirect(reverse(f"reporting:{name}", kwargs={"pk": report.pk}))


def _transition(request, pk, service, success: str, **kwargs):
    report = _report_or_404(request, pk)
    try:
        service(report=report, user=request.user, **kwargs)
    except services.ReportPermissionError as error:
        raise PermissionDenied from error
    except WRITE_ERRORS as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return _back(request, report)


@login_required
@require_POST
def report_accept(request, pk):
    return _transition(request, pk, services.report_accept, "Laporan diterima.")


@login_required
@require_POST
def report_return(request, pk):
    form = ReturnForm(request.POST)
    if not form.is_valid() and "reason" in form.errors and request.POST.get("reason", "").strip():
        # A reason the form refuses (e.g. a NUL character): say why instead of storing it.
        report = _report_or_404(request, pk)
        messages.error(request, " ".join(form.errors["reason"]))
        return _back(request, report)
    return _transition(
        request,
        pk,
        services.report_return,
        "Laporan dikembalikan ke pemda.",
        reason=form.cleaned_data.get("reason", "") if form.is_valid() else "",
    )
