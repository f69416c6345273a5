"""Document upload form for the Wagtail admin (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

Every uploaded document is checked by its content, not by the name or the browser's
content type: the first bytes must match the family of the file's extension, and its structure must be sound
(``core.uploads.content_problem``: a PDF parses and runs nothing, an Office file has its parts and no active
content; the reason is said in Indonesian).
"""

from pathlib import Path

import filetype

from django import forms
from django.conf import settings

from wagtail.documents.forms import BaseDocumentForm

from core.uploads import UNSOUND, content_problem
from reporting.calculations import format_number
from reporting.messages import UPLOAD_REFUSED

ERROR_DOCUMENT_TOO_LARGE = "Berkas terlalu besar: paling besar {limit} byte."
ERROR_DOCUMENT_CONTENT = "Isi berkas tidak sesuai dengan ekstensinya (.{extension}). Unggah dokumen yang asli."

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files (doc, xls, ppt)
# The content family each allowed extension must have.
EXTENSION_FAMILY = {
    "pdf": "pdf",
    "doc": "ole2",
    "xls": "ole2",
    "ppt": "ole2",
    "docx": "zip",
    "xlsx": "zip",
    "pptx": "zip",
    "odt": "zip",
    "ods": "zip",
    "zip": "zip",
}
ZIP_BASED = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "epub"}


def content_family(head: bytes) -> str | None:
    """The family of a file from its first bytes: b"%PDF-1.4..." -> "pdf"; unknown -> None."""
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.extension == "pdf":
        return "pdf"
    return "zip" if kind.extension in ZIP_BASED else kind.extension


def document_content_matches(name: str, head: bytes) -> bool:
    """True when the file's first bytes belong to the family of its extension."""
    extension = Path(name).suffix.lstrip(".").lower()
    family = EXTENSION_FAMILY.get(extension)
    return family is not None and content_family(head) == family


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "size") or getattr(uploaded, "_committed", False):
            return uploaded  # unchanged file on edit
        limit = settings.CMS_DOCUMENT_MAX_BYTES
        if uploaded.size > limit:
            raise forms.ValidationError(ERROR_DOCUMENT_TOO_LARGE.format(limit=format_number(limit)))
        uploaded.seek(0)
        head = uploaded.read(8192)
        uploaded.seek(0)
        extension = Path(uploaded.name).suffix.lstrip(".").lower()
        if not document_content_matches(uploaded.name, head):
            raise forms.ValidationError(ERROR_DOCUMENT_CONTENT.format(extension=extension))
        problem = content_problem(uploaded, extension)
        if problem == UNSOUND:
            raise forms.ValidationError(ERROR_DOCUMENT_CONTENT.format(extension=extension))
        if problem is not None:
            raise forms.ValidationError(UPLOAD_REFUSED[problem])
        return uploaded
