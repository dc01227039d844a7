#!/usr/bin/env node
// Entry point for `npx budget-check`: runs the compiled CLI (npm install builds it via "prepare").
import { existsSync } from 'node:fs';

const launcher = new URL('../build/cli/launch.js', import.meta.url);
if (!existsSync(launcher)) {
  process.stderr.write('budget-check 尚未编译，请先运行 npm install（或 npm run build:cli） / not built yet: run npm install (or npm run build:cli)\n');
  process.exit(2);
}
try {
  const { loadCli } = await import(launcher.href);
  const argv = process.argv.slice(2);
  const { cli } = await loadCli(argv);
  process.exitCode = await cli.main(argv);
} catch (e) {
  process.stderr.write(`budget-check 内部错误 / internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 3;
}
