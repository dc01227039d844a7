#!/usr/bin/env bash
# npm test: types, the CLI build, unit and rule tests, the manifest, the browser tests — then one
# total. A failing stage does not stop the others: the total is printed whatever happens.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
export TEST_COUNTS_FILE="$PWD/test-results/counts.jsonl"
rm -f "$TEST_COUNTS_FILE"
touch "$TEST_COUNTS_FILE"
failed_stages=()
stage() {
  local name=$1
  shift
  "$@" || failed_stages+=("$name")
}
stage typecheck npm run typecheck
stage build npm run build:cli
stage unit env TEST_LABEL=unit npx vitest run
stage manifest npm run validate
stage e2e env TEST_LABEL=e2e npm run test:e2e
FAILED_STAGES="${failed_stages[*]:-}" node -e '
const text = require("fs").readFileSync(process.env.TEST_COUNTS_FILE, "utf8").trim();
const rows = text ? text.split("\n").map(JSON.parse) : [];
const t = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const stages = process.env.FAILED_STAGES;
console.log(`\ntotal: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped` + (stages ? ` — stages failed: ${stages}` : ""));
process.exitCode = t.failed || stages ? 1 : 0;'
