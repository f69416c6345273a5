"""An active quality rule states its figure: SQL let a NULL factor (outlier) or a NULL largest change
(target_change) through the old checks, and such a rule broke every save of the reports it covered. Rules
saved that way before are switched off here (not given an invented figure): the admin shows them inactive,
and saving one active again asks for the figure."""

from django.db import migrations, models


def rules_without_figure_off(apps, schema_editor):
    ValidationRule = apps.get_model("reporting", "ValidationRule")
    ValidationRule.objects.filter(kind="outlier", factor__isnull=True).update(is_active=False)
    ValidationRule.objects.filter(kind="target_change", max_change_percent__isnull=True).update(is_active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0019_api_token_password_history_to_accounts"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="validationrule",
            name="rule_outlier_factor_above_one",
        ),
        migrations.RemoveConstraint(
            model_name="validationrule",
            name="rule_change_has_limit",
        ),
        migrations.RunPython(rules_without_figure_off, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="validationrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "outlier"), _negated=True),
                    ("is_active", False),
                    models.Q(("factor__gt", 1), ("factor__isnull", False)),
                    _connector="OR",
                ),
                name="rule_outlier_factor_above_one",
                violation_error_message="Nilai jauh: isi faktor lebih dari 1, misalnya 3.",
            ),
        ),
        migrations.AddConstraint(
            model_name="validationrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "target_change"), _negated=True),
                    ("is_active", False),
                    models.Q(("max_change_percent__gte", 0), ("max_change_percent__isnull", False)),
                    _connector="OR",
                ),
                name="rule_change_has_limit",
                violation_error_message="Perubahan jumlah harus dilayani: isi perubahan paling besar, dalam persen.",
            ),
        ),
    ]
