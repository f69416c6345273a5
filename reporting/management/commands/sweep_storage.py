"""``manage.py sweep_storage``: leftover files and incomplete uploads out of the storage (core.sweep), and old
submission records (reporting.services.idempotency). Run on the scheduler host (ops/README.md)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.sweep import DEFAULT_GRACE, storage_leftovers, storage_sweep
from reporting.services.idempotency import submissions_prune

SUBMISSION_DAYS = 7  # a resend after a lost answer comes within minutes; a week is plenty


class Command(BaseCommand):
    help = (
        "Hapus berkas di penyimpanan yang tidak dirujuk baris mana pun (lebih tua dari masa tenggang), unggahan "
        "multipart yang tidak selesai, dan catatan kiriman formulir yang lama."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-hours", type=float, default=DEFAULT_GRACE.total_seconds() / 3600, help="Masa tenggang (jam)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Hanya tampilkan, jangan hapus.")
        parser.add_argument(
            "--list-orphans",
            action="store_true",
            help="Cetak kunci bucket berkas yatim saja, satu per baris (untuk ops/bucket.py backup --skip).",
        )

    def handle(self, *args, grace_hours, dry_run, list_orphans, **options):
        grace = datetime.timedelta(hours=grace_hours)
        if list_orphans:
            for key in storage_leftovers(grace=grace).bucket_keys():
                self.stdout.write(key)
            return
        found = storage_leftovers(grace=grace) if dry_run else storage_sweep(grace=grace)
        verb = "akan dihapus" if dry_run else "dihapus"
        for alias, name in found.orphans:
            self.stdout.write(f"berkas yatim {verb}: {alias}:{name}")
        for _alias, key, upload_id in found.uploads:
            self.stdout.write(f"unggahan tidak selesai {verb}: {key} ({upload_id})")
        pruned = 0 if dry_run else submissions_prune(before=timezone.now() - datetime.timedelta(days=SUBMISSION_DAYS))
        self.stdout.write(
            f"{len(found.orphans)} berkas yatim dan {len(found.uploads)} unggahan tidak selesai {verb}; "
            f"{pruned} catatan kiriman lama dihapus."
        )
