"""ops/bucket.py (the bucket half of backup.sh/restore.sh) against a real S3 API server: a restore brings
back a lost private file byte for byte and removes what the backup did not hold."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

SCRIPT = Path(settings.BASE_DIR) / "ops" / "bucket.py"


def _run(server, bucket, action, folder):
    env = {**os.environ, "STORAGE_URL": server.storage_url(bucket)}
    result = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [sys.executable, str(SCRIPT), action, str(folder)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_restore_brings_back_a_lost_file_and_drops_one_made_after_the_backup(s3_server, s3_bucket, tmp_path):
    private = storages["private"]
    name = private.save("data-dukung/2026/04/bukti.pdf", ContentFile(b"%PDF-1.4 bukti"))
    storages["default"].save("original_images/peta.png", ContentFile(b"\x89PNG peta"))
    _run(s3_server, s3_bucket, "backup", tmp_path / "bucket")
    assert (tmp_path / "bucket" / "private" / name).read_bytes() == b"%PDF-1.4 bukti"

    private.delete(name)  # disaster, and a file that did not exist at backup time
    later = private.save("data-dukung/2026/05/baru.pdf", ContentFile(b"%PDF baru"))
    _run(s3_server, s3_bucket, "restore", tmp_path / "bucket")

    with private.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 bukti"
    assert not private.exists(later)
    assert sorted(s3_server.keys(s3_bucket)) == ["media/original_images/peta.png", f"private/{name}"]


def test_without_a_bucket_the_script_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("STORAGE_URL", "AWS_STORAGE_BUCKET_NAME")}
    result = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [sys.executable, str(SCRIPT), "backup", str(tmp_path)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "STORAGE_URL" in result.stderr


def test_create_makes_the_missing_bucket_once(s3_server, tmp_path):
    """`ops/bucket.py create`: deploy/compose.yaml's migrate service makes the private bucket with it."""
    name = f"spm-create-{os.getpid()}"
    env = {**os.environ, "STORAGE_URL": s3_server.storage_url(name)}
    runs = [
        subprocess.run(  # noqa: S603 -- our own script, fixed arguments
            [sys.executable, str(SCRIPT), "create"], env=env, capture_output=True, text=True, timeout=60
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert "created" in runs[0].stdout and "already there" in runs[1].stdout
    assert s3_server.keys(name) == []
