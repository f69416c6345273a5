"""PDF printouts (WeasyPrint): a template rendered by Django (every user text escaped), laid out to A4.

WeasyPrint needs pango and harfbuzz from the system (``make install`` and ``.ci/run`` install them from
Debian); it is imported when a PDF is made so the rest of the portal starts without them.
The document may fetch nothing: no URL of a template or of a user's text ever reaches the network or the
disk (a fetcher that allows only ``data:``, which reads nothing); the stylesheet is inline, and so is the
portal's emblem (``home.emblem``: its bytes read through Django's storage, embedded as a data URI). User text
is escaped by the template, so it can never name even a ``data:`` image.

Layout is the expensive part (a 500-kegiatan report took 35 s for 502 pages), so it only ever runs in a
background job (``services.printouts``, ``reporting.jobs``), and it is bounded: an HTML document larger than
``PDF_MAX_HTML_BYTES`` is refused before layout, a layout longer than ``PDF_MAX_PAGES`` pages is refused
before the PDF is written, each with the reason in Indonesian (``PdfTooLargeError``).
"""

from django.conf import settings
from django.template.loader import render_to_string

from reporting.messages import PDF_TOO_LARGE, PDF_TOO_MANY_PAGES, PDF_UNAVAILABLE

PDF_CONTENT_TYPE = "application/pdf"


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or its system libraries are missing on this host."""


class PdfTooLargeError(RuntimeError):
    """The printout would pass the page bound; the message says so in Indonesian."""


def pdf_render(*, template: str, context: dict) -> bytes:
    """The PDF of ``template`` rendered with ``context``."""
    return pdf_render_pages(template=template, context=context)[0]


def pdf_render_pages(
    *, template: str, context: dict, max_pages: int | None = None, max_html_bytes: int | None = None
) -> tuple[bytes, int]:
    """The PDF of ``template`` rendered with ``context``, and its number of pages.

    Raises ``PdfTooLargeError`` past ``max_pages`` pages or ``max_html_bytes`` of HTML (the settings
    ``PDF_MAX_PAGES`` and ``PDF_MAX_HTML_BYTES`` by default) and ``PdfUnavailableError`` without WeasyPrint.
    """
    max_pages = settings.PDF_MAX_PAGES if max_pages is None else max_pages
    max_html_bytes = settings.PDF_MAX_HTML_BYTES if max_html_bytes is None else max_html_bytes
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as error:  # the Python package is there but pango/harfbuzz are not
        raise PdfUnavailableError(PDF_UNAVAILABLE) from error
    html = render_to_string(template, context)
    if len(html.encode()) > max_html_bytes:
        raise PdfTooLargeError(PDF_TOO_LARGE.format(limit=max_pages))
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)), base_url=None).render()
    if len(document.pages) > max_pages:
        raise PdfTooLargeError(PDF_TOO_MANY_PAGES.format(limit=max_pages))
    return document.write_pdf(), len(document.pages)
