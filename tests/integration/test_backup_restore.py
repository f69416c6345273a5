"""ops/backup.sh and ops/restore.sh as a round trip on PostgreSQL: reports with their figures, history
and files come back exactly after being lost."""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from django.conf import settings
from django.db import connection

from reporting.models import Report, ReportEvent, SupportingFile
from reporting.services import reports as report_services
from tests.functional import permission_matrix as pm

OPS = Path(settings.BASE_DIR) / "ops"
BASH = shutil.which("bash") or "/bin/bash"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup/restore uses pg_dump and pg_restore: run with DATABASE_URL on PostgreSQL",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="pg_dump/pg_restore not installed (apt-get install postgresql-client)",
    ),
]


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "localhost"
    return f"postgres://{auth}@{host}:{s.get('PORT') or 5432}/{s['NAME']}"


def _run(script: str, folder: Path, tmp_path: Path):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    connection.close()  # pg_restore drops tables: no open transaction of ours may hold a lock
    result = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [BASH, str(OPS / script), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _snapshot():
    return {
        "reports": sorted(Report.objects.values_list("pk", "status", "version", "pagu_total", "figures_filled")),
        "entries": sorted(Report.objects.values_list("entries__pk", "entries__harus_dilayani", "entries__terlayani")),
        "events": sorted(ReportEvent.objects.values_list("pk", "kind", "field", "old_value", "new_value")),
        "files": sorted(SupportingFile.objects.values_list("pk", "file", "size")),
    }


def test_backup_then_restore_brings_back_reports_history_and_files(tmp_path):
    world = pm.world_build()
    owner = world.users["kabkota"]
    entries = {
        world.entry.pk: {
            "harus_dilayani": 100,
            "terlayani": 90,
            "mutu": {world.mutu.pk: {"harus_dipenuhi": 10, "terpenuhi": 5}},
        }
    }
    report_services.report_capaian_save(
        report=world.draft, user=owner, expected_version=world.draft.version, entries=entries
    )
    before = _snapshot()
    record = SupportingFile.objects.get(pk=world.draft_file.pk)
    content = record.file.read()
    record.file.close()
    assert before["events"] and content.startswith(b"%PDF")

    _run("backup.sh", tmp_path / "backup", tmp_path)
    assert {p.name for p in (tmp_path / "backup").iterdir()} >= {
        "db.dump",
        "media.tar.gz",
        "private_media.tar.gz",
        "SHA256SUMS",
    }

    # Disaster: the report and its files are gone.
    file_path = Path(record.file.path)
    Report.objects.filter(pk=world.draft.pk).delete()
    file_path.unlink()
    assert _snapshot() != before

    _run("restore.sh", tmp_path / "backup", tmp_path)
    assert _snapshot() == before
    assert file_path.read_bytes() == content


def test_restore_refuses_a_damaged_backup(tmp_path):
    pm.world_build()
    _run("backup.sh", tmp_path / "backup", tmp_path)
    with open(tmp_path / "backup" / "db.dump", "ab") as dump:
        dump.write(b"rusak")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(tmp_path / "m"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "p"),
    }
    result = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [BASH, str(OPS / "restore.sh"), str(tmp_path / "backup")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert Report.objects.exists()
