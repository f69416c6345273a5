"""The public pages' parts that follow only the CMS and the public figures, kept rendered in the shared cache.

The main column and the sidebar of the home page and of the news list are the same for every visitor, logged in
or not: they follow the published pages, the portal settings and images (the "CMS generation", replaced by
``home.signals`` on every save, publish, unpublish, move or delete of a page and every save of the settings or
of an image) and the public figures (``reporting.selectors.public``'s generation). ``{% cms_cached key %}``
(``home.templatetags.cms``) keeps such a fragment under ``fragment_key(...)``, which names both generations:
a change replaces a generation, so the next view asks for a key that does not exist yet, and nothing old is
ever shown. The header (the visitor's menu) and everything else of the page are drawn for each request.

While the shared cache is down (``core.cache``) every read misses: the fragment is drawn as before.
"""

import functools

from django.utils import timezone

from core.generations import generation_get, generation_replace
from reporting.selectors.public import PUBLIC_GENERATION_KEY

CMS_GENERATION_KEY = "spm:cms-generation"
FRAGMENT_TTL = 10 * 60


def cms_changed() -> None:
    """A page, the settings or an image changed: fragments kept before are not shown again."""
    generation_replace(CMS_GENERATION_KEY)


def fragment_key(request, name: str, *parts) -> str:
    """The cache key of fragment ``name`` of the current CMS and public generations (and of today, for the
    figures of the current year); none (drawn) for an editor's preview, which shows the draft, not the live page."""
    if getattr(request, "is_preview", False):
        return ""
    today = timezone.localdate().isoformat()
    generations = f"{generation_get(CMS_GENERATION_KEY)}:{generation_get(PUBLIC_GENERATION_KEY)}"
    return ":".join(["cms-fragment", name, *map(str, parts), today, generations])


def lazy(compute):
    """``compute`` run once, when the template first asks (a template calls a callable it finds): a fragment
    found in the cache runs none of its queries."""
    return functools.cache(compute)
