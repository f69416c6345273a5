"""Authentication that honours the login lockout on every login path.

The portal's login form, Wagtail's admin login and its private-page login all call
``django.contrib.auth.authenticate``; putting the lock here closes them all.
"""

from django.contrib.auth.backends import ModelBackend, UserModel
from django.core.exceptions import PermissionDenied

from reporting.selectors.accounts import login_lockout_minutes_left
from reporting.selectors.notifications import with_unread_count


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and login_lockout_minutes_left(username):
            # PermissionDenied stops every backend; Django then sends user_login_failed.
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """The session's user with its region and its unread notifications (the bell) in the same query: every
        portal page needs them."""
        users = with_unread_count(UserModel._default_manager.select_related("region"))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
