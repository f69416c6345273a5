# machina's model, unchanged (see MIGRATION_MODULES).
from machina.apps.forum_conversation.forum_attachments.models import *  # noqa: F403 -- machina's override pattern
