"""ApiToken and PasswordHistory, taken over from reporting (its 0019 forgot them): state only, the tables
``reporting_apitoken`` and ``reporting_passwordhistory`` stay with their rows, constraints and indexes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reporting", "0019_api_token_password_history_to_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=120, verbose_name="nama sistem")),
                (
                    "kind",
                    models.CharField(
                        choices=[("pemda", "Sistem pemda"), ("ministry", "Sistem kementerian (hanya baca)")],
                        max_length=10,
                        verbose_name="jenis",
                    ),
                ),
                ("prefix", models.CharField(max_length=16, unique=True, verbose_name="awalan")),
                ("secret_hash", models.CharField(max_length=64)),
                ("issued_role", models.CharField(blank=True, max_length=20, verbose_name="peran pembuat")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                ("expires_at", models.DateTimeField(verbose_name="berlaku sampai")),
                ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="terakhir dipakai")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="dicabut")),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="api_tokens_created",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to="reporting.region",
                        verbose_name="wilayah",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "urusan",
                    models.ForeignKey(
                        blank=True,
                        help_text="Kosongkan untuk semua urusan.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="reporting.urusan",
                        verbose_name="urusan",
                    ),
                ),
            ],
            options={
                "verbose_name": "token API",
                "verbose_name_plural": "token API",
                "db_table": "reporting_apitoken",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "pemda"), ("region__isnull", False)),
                            models.Q(("kind", "ministry"), ("region__isnull", True), ("urusan__isnull", True)),
                            _connector="OR",
                        ),
                        name="api_token_scope_matches_kind",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("expires_at__gt", models.F("created_at"))), name="api_token_expires_later"
                    ),
                ],
            },
        ),
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
                "db_table": "reporting_passwordhistory",
                "ordering": ["-replaced_at", "-id"],
                "indexes": [models.Index(fields=["user", "-replaced_at"], name="reporting_p_user_id_adf9b5_idx")],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
