#!/bin/sh
# Builds every image of deploy/compose.yaml from Debian packages on one bookworm base, no registry needed:
#
#   deploy/images/build.sh                         # from anywhere; docker (and, the first time, debootstrap)
#
#   spm-portal    deploy/Dockerfile            the portal: app hosts, worker, scheduler, migrate
#   spm-postgres  deploy/images/postgres/      PostgreSQL 15 (Debian)
#   spm-redis     deploy/images/redis/         Redis 7 (Debian)
#   spm-haproxy   deploy/images/haproxy/       HAProxy 2.6 (Debian), runs deploy/haproxy.cfg
#   spm-s3        deploy/images/s3/            moto's S3 server (PyPI, hash-checked), where MinIO is not available
#
# BASE_IMAGE (default spm-base:bookworm, made by deploy/images/base.sh with debootstrap when missing; or
# debian:bookworm-slim where a registry is reachable). Builds use the host's network (`--network host`:
# the daemon may have no bridge at all). The Python wheels of the locks are fetched on this host first
# (`pip download --require-hashes` into deploy/wheels/ and deploy/images/s3/wheels/, git-ignored) when the
# project's .venv exists, so a build needs PyPI only through this host's pip (proxy, certificates, cache);
# without it the images fetch them from PyPI themselves. Layers are cached by the daemon: a second build
# after a code change redoes only the portal's code and collectstatic layers.
set -eu
cd "$(dirname "$0")/../.."
DOCKER=${DOCKER:-docker}
BASE_IMAGE=${BASE_IMAGE:-spm-base:bookworm}
PIP=${PIP:-.venv/bin/pip}
if [ "$BASE_IMAGE" = spm-base:bookworm ]; then
  deploy/images/base.sh "$BASE_IMAGE"
fi
if [ -x "$PIP" ]; then
  echo "== wheels of requirements.lock and deploy/images/s3/requirements.lock (pip download --require-hashes)"
  "$PIP" download --quiet --no-deps --require-hashes -r requirements.lock -d deploy/wheels
  # django-haystack comes only as source: the image builds its wheel, with these build tools
  "$PIP" download --quiet --no-deps --require-hashes -r deploy/images/build-requirements.lock -d deploy/wheels
  "$PIP" download --quiet --no-deps --require-hashes -r deploy/images/s3/requirements.lock -d deploy/images/s3/wheels
fi
build() {  # TAG DOCKERFILE CONTEXT
  echo "== docker build --network host --build-arg BASE_IMAGE=$BASE_IMAGE -t $1 -f $2 $3"
  "$DOCKER" build --network host --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$1" -f "$2" "$3"
}
build spm-postgres deploy/images/postgres/Dockerfile deploy/images/postgres
build spm-redis deploy/images/redis/Dockerfile deploy/images/redis
build spm-haproxy deploy/images/haproxy/Dockerfile deploy/images/haproxy
build spm-s3 deploy/images/s3/Dockerfile deploy/images/s3
build spm-portal deploy/Dockerfile .
# Each code change leaves the previous build's images behind untagged: drop those older than a day (the
# cached apt and pip layers stay while a newer build uses them), so the data root does not grow forever.
"$DOCKER" image prune -f --filter until=24h >/dev/null
