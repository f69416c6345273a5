from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Buat forum diskusi dan izin per forum."

    def handle(self, *args, **options):
        self.stdout.write("Forum: belum dikonfigurasi.")
