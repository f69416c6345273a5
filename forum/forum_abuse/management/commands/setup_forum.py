from django.core.management.base import BaseCommand

from forum.forum_abuse.forums import forums_setup


class Command(BaseCommand):
    help = "Buat forum diskusi dan izin per forum (aman dijalankan berulang)."

    def handle(self, *args, **options):
        forums = forums_setup()
        self.stdout.write(f"Forum siap: {len(forums)} forum ({', '.join(f.name for f in forums)}).")
