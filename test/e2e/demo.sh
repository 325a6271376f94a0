#!/usr/bin/env bash
# Builds the package and the sandbox, then starts the demo (sandbox + real n8n with the package loaded).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup.sh --no-system
npm run build
npx tsc -p tsconfig.tools.json
export DEMO_USER_FOLDER="${DEMO_USER_FOLDER:-$HOME/.cache/n8n-nodes-halopsa-marketplace/demo}"
mkdir -p "$DEMO_USER_FOLDER"
exec node build/test/e2e/demo.js
