#!/usr/bin/env bash
# The three type checks (everything; core without Node or the DOM; the pane with the DOM), side by
# side on the machine's cores. Fails if any fails, after all have reported.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
pids=()
for config in tsconfig.json tsconfig.core.json tsconfig.web.json; do
  npx tsc -p "$config" --noEmit &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
