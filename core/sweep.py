"""Leftover files: objects no database row names, and S3 multipart uploads never completed.

A file is written to the storage inside the transaction that records it (an upload, a job's result): when
that transaction does not commit (the host killed, the database cut, a conflict after the write), the row
is gone and the file stays, holding a pemda's figures or an account list. And an upload the storage never
finished (a host killed mid-upload) stays as an incomplete multipart upload, invisible in listings but
stored and billed. ``storage_leftovers`` finds both, older than a grace period (a file written a second
ago may belong to a transaction still running); ``storage_sweep`` deletes them
(``manage.py sweep_storage``, run on the scheduler host; ops/README.md). ``ops/backup.sh`` skips them.

What names a file: every ``FileField`` of every model (report files, SK Tim, rencana aksi, forum
attachments, Wagtail images, renditions and documents) and the storage-name text fields listed in
``NAME_FIELDS`` (a job's upload and result).
"""

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.utils import timezone

ALIASES = ("default", "private")
# Text fields that hold a storage name (``app_label.Model``, field).
NAME_FIELDS = (("reporting.Job", "upload"), ("reporting.Job", "result"))
DEFAULT_GRACE = datetime.timedelta(hours=24)


@dataclass
class Leftovers:
    orphans: list[tuple[str, str]] = field(default_factory=list)  # (storage alias, name in that storage)
    uploads: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, key, upload id)

    def bucket_keys(self) -> list[str]:
        """The orphans as keys of the bucket (with the storage's prefix), for ``ops/bucket.py --skip``."""
        keys = []
        for alias, name in self.orphans:
            location = getattr(storages[alias], "location", "")
            keys.append(f"{location.strip('/')}/{name}" if location else name)
        return sorted(keys)


def named_files() -> set[str]:
    """Every storage name a row holds."""
    names: set[str] = set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                names |= _values(model, model_field.attname)
    for label, attname in NAME_FIELDS:
        names |= _values(apps.get_model(label), attname)
    return names


def _values(model, attname: str) -> set[str]:
    return set(model._default_manager.exclude(**{attname: ""}).values_list(attname, flat=True).distinct())


def _s3(storage) -> bool:
    return hasattr(storage, "bucket") and hasattr(storage, "connection")


def stored_files(storage) -> Iterator[tuple[str, datetime.datetime]]:
    """(name, last modified) of every file in ``storage``: a bucket prefix or a local folder."""
    if _s3(storage):
        prefix = f"{storage.location.strip('/')}/" if storage.location else ""
        for item in storage.bucket.objects.filter(Prefix=prefix):
            yield item.key[len(prefix) :], item.last_modified
    elif isinstance(storage, FileSystemStorage) and os.path.isdir(storage.location):
        for folder, _dirs, files in os.walk(storage.location):
            for name in files:
                path = os.path.join(folder, name)
                modified = datetime.datetime.fromtimestamp(os.path.getmtime(path), tz=datetime.UTC)
                yield os.path.relpath(path, storage.location).replace(os.sep, "/"), modified


def incomplete_uploads(storage) -> Iterator[tuple[str, str, datetime.datetime]]:
    """(key, upload id, started) of the multipart uploads under ``storage``'s prefix that never completed."""
    if not _s3(storage):
        return
    prefix = f"{storage.location.strip('/')}/" if storage.location else ""
    client = storage.connection.meta.client
    for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=storage.bucket_name, Prefix=prefix):
        for upload in page.get("Uploads", []):
            yield upload["Key"], upload["UploadId"], upload["Initiated"]


def storage_leftovers(*, grace: datetime.timedelta = DEFAULT_GRACE, now=None) -> Leftovers:
    """The files older than ``grace`` that no row names, and the incomplete uploads older than ``grace``."""
    cutoff = (now or timezone.now()) - grace
    named = named_files()
    found = Leftovers()
    seen_buckets = set()
    for alias in ALIASES:
        storage = storages[alias]
        found.orphans += [
            (alias, name) for name, modified in stored_files(storage) if name not in named and modified < cutoff
        ]
        bucket = (getattr(storage, "bucket_name", None), getattr(storage, "location", None))
        if bucket not in seen_buckets:
            seen_buckets.add(bucket)
            found.uploads += [
                (alias, key, upload_id) for key, upload_id, started in incomplete_uploads(storage) if started < cutoff
            ]
    return found


def storage_sweep(*, grace: datetime.timedelta = DEFAULT_GRACE, now=None) -> Leftovers:
    """Delete what ``storage_leftovers`` finds; returns it."""
    found = storage_leftovers(grace=grace, now=now)
    for alias, name in found.orphans:
        storages[alias].delete(name)
    for alias, key, upload_id in found.uploads:
        storage = storages[alias]
        storage.connection.meta.client.abort_multipart_upload(Bucket=storage.bucket_name, Key=key, UploadId=upload_id)
    return found
