"""The hashes of an account's replaced passwords (issue 24.10: no going back to the one-time password)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0013_api_token_issued_role"),
    ]

    operations = [
        migrations.CreateModel(
            name="PasswordHistory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("password", models.CharField(max_length=128, verbose_name="hash password")),
                ("replaced_at", models.DateTimeField(auto_now_add=True, verbose_name="diganti pada")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="password_history",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="akun",
                    ),
                ),
            ],
            options={
                "verbose_name": "riwayat password",
                "verbose_name_plural": "riwayat password",
                "ordering": ["-replaced_at", "-id"],
                "indexes": [models.Index(fields=["user", "-replaced_at"], name="reporting_p_user_id_adf9b5_idx")],
            },
        ),
    ]
