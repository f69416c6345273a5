"""The forum: django-machina extended by its own means (settings, shadowed templates, app overrides).

``forum_conversation`` and ``forum_search`` override machina's apps of the same label; ``forum_abuse`` adds
the abuse reports machina lacks.
"""
