# Forum attachments move from the public media storage to the private one (served only by the
# permission-checked AttachmentView); files already uploaded are copied over, then removed from media.

import core.storage
import machina.apps.forum_conversation.forum_attachments.abstract_models
from django.core.files.storage import storages
from django.db import migrations, models


def move_files_to_private(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    Attachment = apps.get_model("forum_attachments", "Attachment")
    for name in Attachment.objects.exclude(file="").values_list("file", flat=True).iterator():
        if not public.exists(name) or private.exists(name):
            continue
        with public.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved != name:  # the private storage picked another name: the record follows it
            Attachment.objects.filter(file=name).update(file=saved)
        public.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('forum_attachments', '0002_auto_20181103_1404'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='file',
            field=models.FileField(storage=core.storage.private_storage, upload_to=machina.apps.forum_conversation.forum_attachments.abstract_models.get_attachment_file_upload_to, verbose_name='File'),
        ),
        migrations.RunPython(move_files_to_private, migrations.RunPython.noop),
    ]
