"""Role groups: admin permissions follow an account's role."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from reporting.models import Role, User

ROLE_GROUPS = {
    Role.REVIEWER: "Reviewer Kementerian",
    Role.MINISTRY_ADMIN: "Admin Kementerian",
    Role.EDITOR: "Editor CMS",
    Role.MODERATOR: "Moderator Forum",
}

_ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
_REPORTING_MODELS = [
    "region",
    "regioncodechange",
    "urusan",
    "servicetype",
    "mutuitem",
    "categorythreshold",
    "period",
    "periodextension",
    "report",
    "user",
    "reportingsettings",
]
# The reports' history and the reminder records are written only by the portal; the ministry reads them in
# the admin (Riwayat laporan, Catatan pengingat).
_RECORD_VIEWS = [("reporting", "view_reportevent"), ("reporting", "view_reminderrecord")]
ROLE_PERMISSIONS = {
    Role.REVIEWER: _ADMIN_ACCESS
    + [("reporting", f"view_{m}") for m in _REPORTING_MODELS if m != "user"]
    + _RECORD_VIEWS,
    Role.MINISTRY_ADMIN: _ADMIN_ACCESS
    + [("reporting", f"{action}_{m}") for m in _REPORTING_MODELS for action in ("add", "change", "view", "delete")]
    + _RECORD_VIEWS
    # The login records (django-axes): browse them; deleting a counter is lifting a lock.
    + [("axes", f"view_{m}") for m in ("accessattempt", "accessfailurelog", "accesslog")]
    + [("axes", "delete_accessattempt")],
    Role.EDITOR: _ADMIN_ACCESS
    + [("wagtaildocs", f"{a}_document") for a in ("add", "change", "choose", "delete")]
    + [("wagtailimages", f"{a}_image") for a in ("add", "change", "choose", "delete")],
    Role.MODERATOR: _ADMIN_ACCESS,
}


@transaction.atomic
def roles_setup() -> None:
    """Create the role groups with their model permissions (idempotent)."""
    for role, name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in ROLE_PERMISSIONS[role]:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)


def user_groups_sync(user: User) -> None:
    """Put the user in its role's group and out of the other role groups."""
    wanted = ROLE_GROUPS.get(user.role)
    others = [name for name in ROLE_GROUPS.values() if name != wanted]
    user.groups.remove(*Group.objects.filter(name__in=others))
    if wanted:
        group, _ = Group.objects.get_or_create(name=wanted)
        user.groups.add(group)
