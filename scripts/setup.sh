#!/usr/bin/env bash
# Everything the tests, the demo and the benchmarks need, installed from this repository's own files, so a
# brand-new machine needs nothing but a clone: the npm packages (npm ci, again whenever package-lock.json
# changes; the same for the local registry in scripts/registry/), the Debian packages of the browser and queue-mode tests, and the pinned real n8n on Node 24.
# npm's pre/post hooks are not used: .npmrc sets ignore-scripts, which skips them.
# Usage: scripts/setup.sh [--no-system]   (--no-system: the demo needs no Chromium, Redis or PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.setup-lock-sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > "$stamp"
fi
# The local npm registry of the install tests has its own package.json and lock (scripts/registry/).
registry_stamp=scripts/registry/node_modules/.setup-lock-sha256
registry_sum=$(sha256sum scripts/registry/package-lock.json | cut -d' ' -f1)
if [ ! -f "$registry_stamp" ] || [ "$(cat "$registry_stamp")" != "$registry_sum" ]; then
  echo "setup: installing the local registry (npm ci in scripts/registry)" >&2
  (cd scripts/registry && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$registry_sum" > "$registry_stamp"
fi
if [ "${1:-}" != "--no-system" ]; then
  bash scripts/install-system.sh
fi
bash scripts/install-n8n.sh >/dev/null
