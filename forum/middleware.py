"""machina's permission middleware without a session for every anonymous visitor.

machina stores a random key in the session of each anonymous request (for anonymous posts and poll votes),
so every public page would set a session cookie. Here the key is kept in the session only when an anonymous
visitor sends something (POST); a reading visitor gets a key for the request alone and no cookie.
"""

from machina.apps.forum_permission.middleware import ForumPermissionMiddleware as MachinaForumPermissionMiddleware
from machina.core.loading import get_class

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


class ForumPermissionMiddleware(MachinaForumPermissionMiddleware):
    def process_request(self, request):
        if request.user.is_authenticated or request.method == "POST":
            return super().process_request(request)
        key = request.session.get(self.anonymous_forum_key_session_id) or self.get_anonymous_forum_key()
        request.user.forum_key = key
        request.forum_permission_handler = PermissionHandler()
        return None
