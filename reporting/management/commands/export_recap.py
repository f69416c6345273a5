from django.core.management.base import BaseCommand, CommandError

from reporting.models import Period, Region, Report
from reporting.services.excel_export import recap_write


class Command(BaseCommand):
    help = "Tulis rekap capaian nasional satu periode ke berkas .xlsx (mode streaming, memori tetap kecil)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--output", required=True, help="Berkas tujuan, misalnya rekap-2026-tw1.xlsx")

    def handle(self, *args, year, quarter, output, **options):
        period = Period.objects.filter(year=year, quarter=quarter).first()
        if period is None:
            raise CommandError(f"Periode TW {quarter} {year} tidak ada.")
        rows = recap_write(period=period, reports=Report.objects.all(), regions=Region.objects.all(), output=output)
        self.stdout.write(f"{rows} baris layanan ditulis ke {output}.")
