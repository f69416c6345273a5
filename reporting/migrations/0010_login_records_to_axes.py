"""The lockout moves to django-axes; the old login records move into axes' logs so the audit trail stays."""

from django.db import migrations


def copy_records(apps, schema_editor):
    old = apps.get_model("reporting", "LoginAttempt")
    failures = apps.get_model("axes", "AccessFailureLog")
    logins = apps.get_model("axes", "AccessLog")
    for attempt in old.objects.iterator():
        fields = {"username": attempt.username, "ip_address": attempt.ip_address, "user_agent": "", "path_info": ""}
        if attempt.succeeded:
            record = logins.objects.create(http_accept="", **fields)
        else:
            record = failures.objects.create(http_accept="", locked_out=False, **fields)
        # attempt_time is auto_now_add: set it afterwards to keep the original time.
        type(record).objects.filter(pk=record.pk).update(attempt_time=attempt.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("reporting", "0009_reminder_claim"),
    ]

    operations = [
        migrations.RunPython(copy_records, migrations.RunPython.noop),
        migrations.DeleteModel(name="LoginAttempt"),
    ]
