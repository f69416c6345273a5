"""Site-wide views: public media from the default storage, the 500 page with its reference code."""

import mimetypes
import posixpath
import sys

from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseServerError
from django.template import loader
from django.views.decorators.http import require_safe

from core.middleware import unavailable_response_for
from core.requestid import current_request_id

# Only Wagtail images are public media. CMS documents sit in the same storage but are served by Wagtail's
# own view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which honours collection privacy.
PUBLIC_MEDIA_PREFIXES = ("original_images/", "images/")


@require_safe
def media_file(request, path: str):
    """A Wagtail image (original or rendition) from storages["default"]: local folder or bucket, any DEBUG."""
    name = posixpath.normpath(path)
    if name != path or not name.startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    try:
        handle = storages["default"].open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def server_error(request, template_name="500.html"):
    """Django's 500 view, with the request id the logs carry so that a report names its log lines.

    Django calls it while handling the exception: an outage of the database or the object storage that
    escaped ``DatabaseUnavailableMiddleware`` (raised in a middleware, outside any view) still gets its 503.
    """
    outage = unavailable_response_for(request, sys.exc_info()[1]) if sys.exc_info()[1] is not None else None
    if outage is not None:
        return outage
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request_id": current_request_id()}))
