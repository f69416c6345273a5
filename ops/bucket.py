"""Back up and restore the object storage bucket (media/ and private/), the bucket half of backup.sh.

    STORAGE_URL=s3+http://KEY:SECRET@minio:9000/spm .venv/bin/python ops/bucket.py backup /backups/x/bucket
    STORAGE_URL=... .venv/bin/python ops/bucket.py restore /backups/x/bucket
    STORAGE_URL=... .venv/bin/python ops/bucket.py create      # the private bucket, when it is missing

The bucket is read from the same variables as the portal (STORAGE_URL, or AWS_STORAGE_BUCKET_NAME with
AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME). A backup is a folder
with one file per object (its key as the path), without the leftovers ``--skip`` lists (files no row names,
from ``manage.py sweep_storage --list-orphans``; incomplete multipart uploads are never listed as objects); a restore makes the bucket hold exactly those objects:
missing or changed ones are uploaded, ones the backup does not have are deleted.
"""

import argparse
import hashlib
import os
import sys
from pathlib import Path

import boto3

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.storage_settings import s3_options  # noqa: E402 -- after the path to the project is known


def bucket_from_environment(env=os.environ) -> tuple[object, str]:
    options = s3_options(
        url=env.get("STORAGE_URL", ""),
        bucket=env.get("AWS_STORAGE_BUCKET_NAME", ""),
        endpoint_url=env.get("AWS_S3_ENDPOINT_URL", ""),
        access_key=env.get("AWS_ACCESS_KEY_ID", ""),
        secret_key=env.get("AWS_SECRET_ACCESS_KEY", ""),
        region=env.get("AWS_S3_REGION_NAME", ""),
    )
    if options is None:
        raise SystemExit("no bucket configured: set STORAGE_URL or AWS_STORAGE_BUCKET_NAME")
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
        region_name=options["region_name"],
    )
    return client, options["bucket_name"]


def _objects(client, bucket: str) -> dict[str, str]:
    """Every key of the bucket with its ETag (the MD5 of single-part uploads)."""
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            found[item["Key"]] = item["ETag"].strip('"')
    return found


def _safe_path(folder: Path, key: str) -> Path:
    path = (folder / key).resolve()
    if folder.resolve() not in path.parents:
        raise SystemExit(f"refusing key outside the backup folder: {key!r}")
    return path


def bucket_backup(client, bucket: str, folder: Path, *, skip: frozenset[str] = frozenset()) -> int:
    """Download every object into ``folder`` except the keys in ``skip`` (leftovers no row names, listed by
    ``manage.py sweep_storage --list-orphans``); returns how many were saved."""
    objects = {key: tag for key, tag in _objects(client, bucket).items() if key not in skip}
    for key in objects:
        path = _safe_path(folder, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        client.download_file(bucket, key, str(path))
    return len(objects)


def bucket_restore(client, bucket: str, folder: Path) -> int:
    """Make the bucket hold exactly the backup's objects; returns how many were uploaded."""
    present = _objects(client, bucket)
    wanted = {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}
    uploaded = 0
    for key, path in wanted.items():
        if present.get(key) != hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest():
            client.upload_file(str(path), bucket, key)
            uploaded += 1
    for key in present.keys() - wanted.keys():
        client.delete_object(Bucket=bucket, Key=key)
    return uploaded


def bucket_create(client, bucket: str) -> bool:
    """Make the (private) bucket unless it exists; True when it was made."""
    try:
        client.head_bucket(Bucket=bucket)
    except client.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket"):
            raise
        client.create_bucket(Bucket=bucket)
        return True
    return False


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["backup", "restore", "create"])
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--skip", type=Path, help="backup: a file of keys to leave out, one per line")
    args = parser.parse_args(argv)
    if args.action != "create" and args.folder is None:
        parser.error(f"{args.action} needs a folder")
    client, bucket = bucket_from_environment()
    if args.action == "create":
        made = bucket_create(client, bucket)
        print(f"bucket {bucket} {'created' if made else 'already there'}")  # noqa: T201
    elif args.action == "backup":
        args.folder.mkdir(parents=True, exist_ok=True)
        skip = frozenset(args.skip.read_text().split()) if args.skip else frozenset()
        saved = bucket_backup(client, bucket, args.folder, skip=skip)
        print(f"{saved} objects of {bucket} saved in {args.folder} ({len(skip)} leftovers skipped)")  # noqa: T201
    else:
        print(f"{bucket_restore(client, bucket, args.folder)} objects restored into {bucket}")  # noqa: T201


if __name__ == "__main__":
    main()
