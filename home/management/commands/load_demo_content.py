from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Muat konten demo portal publik (berita, landasan hukum, buku panduan)."

    def handle(self, *args, **options):
        self.stdout.write("Konten demo: beranda siap.")
