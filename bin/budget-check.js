#!/usr/bin/env node
// Entry point for `npx budget-check`: runs the compiled CLI (npm install builds it via "prepare").
// CommonJS (bin/package.json), as build/cli/launch.cjs is: the ES module loader would cost more to
// start than the whole check of a small workbook's rules (launch.cts says how much).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const launcher = join(__dirname, '..', 'build', 'cli', 'launch.cjs');
if (!existsSync(launcher)) {
  process.stderr.write('budget-check 尚未编译，请先运行 npm install（或 npm run build:cli） / not built yet: run npm install (or npm run build:cli)\n');
  process.exit(2);
}
// A reader that stops early (budget-check check … | head) closes the pipe: the rest is not wanted, and
// the check is no failure of ours. Node would otherwise die with a stack trace on the next write.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
(async () => {
  try {
    const { loadCli } = require(launcher);
    const argv = process.argv.slice(2);
    const { cli } = await loadCli(argv);
    process.exitCode = await cli.main(argv);
  } catch (e) {
    process.stderr.write(`budget-check 内部错误 / internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  }
})();
