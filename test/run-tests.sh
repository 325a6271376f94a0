#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone on a brand-new machine. Installs what it needs
# (scripts/setup.sh), builds, lints (the project's ESLint and n8n's own package scanner on the source and
# the packed tarball), then runs the fast unit tier, and the in-process and real-n8n suites.
# `npm run reliability` (--reliability) runs the reliability suites so that they rewrite their sections of
# RELIABILITY.md instead of failing when it differs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
mkdir -p test/artifacts
if [ "${1:-}" = "--reliability" ]; then
  RELIABILITY_WRITE=1 npx jest --runInBand test/inprocess/faultMatrix test/inprocess/badInputMatrix test/inprocess/highLevelWebhookTrigger test/inprocess/hostileServers test/inprocess/rateLimits test/inprocess/errorOutput test/inprocess/seams test/e2e/secrets
  exit 0
fi
npm run lint
# The tools the suites do not import (bench/, the sandbox CLI) still compile.
npx tsc --noEmit -p tsconfig.tools.json
rm -f test/artifacts/jest-unit.json test/artifacts/jest-rest.json
status=0
npx jest --runInBand --testPathPattern '/test/unit/' --json --outputFile=test/artifacts/jest-unit.json || status=$?
if [ "$status" -eq 0 ]; then
  npx jest --runInBand --testPathIgnorePatterns '/test/unit/' --json --outputFile=test/artifacts/jest-rest.json || status=$?
fi
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of ["test/artifacts/jest-unit.json", "test/artifacts/jest-rest.json"]) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
exit "$status"
