"""Attachment forms: the file is checked by its content (magic bytes, then structure: core.uploads) and size,
never by its name."""

from pathlib import PurePath

import filetype

from django import forms
from django.conf import settings
from django.forms.models import modelformset_factory

from machina.apps.forum_conversation.forum_attachments.forms import AttachmentForm as MachinaAttachmentForm
from machina.apps.forum_conversation.forum_attachments.forms import BaseAttachmentFormset
from machina.conf import settings as machina_settings
from machina.core.db.models import get_model

from core.uploads import UNSOUND, content_problem
from reporting.messages import UPLOAD_REFUSED

Attachment = get_model("forum_attachments", "Attachment")

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}
ERROR_TYPE = "Jenis berkas tidak diizinkan. Lampirkan PDF, gambar (JPG, PNG) atau dokumen Office (docx, xlsx, pptx)."
ERROR_UNSOUND = (
    "Isi berkas rusak atau tidak sesuai jenisnya, atau PDF memuat skrip, tindakan otomatis atau berkas sisipan."
)
ERROR_SIZE = "Berkas terlalu besar: paling besar %(limit)s MB."
ERROR_EMPTY = "Berkas kosong."


def attachment_extension(uploaded) -> str | None:
    """The extension the file's bytes prove, or None when the type is not accepted."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    guessed = filetype.guess(head)
    return ALLOWED_TYPES.get(guessed.mime) if guessed else None


class AttachmentForm(MachinaAttachmentForm):
    class Meta(MachinaAttachmentForm.Meta):
        labels = {"file": "Berkas", "comment": "Keterangan"}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or not hasattr(uploaded, "content_type"):
            return uploaded  # unchanged file of an existing attachment
        limit = settings.FORUM_ATTACHMENT_MAX_BYTES
        if uploaded.size > limit:
            raise forms.ValidationError(ERROR_SIZE % {"limit": f"{limit / 1024 / 1024:g}"})
        if uploaded.size == 0:
            raise forms.ValidationError(ERROR_EMPTY)
        extension = attachment_extension(uploaded)
        if extension is None:
            raise forms.ValidationError(ERROR_TYPE)
        problem = content_problem(uploaded, extension)
        if problem is not None:
            raise forms.ValidationError(ERROR_UNSOUND if problem == UNSOUND else UPLOAD_REFUSED[problem])
        # The stored name ends in what the content proved, whatever the user called it.
        stem = PurePath(uploaded.name or "berkas").stem[:100] or "berkas"
        uploaded.name = f"{stem}.{extension}"
        return uploaded


AttachmentFormset = modelformset_factory(
    Attachment,
    AttachmentForm,
    formset=BaseAttachmentFormset,
    can_delete=True,
    extra=1,
    max_num=machina_settings.ATTACHMENT_MAX_FILES_PER_POST,
    validate_max=True,
)
