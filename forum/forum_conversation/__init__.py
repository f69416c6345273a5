"""Override of machina's forum_conversation app (machina's app-override mechanism).

Only ``forms`` is replaced; every other module falls back to machina's through ``get_class``.
"""
