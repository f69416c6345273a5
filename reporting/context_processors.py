import functools

from django.conf import settings

from reporting.accounts.services.roles import ROLE_GROUPS
from reporting.models import Role
from reporting.selectors import access
from reporting.selectors.notifications import unread_count


def navigation(request):
    """What the top menu needs to know about the user; no query for pemda users (region comes with the user)."""
    user = getattr(request, "user", None)
    context = {"SIPD_PROFILE_URL": settings.SIPD_PROFILE_URL, "nav_is_pemda": False, "nav_is_province": False}
    if user is not None and user.is_authenticated and user.role in (Role.PEMDA, Role.OPERATOR) and user.region_id:
        context["nav_is_pemda"] = True
        context["nav_is_province"] = access.is_province_pemda(user)
    if user is not None and user.is_authenticated:
        context["nav_is_ministry"] = access.can_read_national_monitoring(user)
        # The "Admin" link follows the role: the ministry, editor and moderator role groups carry the admin
        # access (services/roles.py), pemda and operator ones never do. No permission query on any page;
        # the admin itself still checks the permission.
        context["nav_can_admin"] = user.is_superuser or user.role in ROLE_GROUPS
        # The bell: the count came with the user (auth backend); a callable, so only a rendered header asks.
        context["nav_unread"] = functools.cache(lambda: unread_count(user))
    return context
