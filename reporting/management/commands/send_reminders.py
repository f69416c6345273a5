import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.jobs.queue import job_start
from reporting.models import JobKind
from reporting.services.reminders import reminders_resend_expired, reminders_send


class Command(BaseCommand):
    help = (
        "Kirim e-mail pengingat ke pemda yang laporannya belum dikirim N hari sebelum batas input; setiap pemda, "
        "periode dan N paling banyak sekali (lihat reporting/MONITORING.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", default="7,1", help="Hari sebelum batas input, dipisah koma (bawaan: 7,1).")
        parser.add_argument("--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB).")
        parser.add_argument("--dry-run", action="store_true", help="Hanya tampilkan siapa yang akan diingatkan.")
        parser.add_argument(
            "--queue", action="store_true", help="Masukkan ke antrean pekerjaan (dijalankan db_worker), bukan di sini."
        )

    def handle(self, *args, days, date, dry_run, queue, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
            day_list = sorted({int(d) for d in days.split(",") if d.strip()})
        except ValueError as error:
            raise CommandError("Format --date harus YYYY-MM-DD dan --days berupa angka, misalnya 7,1.") from error
        if queue:
            job = job_start(kind=JobKind.REMINDERS, user=None, params={"date": today.isoformat(), "days": day_list})
            self.stdout.write(f"Pengingat masuk antrean sebagai pekerjaan #{job.pk}.")
            return
        if not dry_run:  # first the reminders of a run that stopped mid-way (their claim expired)
            resent = reminders_resend_expired()
            if resent:
                self.stdout.write(f"{len(resent)} pengingat dari putaran yang terhenti dikirim ulang.")
        for n in day_list:
            reminders = reminders_send(today=today, days=n, dry_run=dry_run)
            for r in reminders:
                prefix = "[uji] " if dry_run else ""
                self.stdout.write(
                    f"{prefix}{r.region.login_code} {r.period}: {', '.join(r.missing)} -> {', '.join(r.recipients)}"
                )
            self.stdout.write(f"{len(reminders)} pengingat untuk batas {n} hari lagi.")
