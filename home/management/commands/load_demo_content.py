from django.core.management.base import BaseCommand

from home import demo, services


class Command(BaseCommand):
    help = (
        "Siapkan halaman portal publik (berita, landasan hukum, buku panduan), hak akses editor dan alur "
        "persetujuan, lalu muat konten demo. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--structure-only",
            action="store_true",
            help="Hanya halaman bagian, hak akses dan alur persetujuan (untuk produksi), tanpa konten demo.",
        )

    def handle(self, *args, **options):
        pages = services.site_structure_ensure()
        services.editorial_setup(pages)
        if options["structure_only"]:
            self.stdout.write("Portal publik: halaman bagian, hak akses editor dan alur persetujuan siap.")
            return
        created = demo.demo_content_load(pages)
        summary = ", ".join(f"{name} {count}" for name, count in created.items())
        self.stdout.write(f"Konten demo portal publik siap (baru dibuat: {summary}).")
