"""machina's Attachment, its file in the private storage (machina's model override pattern).

Forum attachments are served only by the permission-checked AttachmentView (views.py), never under
MEDIA_URL, so they live with the report files: a local folder or the bucket's ``private/`` prefix.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from machina.apps.forum_conversation.forum_attachments.abstract_models import (
    AbstractAttachment,
    get_attachment_file_upload_to,
)

from core.storage import private_storage


class Attachment(AbstractAttachment):
    file = models.FileField(upload_to=get_attachment_file_upload_to, storage=private_storage, verbose_name=_("File"))

    class Meta(AbstractAttachment.Meta):
        pass


from machina.apps.forum_conversation.forum_attachments.models import *  # noqa: E402, F403 -- machina's override pattern
