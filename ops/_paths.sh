# Sourced by backup.sh and restore.sh: the database and the two media folders they work on.
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
media=${MEDIA_ROOT:-$here/media}
private=${PRIVATE_MEDIA_ROOT:-$here/private_media}
python=${PYTHON:-$here/.venv/bin/python}
