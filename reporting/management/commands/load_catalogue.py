import csv
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.services.catalogue import catalogue_copy_year, catalogue_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "catalogue"


class Command(BaseCommand):
    help = "Muat katalog SPM (6 urusan, 43 jenis pelayanan dasar) untuk satu tahun, atau salin dari tahun lain."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--copy-from", type=int, help="Salin katalog tahun ini ke --year")
        parser.add_argument("--file", type=Path, default=FIXTURES / "spm_catalogue.json")

    def handle(self, *args, **options):
        if options["copy_from"]:
            copied = catalogue_copy_year(from_year=options["copy_from"], to_year=options["year"])
            self.stdout.write(f"{copied} jenis pelayanan disalin ke {options['year']}.")
            return
        with (FIXTURES / "urusan.csv").open(encoding="utf-8") as handle:
            urusan_rows = list(csv.DictReader(handle))
        items = json.loads(options["file"].read_text(encoding="utf-8"))["items"]
        count = catalogue_load(year=options["year"], urusan_rows=urusan_rows, items=items)
        self.stdout.write(f"Katalog {options['year']}: {count} jenis pelayanan dasar.")
