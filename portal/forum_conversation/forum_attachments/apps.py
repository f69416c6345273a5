from machina.apps.forum_conversation.forum_attachments.apps import ForumAttachmentsAppConfig as MachinaConfig


class ForumAttachmentsAppConfig(MachinaConfig):
    name = "portal.forum_conversation.forum_attachments"
