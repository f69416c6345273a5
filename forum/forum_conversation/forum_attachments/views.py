"""Attachment download: machina's permission-checked view, for signed-in readers of the forum only (a file a
pemda attached is not for the whole internet, even in a forum anonymous visitors may read), plus hidden
posts' files for moderators only."""

import mimetypes

from django.http import FileResponse, Http404

from machina.apps.forum_conversation.forum_attachments.views import AttachmentView as MachinaAttachmentView

from forum.forum_abuse.selectors import can_moderate


class AttachmentView(MachinaAttachmentView):
    def perform_permissions_check(self, user, obj, perms):
        if not user.is_authenticated:
            return False  # machina then sends the visitor to the login page
        # obj is the attachment's forum (machina's controlled object); the post is on the attachment.
        if not self.get_object().post.approved and not can_moderate(user):
            return False
        return super().perform_permissions_check(user, obj, perms)

    def render_to_response(self, context, **response_kwargs):
        # Streamed from the private storage (folder or bucket) instead of machina's whole-file HttpResponse.
        try:
            handle = self.object.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        content_type = mimetypes.guess_type(self.object.file.name)[0] or "application/octet-stream"
        response = FileResponse(handle, as_attachment=True, filename=self.object.filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response
