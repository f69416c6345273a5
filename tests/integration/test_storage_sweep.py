"""Leftover files (issue 23, item 7): an upload whose transaction did not commit leaves its object behind; the
sweep deletes objects no row names once they are past the grace period, aborts multipart uploads never
completed, keeps every file a row names, and the bucket backup skips the leftovers."""

import datetime
import sys
from pathlib import Path

import pytest

from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.sweep import storage_leftovers, storage_sweep
from reporting.models import SupportingFile
from reporting.services import files as file_services
from reporting.services import reports as report_services
from tests import factories
from tests.functional.test_report_pages import make_catalogue

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ops"))
import bucket as bucket_tool  # noqa: E402 -- ops/bucket.py, a script beside the project

pytestmark = pytest.mark.django_db
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
LATER = timezone.now() + datetime.timedelta(days=2)  # past the 24 h grace for everything written now


class Interrupted(Exception):
    """Stands for the kill or the cut database between the object's write and the commit."""


@pytest.fixture
def report(kabkota, pemda_user):
    urusan = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    make_catalogue(urusan)
    period = factories.PeriodFactory(year=2026, quarter=1)
    return report_services.report_get_or_create(region=kabkota, urusan=urusan, period=period)


def _upload(report, user, name: str) -> SupportingFile:
    return file_services.supporting_file_add(
        report=report, user=user, uploaded=SimpleUploadedFile(name, PDF, content_type="application/pdf")
    )


def _orphan(report, user) -> str:
    """An upload whose transaction is rolled back after the object was written: the object stays."""
    before = _all_private()
    with pytest.raises(Interrupted), transaction.atomic():
        _upload(report, user, "hilang.pdf")
        raise Interrupted
    (left,) = _all_private() - before
    assert not SupportingFile.objects.filter(file=left).exists()
    return left


def _all_private() -> set[str]:
    from core.sweep import stored_files

    return {name for name, _ in stored_files(storages["private"])}


def test_the_sweep_deletes_only_unnamed_files_past_the_grace_and_aborts_stale_multipart_uploads(
    s3_bucket, s3_server, report, pemda_user
):
    kept = _upload(report, pemda_user, "tetap.pdf")
    orphan = _orphan(report, pemda_user)
    young = storage_sweep()  # within the grace: a transaction may still be running
    assert young.orphans == [] and young.uploads == []
    assert orphan in _all_private()
    # An upload a killed host never completed (moto dates every upload's start in 2010: its grace is not tested).
    client = s3_server.client()
    started = client.create_multipart_upload(Bucket=s3_bucket, Key="private/data-dukung/terputus.pdf")
    client.upload_part(Bucket=s3_bucket, Key=started["Key"], UploadId=started["UploadId"], PartNumber=1, Body=PDF)

    swept = storage_sweep(now=LATER)
    assert swept.orphans == [("private", orphan)]
    assert [key for _alias, key, _id in swept.uploads] == ["private/data-dukung/terputus.pdf"]
    assert _all_private() == {kept.file.name}  # the named file stays
    assert client.list_multipart_uploads(Bucket=s3_bucket).get("Uploads", []) == []
    assert SupportingFile.objects.get(pk=kept.pk).file.read() == PDF


def test_the_bucket_backup_skips_the_leftovers(s3_bucket, s3_server, report, pemda_user, tmp_path):
    kept = _upload(report, pemda_user, "tetap.pdf")
    orphan = _orphan(report, pemda_user)
    skip = frozenset(storage_leftovers(now=LATER).bucket_keys())
    assert skip == {f"private/{orphan}"}
    saved = bucket_tool.bucket_backup(s3_server.client(), s3_bucket, tmp_path, skip=skip)
    assert saved == 1
    assert (tmp_path / "private" / kept.file.name).read_bytes() == PDF
    assert not (tmp_path / "private" / orphan).exists()


def test_the_command_sweeps_local_folders_too_and_lists_for_the_backup(settings, tmp_path, report, pemda_user, capsys):
    # Folders of this test alone: the run's shared ones hold files other tests left (their rows rolled back).
    # PRIVATE_MEDIA_ROOT alone would not move storages["private"]; STORAGES must change (setting_changed).
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    kept = _upload(report, pemda_user, "tetap.pdf")
    orphan = _orphan(report, pemda_user)
    call_command("sweep_storage", "--grace-hours", "0", "--list-orphans")
    assert capsys.readouterr().out.split() == [f"{storages['private'].location.strip('/')}/{orphan}"]
    call_command("sweep_storage", "--grace-hours", "0")
    assert "1 berkas yatim" in capsys.readouterr().out
    assert _all_private() == {kept.file.name}
