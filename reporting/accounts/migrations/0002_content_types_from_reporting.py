"""The content types of the moved models follow them (``reporting.apitoken`` becomes ``accounts.apitoken``), so
their permissions, the groups and accounts holding them, and Wagtail's log entries keep pointing at them.
Without this, Django would create new ``accounts`` types with new permissions and leave the old ones stale.

On a new database there is nothing to move yet: the types are created after ``migrate`` (post_migrate)."""

from django.db import migrations

MOVED_MODELS = ("apitoken", "passwordhistory")


def content_types_move(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        # A type already made for the new label (``migrate`` stopped between 0001 and this one) holds only the
        # permissions Django created with it: the old type, with whatever was granted, wins.
        ContentType.objects.filter(app_label=to_label, model=model).delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    content_types_move(apps, "reporting", "accounts")


def backwards(apps, schema_editor):
    content_types_move(apps, "accounts", "reporting")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_api_token_password_history_from_reporting"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
