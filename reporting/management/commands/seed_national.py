import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.models import Region, RegionLevel, ServiceType
from reporting.services.periods import periods_create_year
from reporting.services.seed import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_SEED,
    estimated_rows,
    load_test_accounts_issue,
    seed_national,
)

DEFAULT_ACCOUNTS_FILE = Path(settings.BASE_DIR) / "tmp" / "load-test-accounts.txt"


class Command(BaseCommand):
    help = (
        "Isi basis data dengan data sintetis nasional yang deterministik (setiap pemda aktif x 6 urusan x 4 triwulan "
        "x 5 tahun) untuk uji beban dan benchmark. Hanya untuk basis data uji, jangan di produksi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provinces",
            type=int,
            default=0,
            help="Hanya N provinsi pertama (menurut kode) beserta kab/kotanya; 0 = semua (skala nasional)",
        )
        parser.add_argument("--years", type=int, default=5, help="Jumlah tahun, berakhir di --last-year (bawaan 5)")
        parser.add_argument("--last-year", type=int, default=timezone.localdate().year)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Benih acak; benih sama = data sama")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--accounts",
            type=int,
            default=0,
            help="Buat/atur ulang akun pemda untuk N kab/kota pertama dengan password acak (uji beban)",
        )
        parser.add_argument(
            "--accounts-file",
            type=Path,
            default=DEFAULT_ACCOUNTS_FILE,
            help="Berkas (mode 600, tidak masuk git) tempat password akun uji beban ditulis",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and "production" in settings.SETTINGS_MODULE:
            raise CommandError("seed_national tidak boleh dijalankan dengan pengaturan produksi.")
        years = list(range(options["last_year"] - options["years"] + 1, options["last_year"] + 1))
        if not years:
            raise CommandError("--years harus minimal 1.")
        if not Region.objects.exists():
            call_command("import_regions", stdout=self.stdout)
        for year in years:
            if not ServiceType.objects.filter(year=year).exists():
                call_command("load_catalogue", year=year, stdout=self.stdout)
            periods_create_year(year=year)
        regions = self._regions(options["provinces"])
        self.stdout.write(
            f"Membuat data {len(regions)} pemda, tahun {years[0]}-{years[-1]} (benih {options['seed']})..."
        )
        started = time.monotonic()
        result = seed_national(
            regions=regions,
            years=years,
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress=self.stdout.write,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.reports} laporan baru ({result.skipped} sudah ada), {result.entries} jenis pelayanan, "
                f"{result.mutu_entries} mutu, {result.activities} kegiatan, {result.problems} permasalahan, "
                f"{result.events} riwayat: {estimated_rows(result, time.monotonic() - started)}."
            )
        )
        if options["accounts"]:
            self._accounts(regions, options["accounts"], options["accounts_file"])

    def _regions(self, provinces: int) -> list[Region]:
        active = Region.objects.filter(is_active=True)
        if provinces:
            codes = list(
                active.filter(level=RegionLevel.PROVINSI).order_by("code").values_list("pk", flat=True)[:provinces]
            )
            active = active.filter(pk__in=codes) | active.filter(province__in=codes)
        return list(active.order_by("code"))

    def _accounts(self, regions: list[Region], count: int, path: Path) -> None:
        kabkota = [r for r in regions if r.level == RegionLevel.KABKOTA][:count]
        provinces = {r.province_id for r in kabkota}
        chosen = kabkota + [r for r in regions if r.pk in provinces]
        issued = load_test_accounts_issue(regions=chosen)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
        path.chmod(0o600)
        lines = [
            "# Akun uji beban (seed_national). Password acak per jalankan; jangan dipakai di produksi.",
            "# username<TAB>password<TAB>kode wilayah<TAB>tingkat",
        ]
        lines += [f"{i.username}\t{i.password}\t{i.region.code}\t{i.region.level}" for i in issued]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(issued)} akun uji beban; password ditulis ke {path}")
