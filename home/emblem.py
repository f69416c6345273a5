"""The portal's emblem: the logo an editor uploads in Pengaturan portal, or the portal's neutral default.

Every page's header (public site and pemda app) and the top of every printout show it.

- The header costs no query on a warm cache: what it needs (the rendition's address, its size and the
  alternative text) is cached under a generation that every save of the settings and every change of an image
  or a rendition replaces (``home.signals``), so no writer has a step to remember.
- A printout embeds the image's bytes as a data URI, read through Django's storage (the bucket in production,
  from whichever worker lays the PDF out): WeasyPrint fetches nothing, neither a URL nor a local path
  (``reporting.services.pdf``). The default is read from the project's own ``static/`` folder.
- A logo that cannot be read (its file gone from the bucket, the bucket unreachable) gives the default emblem,
  never an error page or a failed printout; that answer is not cached, so the logo is back once readable.
"""

import base64
import functools
import hashlib
import logging
import mimetypes
from dataclasses import dataclass

from django.apps import apps
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from core.generations import generation_cached, generation_replace

logger = logging.getLogger(__name__)

EMBLEM_KEY = "spm:emblem"
DEFAULT_PATH = "img/lambang-spm.svg"
DEFAULT_ALT = "Lambang Pelaporan SPM"
DEFAULT_SIZE = (64, 72)
# The header shows the logo 48 px high (40 px on a phone): twice that for sharp screens.
HEADER_FILTER = "height-96"
# The printout shows it 20 mm high: 240 px is about 300 dpi. PNG, which WeasyPrint reads whatever the upload was.
PRINT_FILTER = "max-720x240|format-png"
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class Emblem:
    """What an ``<img>`` of the emblem needs; ``src`` is an address (header) or a data URI (printout)."""

    src: str
    alt: str
    width: int
    height: int
    uploaded: bool

    @property
    def version(self) -> str:
        """Short digest of what is shown: a stored printout's name carries it, so a new logo prints anew."""
        return hashlib.sha256(f"{self.src}\x1f{self.alt}".encode()).hexdigest()[:16]


def emblem_changed() -> None:
    """Forget the cached emblem (the settings or an image changed)."""
    generation_replace(EMBLEM_KEY)


def emblem_get() -> Emblem:
    """The emblem for a page's header: the uploaded logo's rendition (``/media/images/...``) or the default."""
    found = generation_cached(EMBLEM_KEY, "header", _header_compute, TIMEOUT)
    if not found:  # no logo ({}), or unreadable now (None)
        return Emblem(static(DEFAULT_PATH), DEFAULT_ALT, *DEFAULT_SIZE, uploaded=False)
    return Emblem(**found, uploaded=True)


def emblem_embedded_get() -> Emblem:
    """The emblem for a printout, its image inline as a data URI (``data:image/png;base64,...``)."""
    found = generation_cached(EMBLEM_KEY, "print", _print_compute, TIMEOUT)
    if not found:
        return Emblem(_default_data_uri(), DEFAULT_ALT, *DEFAULT_SIZE, uploaded=False)
    return Emblem(**found, uploaded=True)


def _logo_settings():
    """The default site's portal settings with their logo, or ``None`` (one query)."""
    PortalSettings = apps.get_model("home", "PortalSettings")
    return PortalSettings.objects.filter(site__is_default_site=True, logo__isnull=False).select_related("logo").first()


def _header_compute() -> dict | None:
    portal = _logo_settings()
    if portal is None:
        return {}
    try:
        rendition = portal.logo.get_rendition(HEADER_FILTER)
    except Exception:  # noqa: BLE001 -- a missing or unreadable original: show the default, log why
        logger.warning("the portal logo (image %s) could not be rendered", portal.logo_id, exc_info=True)
        return None
    # The rendition's id in the address: a replaced file gets new renditions, so browsers never keep the old one.
    url = f"{rendition.url}?v={rendition.pk}"
    return {"src": url, "alt": portal.logo_alt_text, "width": rendition.width, "height": rendition.height}


def _print_compute() -> dict | None:
    portal = _logo_settings()
    if portal is None:
        return {}
    try:
        rendition = portal.logo.get_rendition(PRINT_FILTER)
        with rendition.file.storage.open(rendition.file.name, "rb") as handle:
            data = handle.read()
    except Exception:  # noqa: BLE001 -- the bucket or the file unreadable: print with the default, log why
        logger.warning("the portal logo (image %s) could not be read for a printout", portal.logo_id, exc_info=True)
        return None
    src = _data_uri(data, mimetypes.guess_type(rendition.file.name)[0] or "image/png")
    return {"src": src, "alt": portal.logo_alt_text, "width": rendition.width, "height": rendition.height}


@functools.cache
def _default_data_uri() -> str:
    path = finders.find(DEFAULT_PATH)
    with open(path, "rb") as handle:
        return _data_uri(handle.read(), "image/svg+xml")


def _data_uri(data: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
