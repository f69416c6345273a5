"""A token keeps the role its owner had when it was issued (issue 24.3); existing tokens take their owner's
role of today."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def issued_role_from_owner(apps, schema_editor):
    ApiToken = apps.get_model("reporting", "ApiToken")
    User = apps.get_model("reporting", "User")
    ApiToken.objects.filter(created_by__isnull=False).update(
        issued_role=Subquery(User.objects.filter(pk=OuterRef("created_by_id")).values("role")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0012_user_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="issued_role",
            field=models.CharField(blank=True, max_length=20, verbose_name="peran pembuat"),
        ),
        migrations.RunPython(issued_role_from_owner, migrations.RunPython.noop),
    ]
