"""Data dukung files served as downloads (the documents page uses the same attachment response)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from reporting.selectors import reports as selectors


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
