/**
 * npm run bench — medians over repeated runs on this machine, on the bundled sample.
 *   read:      .xlsx bytes → grid (our reader), and a bare ExcelJS read of the same bytes as the yardstick
 *   recognize: grid → 25 tables
 *   rules:     tables → findings (all rules, localisation included)
 *   per rule:  one rule alone, and per item it evaluates
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';
import { checkGrid } from '../src/core/check.js';
import { recognize } from '../src/core/recognize/recognize.js';
import { runRules } from '../src/core/rules/run.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { readWorkbookBuffer } from '../src/xlsx/read-file.js';
import { measure, report } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const sample = fileURLToPath(new URL('../samples/caofeidian-hrss-2024.xlsx', import.meta.url));

const bytes = await readFile(sample);
const catalogue = await loadCatalogue();
const grid = await readWorkbookBuffer(sample, bytes);
const recognition = recognize(grid, catalogue.vocab);

const exceljs = await measure('bare ExcelJS read (yardstick)', RUNS, () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer));
const read = await measure('read (.xlsx → grid, our reader)', RUNS, () => readWorkbookBuffer(sample, bytes));
const rec = await measure('recognize (grid → 25 tables)', RUNS * 5, () => recognize(grid, catalogue.vocab));
const rules = await measure(`rules (${catalogue.rules.length} rules → findings)`, RUNS * 5, () => runRules(catalogue.rules, recognition, catalogue.vocab, grid, 'zh-CN'));
const check = await measure('check (recognize + rules)', RUNS * 5, () => checkGrid(sample, grid, catalogue));
const whole = await measure('whole file (read + check)', RUNS, async () => checkGrid(sample, await readWorkbookBuffer(sample, bytes), catalogue));
report(`budget-check benchmark — sample ${(bytes.length / 1024).toFixed(0)} KiB, node ${process.version}`, [exceljs, read, rec, rules, check, whole]);
console.log(`\nagainst a bare ExcelJS read: our read ${(read.median / exceljs.median).toFixed(2)}×   check ${(check.median / exceljs.median).toFixed(2)}×   read + check ${(whole.median / exceljs.median).toFixed(2)}×`);

const { runs } = await runRules(catalogue.rules, recognition, catalogue.vocab, grid, 'zh-CN');
const perRule = [];
for (const r of runs) {
  const t = await measure(r.rule.id, RUNS * 5, () => runRules([r.rule], recognition, catalogue.vocab, grid, 'zh-CN'));
  perRule.push({ ...t, items: r.items, failures: r.failures });
}
console.log(`\nper rule (alone)                             median ms  items     failing  µs/item`);
for (const t of perRule.sort((a, b) => b.median - a.median)) {
  console.log(`${t.name.padEnd(44)}${t.median.toFixed(3).padStart(10)}${String(t.items).padStart(7)}${String(t.failures).padStart(13)}${(t.items ? (t.median * 1000) / t.items : 0).toFixed(1).padStart(9)}`);
}
const items = perRule.reduce((s, t) => s + t.items, 0);
console.log(`\n${items} rule evaluations per check: ${((rules.median * 1000) / items).toFixed(1)} µs per evaluation (median check ÷ items)`);
