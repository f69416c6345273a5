from machina.apps.forum_conversation.apps import ForumConversationAppConfig as MachinaConfig


class ForumConversationAppConfig(MachinaConfig):
    default = True  # apps.py also holds the imported machina config
    name = "forum.forum_conversation"

    def ready(self):
        # machina's receivers keep topic/forum counters and subscriptions up to date.
        from machina.apps.forum_conversation import receivers  # noqa: F401 -- connects signals
