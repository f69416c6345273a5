from pathlib import Path

from django.core.management.base import BaseCommand

from reporting.accounts.services.accounts import accounts_workbook, pemda_accounts_create
from reporting.models import Region


class Command(BaseCommand):
    help = (
        "Buat akun untuk setiap pemda dengan password acak masing-masing (wajib diganti saat login pertama) "
        "dan tulis daftar distribusinya ke berkas .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("pemda-accounts.xlsx"))
        parser.add_argument("--region", action="append", default=[], help="Kode login tertentu saja (boleh berulang)")
        parser.add_argument("--reset", action="store_true", help="Buat password baru juga untuk akun yang sudah ada")

    def handle(self, *args, **options):
        regions = Region.objects.filter(is_active=True)
        if options["region"]:
            regions = regions.filter(login_code__in=options["region"])
        output: Path = options["output"]

        def store(issued) -> None:  # the file first, in the transaction: an unwritable file changes no password
            output.write_bytes(accounts_workbook(issued))
            output.chmod(0o600)

        issued = pemda_accounts_create(regions=regions, reset_existing=options["reset"], store=store)
        self.stdout.write(f"{len(issued)} akun diberi password baru; daftar ditulis ke {output} (simpan dengan aman).")
