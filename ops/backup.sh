#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the uploaded files
# (MEDIA_ROOT: CMS documents and forum attachments; PRIVATE_MEDIA_ROOT: data dukung, SK Tim, rencana aksi).
#
#   DATABASE_URL=postgres://user:pass@host:5432/spm MEDIA_ROOT=/srv/spm/media \
#   PRIVATE_MEDIA_ROOT=/srv/spm/private_media ops/backup.sh /backups/spm-$(date +%F)
#
# With object storage (STORAGE_URL or AWS_STORAGE_BUCKET_NAME, as the portal reads them) the bucket's objects
# (media/ and private/) are saved too, by ops/bucket.py, into bucket.tar.gz.
#
# Writes into the target folder: db.dump, media.tar.gz, private_media.tar.gz, [bucket.tar.gz,] SHA256SUMS.
# Reports, their figures, history (ReportEvent) and files' records are all in db.dump; the files
# themselves are in the two archives. Restore with ops/restore.sh.
set -euo pipefail

target=${1:?usage: backup.sh TARGET_DIR}
source "$(dirname "$0")/_paths.sh"

mkdir -p "$target"
# Custom format: compressed, restorable table by table, consistent snapshot of one transaction.
pg_dump --format=custom --no-owner --no-privileges --file="$target/db.dump" "$DATABASE_URL"

archive() {  # archive DIR NAME: an empty archive when the folder does not exist yet
  local dir=$1 name=$2
  if [ -d "$dir" ]; then
    tar -C "$dir" -czf "$target/$name.tar.gz" .
  else
    tar -czf "$target/$name.tar.gz" -T /dev/null
  fi
}
archive "$media" media
archive "$private" private_media

archives=(db.dump media.tar.gz private_media.tar.gz)
if [ -n "${STORAGE_URL:-}${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  objects=$(mktemp -d)
  trap 'rm -rf "$objects" "$objects.skip"' EXIT
  # Leftovers no row names (core/sweep.py) stay out of the backup. Listing them needs the portal's settings
  # (DJANGO_SETTINGS_MODULE, as on the app hosts); if it fails, everything is saved rather than nothing.
  if ! "$python" "$here/manage.py" sweep_storage --list-orphans > "$objects.skip"; then
    echo "note: could not list leftover files; the backup keeps every object" >&2
    : > "$objects.skip"
  fi
  "$python" "$here/ops/bucket.py" backup "$objects" --skip "$objects.skip"
  tar -C "$objects" -czf "$target/bucket.tar.gz" .
  archives+=(bucket.tar.gz)
fi

(cd "$target" && sha256sum "${archives[@]}" > SHA256SUMS)
echo "backup written to $target"
