"""Tab A of the quarterly report: figures per service and mutu item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from reporting.forms.reports import capaian_inputs, capaian_parse
from reporting.messages import DATA_SAVED, FORM_NOT_SAVED
from reporting.selectors import reports as selectors
from reporting.services import reports as services
from reporting.services import values
from reporting.services.idempotency import submission_once
from reporting.views.error_summary import figure_error_summary
from reporting.views.quality import warn_after_save
from reporting.views.report_page import WRITE_ERRORS
from reporting.views.report_page import posted_version as _posted_version
from reporting.views.report_page import report_context as _report_context
from reporting.views.report_page import report_or_404 as _report_or_404
from reporting.views.report_page import service_error as _service_error


@login_required
@submission_once
def report_capaian(request, pk):
    """Tab A: figures per service and mutu; works without JS, report.js recomputes live."""
    report = _report_or_404(request, pk)
    typed, errors, version = {}, {}, report.version
    if request.method == "POST":
        version = _posted_version(request, report)
        figures, errors, typed = capaian_parse(request.POST)
        if not errors:
            try:
                saved = values.report_values_save(
                    report=report, user=request.user, expected_version=version, figures=figures, figures_complete=True
                )
            except services.ReportPermissionError as error:
                raise PermissionDenied from error
            except WRITE_ERRORS as error:
                errors = _service_error(request, error)
            else:
                messages.success(request, DATA_SAVED)
                warn_after_save(request, saved.warnings)
                return redirect("reporting:report_capaian", pk=report.pk)
        if errors:
            messages.error(request, FORM_NOT_SAVED)
    thresholds = selectors.category_thresholds()  # for the page only: a save that succeeded has redirected
    context = _report_context(
        request, report, "capaian", fresh=bool(errors), cache_extra=thresholds, form_version=version
    )
    if not context["tab_cached"]:
        rows = selectors.report_capaian_rows(report=report, thresholds=thresholds)
        capaian_inputs(rows, typed=typed, errors=errors)
        context.update(rows=rows, thresholds_json=[[name, str(lower)] for name, lower in thresholds])
        context["error_summary"] = figure_error_summary(rows)
    return render(request, "reporting/report/capaian.html", context, status=400 if errors else 200)
