"""Per pemda and year: SK Tim penerapan SPM, 4 tahapan penerapan, rencana aksi."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from reporting.forms.reports import RencanaAksiForm, SkTimForm, StageForm
from reporting.messages import DATA_SAVED
from reporting.models import Region
from reporting.selectors import access
from reporting.selectors import documents as selectors
from reporting.services import documents as services
from reporting.services.idempotency import submission_once
from reporting.services.reports import ReportPermissionError, ReportValidationError
from reporting.views.report_files import attachment_response
from reporting.views.report_lists import requested_year


@login_required
def documents_own(request):
    """The logged-in pemda's SK Tim, tahapan and rencana aksi for a year."""
    region = access.own_region(request.user)
    if region is None:
        raise PermissionDenied
    return redirect(f"{reverse('reporting:documents', args=[region.login_code])}?tahun={requested_year(request)}")


@login_required
@submission_once
def documents(request, login_code):
    """Read (anyone who may read the region) and, for the pemda account itself, edit the documents; a form
    sent again after its save (the answer lost) is answered "already saved" (``submission_once``)."""
    region = get_object_or_404(Region, login_code=login_code)
    if not access.can_read_region_documents(request.user, region):
        raise Http404
    year = requested_year(request)
    data = selectors.region_documents_get(region=region, year=year)
    can_manage = access.can_manage_region_documents(request.user, region)
    sk_form = SkTimForm(initial={"nomor": data.sk_tim.nomor, "judul": data.sk_tim.judul} if data.sk_tim else None)
    stage_form = StageForm(initial_rows=data.stages)
    plan_form = RencanaAksiForm()
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        form = {"sk_tim": SkTimForm, "rencana_aksi": RencanaAksiForm}.get(action)
        if action == "stages":
            form = StageForm(request.POST, initial_rows=data.stages)
        elif form is not None:
            form = form(request.POST, request.FILES)
        else:
            raise Http404
        if form.is_valid() and _save(request, action, form, region, year):
            messages.success(request, DATA_SAVED)
            return redirect(f"{reverse('reporting:documents', args=[region.login_code])}?tahun={year}")
        sk_form, stage_form, plan_form = (
            form if action == "sk_tim" else sk_form,
            form if action == "stages" else stage_form,
            form if action == "rencana_aksi" else plan_form,
        )
        status = 400
    return render(
        request,
        "reporting/documents/documents.html",
        {
            "region": region,
            "year": year,
            "data": data,
            "can_manage": can_manage,
            "sk_form": sk_form,
            "stage_form": stage_form,
            "plan_form": plan_form,
            "years": selectors.document_year_choices(year),
        },
        status=status,
    )


def _save(request, action, form, region, year) -> bool:
    common = {"region": region, "year": year, "user": request.user}
    try:
        if action == "sk_tim":
            services.sk_tim_save(
                **common,
                nomor=form.cleaned_data["nomor"],
                judul=form.cleaned_data["judul"],
                uploaded=form.cleaned_data["file"],
            )
        elif action == "stages":
            services.stage_status_save(**common, statuses=form.statuses())
        else:
            services.rencana_aksi_save(**common, uploaded=form.cleaned_data["file"])
    except ReportPermissionError as error:
        raise PermissionDenied from error
    except ReportValidationError as error:
        for field, message in error.field_errors.items():
            form.add_error(field if field in form.fields else None, message)
        return False
    return True


@login_required
def document_download(request, login_code, year, kind):
    """SK Tim or rencana aksi file, only to who may read the region's documents."""
    region = get_object_or_404(Region, login_code=login_code)
    if not access.can_read_region_documents(request.user, region):
        raise Http404
    record = selectors.region_document_file(region=region, year=year, kind=kind)
    if record is None or not record.file:
        raise Http404
    content_type = "application/pdf" if record.original_name.lower().endswith(".pdf") else "application/octet-stream"
    return attachment_response(record.file, record.original_name, content_type)
