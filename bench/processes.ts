/**
 * npm run bench (part 3) — fresh processes, as a clerk or a bureau runs them, median of BENCH_PROCESS_RUNS
 * (default 3) each — the quick ones taken in turn, median of BENCH_CHEAP_RUNS (default 9) — against
 * yardsticks measured in the same run on the same files:
 *   bare `node -e 0`;  `budget-check --help`;  the whole check of the sample;
 *   a bare ExcelJS read and the whole check (with peak memory) of the county-size workbook and of a
 *   ten-times larger one (about 500,000 cells).
 * The targets of issue 13 are printed beside each ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { budgetWorkbookBuffer } from '../src/xlsx/budget-writer.js';
import { median } from './stats.js';
import { syntheticBudget } from './synthetic.js';

const RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 3);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here('../bin/budget-check.js');
const WITH_RSS = here('./cli-with-rss.mjs');
const EXCELJS = here('./exceljs-read.mjs');
const SAMPLE = here('../samples/caofeidian-hrss-2024.xlsx');

interface Run {
  ms: number;
  rssMiB: number;
}

function timedOnce(args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return { ms, rssMiB: Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 };
}

function timed(args: string[]): Run[] {
  return Array.from({ length: RUNS }, () => timedOnce(args));
}

const ms = (runs: Run[]) => median(runs.map((r) => r.ms));
const peak = (runs: Run[]) => Math.max(...runs.map((r) => r.rssMiB));
const line = (name: string, value: number, unit: string, note = '') => console.log(`${name.padEnd(52)}${value.toFixed(unit === '×' ? 2 : 0).padStart(9)} ${unit.padEnd(4)}${note}`);
const verdict = (ratio: number, target: number) => `target ≤ ${target}× — ${ratio <= target ? 'met' : 'NOT met'}`;

/**
 * The quick yardsticks (bare node, --help, the sample) are a few hundred milliseconds each, so the
 * machine's load swings them by a third: they are run in turn, CHEAP_RUNS times, so a ratio compares
 * runs made under the same load.
 */
const CHEAP_RUNS = Math.max(RUNS, Number(process.env.BENCH_CHEAP_RUNS ?? 9));
const quick: Record<'bare' | 'help' | 'sample', Run[]> = { bare: [], help: [], sample: [] };
for (let i = 0; i < CHEAP_RUNS; i++) {
  quick.bare.push(timedOnce(['-e', '0']));
  quick.help.push(timedOnce([BIN, '--help']));
  quick.sample.push(timedOnce([BIN, 'check', SAMPLE]));
}
console.log(`\nfresh processes — node ${process.version}; bare node, --help and the sample in turn, median of ${CHEAP_RUNS}; the rest median of ${RUNS}`);
const bare = ms(quick.bare);
const help = ms(quick.help);
const sample = ms(quick.sample);
line('bare node -e 0', bare, 'ms');
line('budget-check --help', help, 'ms');
line('  --help / bare node', help / bare, '×', verdict(help / bare, 1.5));
line('budget-check check <sample>', sample, 'ms');
line('  sample check / bare node', sample / bare, '×', verdict(sample / bare, 3));

const dir = mkdtempSync(join(tmpdir(), 'bench-proc-'));
const classes = ['201', '205', '208', '210', '212', '213', '214', '221'];
const workbooks = [
  { name: 'county', target: 0.5, options: { classes, sections: 10, items: 9, projects: 300, seed: 2024 } },
  { name: 'ten-times', target: 0.2, memory: 300, options: { classes, sections: 58, items: 58, projects: 300, seed: 2024 } },
];
for (const w of workbooks) {
  const file = join(dir, `${w.name}.xlsx`);
  const bytes = await budgetWorkbookBuffer(syntheticBudget(w.options));
  writeFileSync(file, bytes);
  const read = timed([EXCELJS, file]);
  const check = timed([WITH_RSS, 'check', file, '--format', 'json', '--out', join(dir, `${w.name}.json`)]);
  console.log(`\n${w.name} workbook — ${(bytes.length / 1024).toFixed(0)} KiB`);
  line('bare ExcelJS read', ms(read), 'ms', `peak ${peak(read).toFixed(0)} MiB`);
  line('budget-check check (whole run)', ms(check), 'ms', `peak ${peak(check).toFixed(0)} MiB${w.memory ? ` (target < ${w.memory} MiB — ${peak(check) < w.memory ? 'met' : 'NOT met'})` : ''}`);
  line('  check / ExcelJS read', ms(check) / ms(read), '×', verdict(ms(check) / ms(read), w.target));
}
rmSync(dir, { recursive: true, force: true });
