#!/usr/bin/env bash
# System packages the test suite needs beyond npm: Debian's Chromium (the editor test), Redis and
# PostgreSQL (the queue-mode test: n8n's queue mode needs both), OpenSSL (the registry install test's
# certificate). Run by
# scripts/setup.sh (which `npm test` runs first) and idempotent: nothing is installed when everything is already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >&2 || {
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >&2
}
