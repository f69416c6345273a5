"""PDF printouts (WeasyPrint): a template rendered by Django (every user text escaped), laid out to A4.

WeasyPrint needs pango and harfbuzz from the system (``make install`` and ``.ci/run`` install them from
Debian); it is imported when a PDF is made so the rest of the portal starts without them.
The document may fetch nothing: no URL of a template or of a user's text ever reaches the network or the
disk (a fetcher that allows no protocol); the stylesheet is inline.
"""

from django.template.loader import render_to_string

from reporting.messages import PDF_UNAVAILABLE

PDF_CONTENT_TYPE = "application/pdf"


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or its system libraries are missing on this host."""


def pdf_render(*, template: str, context: dict) -> bytes:
    """The PDF of ``template`` rendered with ``context``."""
    return pdf_render_pages(template=template, context=context)[0]


def pdf_render_pages(*, template: str, context: dict) -> tuple[bytes, int]:
    """The PDF of ``template`` rendered with ``context``, and its number of pages."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as error:  # the Python package is there but pango/harfbuzz are not
        raise PdfUnavailableError(PDF_UNAVAILABLE) from error
    html = render_to_string(template, context)
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()), base_url=None).render()
    return document.write_pdf(), len(document.pages)
