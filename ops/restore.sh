#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into DATABASE_URL and the media folders.
#
#   DATABASE_URL=postgres://user:pass@host:5432/spm MEDIA_ROOT=/srv/spm/media \
#   PRIVATE_MEDIA_ROOT=/srv/spm/private_media ops/restore.sh /backups/spm-2026-04-01
#
# Stop the application first (no request may write while the database is replaced). The checksums
# are verified before anything is touched; the database objects are dropped and recreated
# (--clean --if-exists), the media folders are replaced by the archived ones and, when the backup has
# bucket.tar.gz, the bucket (STORAGE_URL or AWS_*) is made to hold exactly the archived objects.
set -euo pipefail

source_dir=${1:?usage: restore.sh BACKUP_DIR}
source "$(dirname "$0")/_paths.sh"

(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$source_dir/db.dump"

replace() {  # replace DIR NAME: the folder's content becomes the archive's
  local dir=$1 name=$2
  mkdir -p "$dir"
  find "$dir" -mindepth 1 -delete
  tar -C "$dir" -xzf "$source_dir/$name.tar.gz"
}
replace "$media" media
replace "$private" private_media
if [ -f "$source_dir/bucket.tar.gz" ]; then
  objects=$(mktemp -d)
  trap 'rm -rf "$objects"' EXIT
  tar -C "$objects" -xzf "$source_dir/bucket.tar.gz"
  "$python" "$here/ops/bucket.py" restore "$objects"
fi
echo "restored from $source_dir"
