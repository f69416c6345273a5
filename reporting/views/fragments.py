"""Rendered parts of the report tabs kept in the cache, keyed by what they are drawn from.

A tab's body and the history are drawn only from the report's own rows, which change only through
``reporting.services`` and every change there bumps ``Report.version`` (tested). So a part rendered for
version N stays right for as long as the report is at version N: the key carries the version and
everything else the part depends on (status, whether the viewer may edit, the region's name and, for
tab A, the category thresholds), and a save never has to delete anything: the next page asks for a
key that does not exist yet. Old keys expire after ``TTL``.

Viewers with the same key see the same HTML, so a cached part holds nothing of the viewer but the
CSRF token, which is rendered as ``CSRF_PLACEHOLDER`` and replaced by the viewer's own token on every
page. Lookup (``fragment_lookup``, by the view) and store (``fragment_render``, called by the template's
``{% report_cached %}`` block in ``reporting/templatetags/spm.py``) both live here.

Pages with a bound form (an error to show), ``?ubah=`` (a row opened for editing) or the full history
are always rendered fresh and not stored.

Inside a part, ``blocks_render`` keeps blocks drawn by a component template (a service's table of tab A,
a sub kegiatan form of tab B) under a hash of the template and of everything the block is drawn from, so
a part rendered anew after a save draws again only the blocks whose content changed; a key can never
name another block's HTML.
"""

import hashlib
import html

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

TTL = 15 * 60
CSRF_PLACEHOLDER = "csrf0placeholder0c1f9a7e"
PARTS = ("tab", "history")
MARKUP = 3  # raised when the parts' markup changes, so a deploy never serves parts drawn by the old templates


def fragment_lookup(request, report, *, tab: str, editable: bool, extra=(), fresh: bool = False) -> dict:
    """``{part: (key, html or None)}`` for the template's ``{% report_cached part %}`` blocks (one cache
    round trip); ``{}`` when this page must be rendered without the cache."""
    if fresh or request.method != "GET" or "ubah" in request.GET or "riwayat" in request.GET:
        return {}
    # A reader of the sent version (selectors.sent) sees other rows than the pemda at the same version.
    sent = getattr(report, "sent_view", None)
    shown = f"kirim-{sent.snapshot.pk}" if sent is not None else "live"
    own = f"{MARKUP}:{report.pk}:{report.version}:{report.status}:{report.region.name}:{shown}"
    keys = {
        "tab": _key("tab", own, tab, int(editable), repr(list(extra))),
        "history": _key("history", own),
    }
    found = cache.get_many(list(keys.values()))
    return {part: (key, found.get(key)) for part, key in keys.items()}


def fragment_cached(found: dict, part: str) -> bool:
    """Is ``part`` already rendered in the cache (so its rows need not be read)?"""
    return found.get(part, (None, None))[1] is not None


def fragment_render(found: dict, part: str, render, csrf_token: str) -> SafeString:
    """``part`` of the page: from the cache when ``fragment_lookup`` found it, else ``render(CSRF_PLACEHOLDER)``
    (the block rendered with the placeholder as its token) and stored; then the viewer's token put in.
    Without a lookup (``found`` has no ``part``) it is ``render(None)``: the page's own token, not stored."""
    entry = (found or {}).get(part)
    if entry is None:
        return render(None)
    key, html_text = entry
    if html_text is None:
        html_text = render(CSRF_PLACEHOLDER)
        cache.set(key, html_text, timeout=TTL)
    token = html.escape(str(csrf_token), quote=True)
    # The one mark_safe of the report pages: str.replace returns a plain str, and html_text is a part the
    # template engine rendered (autoescaped), put in the cache as such; the token is escaped above.
    return mark_safe(html_text.replace(CSRF_PLACEHOLDER, token))  # noqa: S308 -- template output, token escaped


def blocks_render(template_name: str, contents: list[dict]) -> list[SafeString]:
    """``template_name`` rendered with each of ``contents`` (plain text, numbers and containers of them: its
    ``repr`` is the block's identity), from the cache where it already holds a block drawn from the same
    content by the same template, else rendered and stored (one cache round trip each way)."""
    template = get_template(template_name)
    source = template.template.source
    keys = [_key("blok", MARKUP, template_name, source, repr(content)) for content in contents]
    found = cache.get_many(keys) if keys else {}
    blocks, drawn = [], {}
    for key, content in zip(keys, contents, strict=True):
        block = found.get(key)
        if not isinstance(block, SafeString):  # missing (or not as the template engine left it)
            block = drawn[key] = template.render(content)
        blocks.append(block)
    if drawn:
        cache.set_many(drawn, timeout=TTL)
    return blocks


def _key(*parts) -> str:
    return "spm:laporan:" + hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()
