# machina's models, unchanged: the override only replaces forms (see MIGRATION_MODULES).
from machina.apps.forum_conversation.models import *  # noqa: F403 -- machina's documented override pattern
