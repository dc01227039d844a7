/**
 * npm run bench (part 2) — at bureau scale, medians on this machine:
 *   a county-wide consolidation (8 full functional classes, a full economic table, 300 project tables):
 *   read, check, check/read;  a folder of 200 department workbooks: workbooks per second with 1 and 2
 *   worker threads;  peak memory of the process (worker threads included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { checkGrid } from '../src/core/check.js';
import { budgetWorkbookBuffer, type LayoutOptions } from '../src/xlsx/budget-writer.js';
import { readWorkbookBuffer } from '../src/xlsx/read-file.js';
import type { Transcription } from '../src/xlsx/transcription.js';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';
import { measure, median, report } from './stats.js';
import { syntheticBudget } from './synthetic.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const catalogue = await loadCatalogue();

// ── the large workbook ──
const large = syntheticBudget({ classes: ['201', '205', '208', '210', '212', '213', '214', '221'], sections: 10, items: 9, projects: 300, seed: 2024 });
const bytes = await budgetWorkbookBuffer(large);
const grid = await readWorkbookBuffer('large.xlsx', bytes);
const cells = grid.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + (r?.filter(Boolean).length ?? 0), 0), 0);
const { report: largeReport } = await checkGrid('large.xlsx', grid, catalogue);
const exceljs = await measure('bare ExcelJS read (yardstick)', RUNS, () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer), 1);
const read = await measure('read large (.xlsx → grid, our reader)', RUNS, () => readWorkbookBuffer('large.xlsx', bytes), 1);
const check = await measure('check large (recognize + rules)', RUNS, () => checkGrid('large.xlsx', grid, catalogue), 1);
report(
  `large workbook — ${(bytes.length / 1024).toFixed(0)} KiB, ${cells} cells, ${largeReport.tables.length} tables (${largeReport.tables.filter((t) => t.id === 'performance-target').length} project tables), ${largeReport.findings.filter((f) => f.severity === 'error').length} errors`,
  [exceljs, read, check],
);
console.log(`against a bare ExcelJS read: our read ${(read.median / exceljs.median).toFixed(2)}×   read + check ${((read.median + check.median) / exceljs.median).toFixed(2)}×`);

// ── 200 department workbooks ──
const sample = JSON.parse(await readFile(fileURLToPath(new URL('../samples/data/caofeidian-hrss-2024.json', import.meta.url)), 'utf8')) as Transcription;
const layouts: Partial<LayoutOptions>[] = [{}, { codes: 'split' }, { unit: '元', numbers: 'text' }, { oneSheet: true }, { titles: 'alternate', totalRow: 'last' }];
const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
const files: string[] = [];
for (let i = 0; i < BATCH; i++) {
  const file = join(dir, `部门${String(i + 1).padStart(3, '0')}.xlsx`);
  writeFileSync(file, await budgetWorkbookBuffer(sample, layouts[i % layouts.length]!));
  files.push(file);
}
// End to end, as a bureau runs it: the CLI process, cold, with 1 and with 2 worker threads.
const batchRuns = Math.max(3, Math.floor(RUNS / 2));
const rates: Record<number, number> = {};
let batchPeak = 0;
for (const jobs of [1, 2]) {
  const times: number[] = [];
  for (let k = 0; k < batchRuns; k++) {
    const out = join(dir, 'report.json');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('./cli-with-rss.mjs', import.meta.url)), 'check', dir, '--jobs', String(jobs), '--format', 'json', '--out', out], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`the batch workbooks should check clean: ${r.stderr.slice(-500)}`);
    batchPeak = Math.max(batchPeak, Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0));
  }
  rates[jobs] = BATCH / (median(times) / 1000);
  console.log(`batch of ${BATCH} workbooks, ${jobs} worker thread${jobs > 1 ? 's' : ''} (whole CLI run): median ${(median(times) / 1000).toFixed(2)} s over ${batchRuns} runs → ${rates[jobs]!.toFixed(1)} workbooks/s`);
}
console.log(`2 workers / 1 worker = ${(rates[2]! / rates[1]!).toFixed(2)}×   peak memory of the batch CLI: ${(batchPeak / 1024).toFixed(0)} MiB`);
console.log(`peak memory of this benchmark process (large workbook included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(dir, { recursive: true, force: true });
