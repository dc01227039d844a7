#!/usr/bin/env bash
# The type checks: src/core alone, without Node or the DOM (tsc -b, which also writes the declarations
# the other two read instead of checking core again: 38 s of work became 26), then everything else
# and the pane with the DOM, side by side on the machine's cores. Fails if any fails, after all have reported.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx tsc -b tsconfig.core.json || status=1
pids=()
for config in tsconfig.json tsconfig.web.json; do
  npx tsc -p "$config" --noEmit &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
