"""The quarterly report pages: Daftar bidang SPM, the three tabs, the workflow and data dukung files.

Thin views: parse, call one service or selector, render. Scoping only through
``reporting.selectors.access`` (via the selectors).
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reporting.forms.reports import (
    ActivityForm,
    ProblemForm,
    ReturnForm,
    SupportingFileForm,
    capaian_inputs,
    capaian_parse,
)
from reporting.messages import DATA_SAVED, FORM_NOT_SAVED
from reporting.models import Region, WarningStatus
from reporting.selectors import access
from reporting.selectors import quality as quality_selectors
from reporting.selectors import reports as selectors
from reporting.selectors.sent import sent_version_notice, sent_view_of
from reporting.services import files as file_services
from reporting.services import notifications as notification_services
from reporting.services import reports as services
from reporting.services import values
from reporting.services.idempotency import submission_once
from reporting.services.kegiatan_caps import kegiatan_caps
from reporting.services.values import KegiatanLine
from reporting.views.error_summary import figure_error_summary, form_error_summary
from reporting.views.fragments import fragment_cached, fragment_lookup
from reporting.views.quality import warn_after_save

TABS = (("capaian", "A. Capaian SPM"), ("kegiatan", "B. Kegiatan dan Anggaran"), ("permasalahan", "C. Permasalahan"))
HISTORY_ALL = "semua"  # ?riwayat=semua: the whole history instead of the latest HISTORY_LIMIT changes


def _year(request) -> int:
    """?tahun=YYYY within a sane range, else the current year."""
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


# --- Lists ------------------------------------------------------------------------------------


@login_required
def bidang_list(request):
    """DAFTAR BIDANG SPM: the pemda's urusan against the year's quarters, with status and links."""
    region = access.own_region(request.user)
    if region is None:
        raise PermissionDenied
    return _status_page(request, region, "reporting/report/bidang_list.html", {})


@login_required
def kabkota_list(request):
    """LIHAT CAPAIAN KABUPATEN/KOTA: a province picks one of its kab/kota and reads its status table."""
    if not access.is_province_pemda(request.user):
        raise PermissionDenied
    province = access.own_region(request.user)
    choices = list(selectors.province_kabkota_list(user=request.user, province=province))
    chosen = next((r for r in choices if r.login_code == request.GET.get("wilayah")), None)
    context = {"province": province, "choices": choices, "chosen": chosen}
    if chosen is None:
        context.update(year=_year(request), years=selectors.report_year_list())
        return render(request, "reporting/report/kabkota_list.html", context)
    return _status_page(request, chosen, "reporting/report/kabkota_list.html", context)


def _status_page(request, region: Region, template: str, context: dict):
    year = _year(request)
    periods, rows = selectors.report_status_table(user=request.user, region=region, year=year)
    context.update(
        region=region,
        year=year,
        years=selectors.report_year_list() or [year],
        periods=periods,
        rows=rows,
        can_edit=access.can_fill_region(request.user, region),
    )
    return render(request, template, context)


# --- Shared report context ------------------------------------------------------------------


def _report_or_404(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


def _report_context(request, report, tab: str, *, fresh: bool = False, cache_extra=(), **extra) -> dict:
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


def _service_error(request, error) -> dict[str, str]:
    """Turn a service exception into field errors (validation) or a page message (lock, conflict)."""
    if isinstance(error, services.ReportValidationError):
        return error.field_errors
    messages.error(request, error.messages[0])
    return {}


WRITE_ERRORS = (services.ReportValidationError, services.ReportConflictError, services.ReportLockedError)


# --- Tab A ----------------------------------------------------------------------------------


@login_required
@submission_once
def report_capaian(request, pk):
    """Tab A: figures per service and mutu; works without JS, report.js recomputes live."""
    report = _report_or_404(request, pk)
    thresholds = selectors.category_thresholds()
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
    context = _report_context(
        request, report, "capaian", fresh=bool(errors), cache_extra=thresholds, form_version=version
    )
    if not context["tab_cached"]:
        rows = selectors.report_capaian_rows(report=report, thresholds=thresholds)
        capaian_inputs(rows, typed=typed, errors=errors)
        context.update(rows=rows, thresholds_json=[[name, str(lower)] for name, lower in thresholds])
        context["error_summary"] = figure_error_summary(rows)
    return render(request, "reporting/report/capaian.html", context, status=400 if errors else 200)


def _posted_version(request, report) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # a form without a version can only conflict


# --- Tab B ----------------------------------------------------------------------------------


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


# --- Tab C ----------------------------------------------------------------------------------


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


@login_required
def supporting_file_download(request, pk, file_pk):
    """Serve a data dukung file to whoever may read its report, always as an attachment."""
    record = selectors.supporting_file_get(user=request.user, report_pk=pk, pk=file_pk)
    if record is None:
        raise Http404
    return attachment_response(record.file, record.original_name, record.content_type)


def attachment_response(field_file, filename: str, content_type: str) -> FileResponse:
    """A private file as a download the browser never renders or sniffs."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Workflow -------------------------------------------------------------------------------


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
