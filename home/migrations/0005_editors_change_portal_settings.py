"""Editors and approvers of an existing site may change Pengaturan portal (its logo): load_demo_content grants
that to new sites (home.services.SETTINGS_PERMISSIONS); this migration to sites set up before it. A database
without those groups yet (a fresh one) gets nothing here: the setup grants it."""

from django.db import migrations

GROUPS = ("Editor CMS", "Admin Kementerian")  # reporting.accounts.services.roles.ROLE_GROUPS, as of this migration


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    # Django creates permissions after migrate; an existing site has this one, made here if not (same name).
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="portalsettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_portalsettings", defaults={"name": "Can change pengaturan portal"}
    )
    for group in groups:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_portal_settings_logo"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
