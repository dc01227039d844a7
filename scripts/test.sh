#!/usr/bin/env bash
# npm test: types, the CLI build, unit and rule tests, the manifest, the browser tests — then one total.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
export TEST_COUNTS_FILE="$PWD/test-results/counts.jsonl"
rm -f "$TEST_COUNTS_FILE"
npm run typecheck
npm run build:cli
TEST_LABEL=unit npx vitest run
npm run validate
TEST_LABEL=e2e npm run test:e2e
node -e '
const rows = require("fs").readFileSync(process.env.TEST_COUNTS_FILE, "utf8").trim().split("\n").map(JSON.parse);
const t = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`\ntotal: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
process.exitCode = t.failed ? 1 : 0;'
