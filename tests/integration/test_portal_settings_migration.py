"""An existing site's editors and approvers get the right to change Pengaturan portal by migration
(home 0005): before it, only a site set up afresh by load_demo_content had it."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("home", "0004_portal_settings_logo")]
AFTER = [("home", "0005_editors_change_portal_settings")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_migration_grants_the_editor_and_approver_groups_the_portal_settings():
    _migrate(BEFORE)
    editors, approvers = Group.objects.create(name="Editor CMS"), Group.objects.create(name="Admin Kementerian")
    others = Group.objects.create(name="Moderator Forum")
    Permission.objects.filter(codename="change_portalsettings").delete()  # a site whose permission is missing too
    _migrate(AFTER)
    for group in (editors, approvers):
        assert group.permissions.filter(content_type__app_label="home", codename="change_portalsettings").exists()
    assert not others.permissions.exists()
