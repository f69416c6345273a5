"""The accounts app (``reporting.accounts``, issue 26) took ApiToken and PasswordHistory over from reporting:
same tables, and its migration 0002 carries their content types over, so the permissions granted on them
survive on a database made before the move."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from reporting.accounts.models import ApiToken, PasswordHistory
from tests import factories

content_types_migration = importlib.import_module("reporting.accounts.migrations.0002_content_types_from_reporting")


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_the_moved_models_keep_reportings_tables_under_the_accounts_label():
    assert (ApiToken._meta.app_label, ApiToken._meta.db_table) == ("accounts", "reporting_apitoken")
    assert (PasswordHistory._meta.app_label, PasswordHistory._meta.db_table) == (
        "accounts",
        "reporting_passwordhistory",
    )


@pytest.mark.django_db
def test_the_moved_models_permissions_are_the_accounts_apps():
    for model in (ApiToken, PasswordHistory):
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == "accounts"
        codenames = set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True))
        name = model._meta.model_name
        assert codenames == {f"{action}_{name}" for action in ("add", "change", "delete", "view")}
    assert not ContentType.objects.filter(app_label="reporting", model__in=["apitoken", "passwordhistory"]).exists()


def _as_before_the_move():
    """The content types as a database migrated before the move holds them: under ``reporting``."""
    ContentType.objects.filter(app_label="accounts", model__in=["apitoken", "passwordhistory"]).update(
        app_label="reporting"
    )
    ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_a_permission_granted_before_the_move_is_still_held_after_it():
    _as_before_the_move()
    token_type = ContentType.objects.get(app_label="reporting", model="apitoken")
    granted = Permission.objects.get(content_type=token_type, codename="view_apitoken")
    group = Group.objects.create(name="Pembaca token")
    group.permissions.add(granted)
    reviewer = factories.UserFactory(role="reviewer")
    reviewer.groups.add(group)

    content_types_migration.forwards(apps, None)
    ContentType.objects.clear_cache()

    token_type.refresh_from_db()
    assert (token_type.app_label, token_type.model) == ("accounts", "apitoken")  # the same row, relabelled
    assert list(group.permissions.all()) == [granted]
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # a fresh object: no permission cache
    assert reviewer.has_perm("accounts.view_apitoken")


@pytest.mark.django_db
def test_a_type_made_early_for_the_new_label_gives_way_to_the_old_one_and_what_it_granted():
    _as_before_the_move()
    old = ContentType.objects.get(app_label="reporting", model="passwordhistory")
    granted = Permission.objects.get(content_type=old, codename="delete_passwordhistory")
    group = Group.objects.create(name="Pembersih riwayat")
    group.permissions.add(granted)
    early = ContentType.objects.create(app_label="accounts", model="passwordhistory")

    content_types_migration.forwards(apps, None)

    assert not ContentType.objects.filter(pk=early.pk).exists()
    assert ContentType.objects.get(app_label="accounts", model="passwordhistory").pk == old.pk
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("accounts", "delete_passwordhistory")
    ]


@pytest.mark.django_db
def test_going_back_returns_the_types_to_reporting():
    content_types_migration.backwards(apps, None)

    labels = set(
        ContentType.objects.filter(model__in=["apitoken", "passwordhistory"])
        .exclude(app_label="wagtailcore")  # Wagtail has an ApiToken of its own
        .values_list("app_label", "model")
    )
    assert labels == {("reporting", "apitoken"), ("reporting", "passwordhistory")}
