"""Image upload form for the Wagtail admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the image library, the
image chooser's upload (the portal logo in Pengaturan portal, a news item's picture) and the multiple upload.

Wagtail's own field already refuses an extension outside ``WAGTAILIMAGES_EXTENSIONS``, a file larger than
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, too many pixels, and first bytes of another format than the extension.
This adds the check every other upload point of the portal makes (``core.uploads.content_problem``): the
whole image must decode, so a GIF header in front of a script or a truncated file is refused too, with the
reason in Indonesian (a truncated PNG made Wagtail's pixel count fail with a server error).
"""

from pathlib import Path

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from core.uploads import content_problem

ERROR_IMAGE_CONTENT = (
    "Isi gambar rusak atau tidak sesuai dengan ekstensinya (.{extension}). Unggah gambar asli berformat PNG, JPG, "
    "GIF atau WEBP."
)


class PortalImageField(WagtailImageField):
    def to_python(self, data):
        extension = Path(getattr(data, "name", "") or "").suffix.lstrip(".").lower()
        refused = ValidationError(ERROR_IMAGE_CONTENT.format(extension=extension), code="invalid_image")
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 -- Pillow raises many types for a damaged or hostile image
            raise refused from error
        if uploaded is None or getattr(uploaded, "_committed", False):
            return uploaded  # nothing uploaded, or the stored file unchanged on edit
        uploaded.seek(0)
        problem = content_problem(uploaded, extension)  # an image is sound or not: no finer reason
        uploaded.seek(0)
        if problem is not None:
            raise refused
        return uploaded


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (get_image_form's formfield callback), and the multiple
        # upload's edit form has none: replace it where there is one, keeping what Wagtail gave it.
        current = self.fields.get("file")
        if isinstance(current, WagtailImageField) and not isinstance(current, PortalImageField):
            self.fields["file"] = PortalImageField(
                label=current.label, required=current.required, max_length=current.max_length, widget=current.widget
            )
