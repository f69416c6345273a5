"""A permasalahan note gets an optional solusi / tindak lanjut (empty for the notes written before)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0010_login_records_to_axes"),
    ]

    operations = [
        migrations.AddField(
            model_name="problem",
            name="solution",
            field=models.TextField(blank=True, default="", verbose_name="solusi / tindak lanjut"),
        ),
    ]
