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
# The type checks, the manifest and the pane's build need nothing built: they run beside the CLI
# build, whose output the unit tests need (their output is kept apart and printed after it, so the log
# reads in order). The browser tests, which run last, wait for the pane's build.
start_time=$SECONDS
npm run typecheck > test-results/typecheck.log 2>&1 &
typecheck_pid=$!
npm run validate > test-results/manifest.log 2>&1 &
manifest_pid=$!
(bash scripts/ensure-chromium.sh && npm run build) > test-results/pane-build.log 2>&1 &
pane_pid=$!
stage build npm run build:cli
wait "$typecheck_pid" || failed_stages+=(typecheck)
cat test-results/typecheck.log
wait "$manifest_pid" || failed_stages+=(manifest)
cat test-results/manifest.log
echo "build, type checks and manifest: $((SECONDS - start_time)) s"
stage unit env TEST_LABEL=unit npx vitest run
echo "… unit tests done at $((SECONDS - start_time)) s"
pane_built=true
wait "$pane_pid" || { pane_built=false; failed_stages+=(pane-build); }
tail -n 20 test-results/pane-build.log
$pane_built && stage e2e env TEST_LABEL=e2e npx vitest run -c vitest.e2e.config.ts
echo "… browser tests done at $((SECONDS - start_time)) s"
FAILED_STAGES="${failed_stages[*]:-}" node -e '
const text = require("fs").readFileSync(process.env.TEST_COUNTS_FILE, "utf8").trim();
const rows = text ? text.split("\n").map(JSON.parse) : [];
const t = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const stages = process.env.FAILED_STAGES;
console.log(`\ntotal: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped` + (stages ? ` — stages failed: ${stages}` : ""));
process.exitCode = t.failed || stages ? 1 : 0;'
