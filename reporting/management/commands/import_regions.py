import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reporting.services.registry import region_import

DEFAULT_DIR = Path(settings.BASE_DIR) / "fixtures" / "regions"


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


class Command(BaseCommand):
    help = "Impor (ulang) registri wilayah tanpa menghapus akun atau laporan; mencatat perubahan kode."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=DEFAULT_DIR, help="Folder berisi provinces.csv dan regencies.csv"
        )

    def handle(self, *args, **options):
        folder: Path = options["dir"]
        try:
            provinces = _rows(folder / "provinces.csv")
            regencies = _rows(folder / "regencies.csv")
        except FileNotFoundError as error:
            raise CommandError(f"Berkas registri tidak ditemukan: {error.filename}") from error
        optional = {name: folder / name for name in ("non_autonomous.csv", "code_changes.csv")}
        non_autonomous = (
            {r["code"] for r in _rows(optional["non_autonomous.csv"])}
            if optional["non_autonomous.csv"].exists()
            else set()
        )
        changes = _rows(optional["code_changes.csv"]) if optional["code_changes.csv"].exists() else []
        result = region_import(
            provinces=provinces, regencies=regencies, non_autonomous=non_autonomous, code_changes=changes
        )
        self.stdout.write(
            f"Wilayah: {result.created} baru, {result.updated} diperbarui, {result.deactivated} dinonaktifkan, "
            f"{len(result.renamed)} berganti kode."
        )
