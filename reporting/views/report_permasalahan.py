"""Tab C of the quarterly report: notes in the five categories and data dukung files."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from reporting.forms.reports import ProblemForm, SupportingFileForm
from reporting.messages import DATA_SAVED
from reporting.selectors import reports as selectors
from reporting.services import files as file_services
from reporting.services import reports as services
from reporting.services.idempotency import submission_once
from reporting.views.error_summary import form_error_summary
from reporting.views.report_page import WRITE_ERRORS
from reporting.views.report_page import posted_version as _posted_version
from reporting.views.report_page import report_context as _report_context
from reporting.views.report_page import report_or_404 as _report_or_404
from reporting.views.report_page import service_error as _service_error


@login_required
@submission_once
def report_permasalahan(request, pk):
    """Tab C: notes in the five categories and data dukung files."""
    report = _report_or_404(request, pk)
    forms, status, version = _TabCForms(), 200, report.version
    if request.method == "POST":
        version = _posted_version(request, report)  # a refused save keeps the version the user saw (tab A's rule)
        response, forms = _permasalahan_post(request, report, version)
        if response is not None:
            return response
        status = 400
    edit_problem = forms.edit
    context = _report_context(
        request,
        report,
        "permasalahan",
        fresh=status != 200,
        problem_form=forms.problem,
        file_form=forms.file,
        form_version=version,
    )
    if not context["tab_cached"]:
        groups, general_files = selectors.report_problem_groups(report=report)
        editing = request.GET.get("ubah")
        for group in groups:
            for problem in group.problems:
                if edit_problem is not None and edit_problem[0] == problem.pk:
                    problem.form = edit_problem[1]
                elif editing == str(problem.pk):
                    problem.form = ProblemForm(
                        prefix=f"p{problem.pk}",
                        initial={"category": problem.category, "text": problem.text, "solution": problem.solution},
                    )
        context.update(groups=groups, general_files=general_files)
    context["error_summary"] = form_error_summary(forms.current)
    return render(request, "reporting/report/permasalahan.html", context, status=status)


@dataclass
class _TabCForms:
    """The forms of tab C after a POST: the new-note form, the upload form and the note being changed."""

    problem: ProblemForm = field(default_factory=ProblemForm)
    file: SupportingFileForm = field(default_factory=SupportingFileForm)
    edit: tuple[int, ProblemForm] | None = None  # (problem id, its bound form)
    current: object = None  # the form of the action, which gets the service's field errors


def _add_problem(request, forms: _TabCForms, write: dict, target) -> bool:
    forms.problem = forms.current = ProblemForm(request.POST)
    if not forms.problem.is_valid():
        return False
    services.problem_create(**write, **forms.problem.cleaned_data)
    return True


def _update_problem(request, forms: _TabCForms, write: dict, target: int) -> bool:
    form = forms.current = ProblemForm(request.POST, prefix=f"p{target}")
    forms.edit = (target, form)
    if not form.is_valid():
        return False
    services.problem_update(**write, problem_id=target, **form.cleaned_data)
    return True


def _delete_problem(request, forms: _TabCForms, write: dict, target: int) -> bool:
    services.problem_delete(**write, problem_id=target)
    return True


def _upload(request, forms: _TabCForms, write: dict, target) -> bool:
    forms.file = forms.current = SupportingFileForm(request.POST, request.FILES)
    if not forms.file.is_valid():
        return False
    data = forms.file.cleaned_data
    file_services.supporting_file_add(**write, uploaded=data["file"], category=data["category"])
    return True


def _delete_file(request, forms: _TabCForms, write: dict, target: int) -> bool:
    file_services.supporting_file_delete(**write, file_id=target)
    return True


# action -> (handler, takes a row id in ``target``); a handler answers whether its service ran.
TAB_C_ACTIONS = {
    "add_problem": (_add_problem, False),
    "update_problem": (_update_problem, True),
    "delete_problem": (_delete_problem, True),
    "upload": (_upload, False),
    "delete_file": (_delete_file, True),
}


def _permasalahan_post(request, report, version: int) -> tuple:
    """Dispatch one tab C action to its handler; returns (redirect or None, the forms to show)."""
    action, target = request.POST.get("action", ""), request.POST.get("target", "")
    handler, targeted = TAB_C_ACTIONS.get(action, (None, False))
    if handler is None or (targeted and not target.isdigit()):
        raise Http404
    forms = _TabCForms()
    write = {"report": report, "user": request.user, "expected_version": version}
    try:
        done = handler(request, forms, write, int(target) if targeted else None)
    except services.ReportPermissionError as error:
        raise PermissionDenied from error
    except WRITE_ERRORS as error:
        for name, message in _service_error(request, error).items():
            if forms.current is not None:
                forms.current.add_error(name if name in forms.current.fields else None, message)
        return None, forms
    if not done:
        return None, forms
    messages.success(request, DATA_SAVED)
    return redirect("reporting:report_permasalahan", pk=report.pk), forms
