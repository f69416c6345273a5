#!/bin/sh
# The Debian bookworm base of every image (deploy/Dockerfile and deploy/images/*/Dockerfile) when no image
# registry is reachable: `debootstrap --variant=minbase` from the Debian mirror apt uses, then `docker import`.
# Where a registry is reachable, skip this and build with the official base (BASE_IMAGE=debian:bookworm-slim).
#
#   deploy/images/base.sh [TAG]        (as root; docker and debootstrap installed; default TAG spm-base:bookworm)
#
# Nothing happens when the image is already there (the first build takes a few minutes, the next ones none).
set -eu
TAG=${1:-spm-base:bookworm}
DOCKER=${DOCKER:-docker}
if "$DOCKER" image inspect "$TAG" >/dev/null 2>&1; then
  echo "== $TAG is there"
  exit 0
fi
# The mirror of this machine's apt (deb822 or one-line sources), else Debian's CDN.
MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)}
MIRROR=${MIRROR:-$(awk '$1 == "deb" && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${DEBIAN_SECURITY_MIRROR:-$(echo "$MIRROR" | sed 's#/debian/*$#/debian-security#')}
root=$(mktemp -d "${TMPDIR:-/var/tmp}/spm-base.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "== debootstrap --variant=minbase bookworm from $MIRROR"
debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$root.log" 2>&1 || { tail -n 30 "$root.log"; exit 1; }
rm -f "$root.log"
# Point releases and security fixes reach every image's apt-get; recommended packages never come along.
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
SOURCES
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90spm-no-recommends"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/tmp/* "$root"/var/log/*.log
echo "== docker import $TAG"
tar -C "$root" -c . | "$DOCKER" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' - "$TAG"
