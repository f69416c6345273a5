"""ApiToken and PasswordHistory move to the accounts app (reporting.accounts, issue 26): reporting forgets
them here, accounts' 0001 takes them over. The state changes only: the tables, their rows, constraints and
indexes stay as they are (the models keep ``db_table``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0018_job_kinds_report_pdf_and_evaluation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ApiToken"),
                migrations.DeleteModel(name="PasswordHistory"),
            ],
            database_operations=[],
        ),
    ]
