from machina.apps.forum_conversation.forum_attachments.apps import ForumAttachmentsAppConfig as MachinaConfig


class ForumAttachmentsAppConfig(MachinaConfig):
    default = True  # apps.py also holds the imported machina config
    name = "forum.forum_conversation.forum_attachments"
