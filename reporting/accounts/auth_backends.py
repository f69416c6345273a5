"""The model backend, after axes' lockout backend (reporting/accounts/lockout.py) in ``AUTHENTICATION_BACKENDS``."""

from django.contrib.auth.backends import ModelBackend, UserModel

from reporting.selectors.notifications import with_unread_count


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's user with its region and its unread notifications (the bell) in the same query: every
        portal page needs them."""
        users = with_unread_count(UserModel._default_manager.select_related("region"))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
