# machina resolves "forum_attachments.cache" inside this override app only (its fallback path for
# nested apps does not exist), so the module re-exports machina's.
from machina.apps.forum_conversation.forum_attachments.cache import *  # noqa: F403 -- re-export
from machina.apps.forum_conversation.forum_attachments.cache import cache  # noqa: F401 -- used by get_class
